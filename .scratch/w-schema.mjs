import { parentPort } from 'node:worker_threads'; import { register } from 'tsx/esm/api'; register();
await import('../schema/index.ts'); parentPort.postMessage(1);
