import { ReadPool } from '../api/reads/pool.js';
const rss = () => Math.round(process.memoryUsage().rss / 1e6);
const base = rss();
const pool = await new ReadPool({ db: '/tmp/exp1.db', artifacts: '/tmp/exp1-art', maxBodyBytes: 1e6, maxUploadBytes: 1e6, threads: Number(process.argv[2]), readHeapMb: process.argv[3] ? Number(process.argv[3]) : undefined }).ready();
await new Promise((r) => setTimeout(r, 2000));
console.log('threads', process.argv[2], 'heap', process.argv[3] ?? 512, 'rss delta MB', rss() - base);
await pool.close();
