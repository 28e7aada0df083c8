import { Worker } from 'node:worker_threads';
const rss = () => Math.round(process.memoryUsage().rss / 1e6);
const base = rss();
const w = new Worker(new URL('./w-worker.mjs', import.meta.url), { workerData: { db: '/tmp/exp1.db', artifacts: '/tmp/exp1-art' } });
w.on('message', () => { setTimeout(() => { console.log('worker.ts rss delta MB', rss() - base); w.terminate(); }, 2000); });
w.on('error', (e) => console.log(e));
