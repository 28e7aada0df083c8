import { parentPort } from 'node:worker_threads'; import { register } from 'tsx/esm/api'; register(); parentPort.postMessage(1);
