import { workerData } from 'node:worker_threads';
import { connect } from '../../db/connect.js';
const db = connect(workerData.db);
export default async function run(task: { sql: string }) {
  const rows = db.sqlite!.prepare(task.sql).all();
  return { n: rows.length, pid: process.pid };
}
