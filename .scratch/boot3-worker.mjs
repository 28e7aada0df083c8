import { parentPort } from 'node:worker_threads';
const t0 = performance.now();
const { register } = await import('tsx/esm/api');
register();
await import('../api/reads/execute-query.ts');
await import('../api/mlflow/routes.ts');
await import('../api/artifacts/run-artifacts.ts');
parentPort.postMessage({ all: (performance.now() - t0).toFixed(0) });
