import { connect } from '../db/connect.js';
import { TrackingStore } from '../db/store/index.js';
import { createGraphqlHandler } from '../api/graphql.js';
import { InProcessBus } from '../schema/live/bus.js';
import { rmSync } from 'node:fs';
process.env.NODE_ENV='production';
const path = '/tmp/exp1.db';
const fresh = process.argv[2] === 'fresh';
if (fresh) for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
const store = await new TrackingStore(connect(path)).init();
let ids: string[] = [];
if (fresh) {
  for (let r = 0; r < 50; r++) {
    const run = await store.createRun({ experimentId: '0', name: `r${r}` });
    ids.push(run.id);
    for (let b = 0; b < 10; b++) {
      await store.logBatch(run.id, { metrics: Array.from({ length: 1000 }, (_, i) => ({ key: 'loss', value: Math.random(), step: b * 1000 + i, timestamp: 1 })) });
    }
    await store.logBatch(run.id, { params: Array.from({length: 100}, (_, i) => ({ key: `p${i}`, value: 'v'.repeat(10) })) });
  }
} else {
  ids = (await store.db.kysely.selectFrom('runs').select('id').execute()).map((r) => r.id);
}
const yoga = createGraphqlHandler({ store, bus: new InProcessBus() });
async function q(query: string, variables: any) {
  const t0 = performance.now();
  const res = await yoga.fetch('http://x/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const text = await res.text();
  const t1 = performance.now();
  return { ms: (t1 - t0).toFixed(0), bytes: text.length, head: text.slice(0, 150) };
}
for (const n of [5, 20]) {
  const t0 = performance.now();
  const s = await store.metricHistory(ids.slice(0, n), 'loss', { maxPoints: 10000 });
  const t1 = performance.now();
  const js = JSON.stringify(s);
  const t2 = performance.now();
  console.log(`store.metricHistory ${n} runs x 10000: ${(t1 - t0).toFixed(0)} ms, stringify ${(t2 - t1).toFixed(0)} ms ${js.length} bytes`);
  console.log('gql', n, await q(`query($ids:[ID!]!){ metricHistories(key:"loss", runIds:$ids, maxPoints:10000){ points { step value } } }`, { ids: ids.slice(0, n) }));
  console.log('gql', n, await q(`query($ids:[ID!]!){ metricHistories(key:"loss", runIds:$ids, maxPoints:10000){ points { step value } } }`, { ids: ids.slice(0, n) }));
}
console.log('params', await q(`query{ runs(experimentIds:["0"], first: 50){ edges { node { params { key value } } } } }`, {}));
console.log('params', await q(`query{ runs(experimentIds:["0"], first: 50){ edges { node { params { key value } } } } }`, {}));
const t0 = performance.now();
const rows = store.db.sqlite!.prepare('select step, timestamp, value, is_nan, seq from metrics where run_id = ? and key = ?').all(ids[0], 'loss');
console.log('raw sql 10000 rows', (performance.now() - t0).toFixed(1), rows.length);
const t3 = performance.now();
const rows2 = store.db.sqlite!.prepare('select step, timestamp, value, is_nan, seq from metrics where run_id in (' + ids.map(() => '?').join(',') + ') and key = ?').all(...ids, 'loss');
console.log('raw sql 500000 rows', (performance.now() - t3).toFixed(1), rows2.length);
await store.close();
