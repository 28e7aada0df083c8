import { Worker } from 'node:worker_threads';
const rss = () => Math.round(process.memoryUsage().rss / 1e6);
const base = rss();
const file = process.argv[2];
const w = new Worker(new URL(file, import.meta.url), { resourceLimits: process.argv[3] ? { maxYoungGenerationSizeMb: Number(process.argv[3]) } : undefined });
w.on('message', () => { setTimeout(() => { console.log(file, 'rss delta MB', rss() - base); w.terminate(); }, 1500); });
