import { Worker } from 'node:worker_threads';
const t0 = performance.now();
const w = new Worker(new URL('./boot3-worker.mjs', import.meta.url));
w.on('message', (m) => { console.log(m, 'total', (performance.now() - t0).toFixed(0)); w.terminate(); });
w.on('error', (e) => console.log('error', e));
