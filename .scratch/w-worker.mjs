import { parentPort, workerData } from 'node:worker_threads'; import { register } from 'tsx/esm/api'; register();
const m = await import('../api/reads/worker.ts'); parentPort.postMessage(1);
