import { parentPort } from 'node:worker_threads'; import { register } from 'tsx/esm/api'; register();
await import('../api/reads/execute-query.ts'); await import('../api/mlflow/routes.ts'); parentPort.postMessage(1);
