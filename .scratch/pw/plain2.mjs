import { Worker } from 'node:worker_threads';
const w = new Worker(new URL('./boot.mjs', import.meta.url));
w.on('message', (m) => { console.log('msg', m); w.terminate(); });
w.on('error', (e) => console.log('error', e.message));
