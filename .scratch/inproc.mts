import { performance } from 'node:perf_hooks';
import { connect } from '../db/connect.js';
import { TrackingStore } from '../db/store/index.js';
import { createGraphqlHandler } from '../api/graphql.js';
import { InProcessBus } from '../schema/live/bus.js';
process.env.NODE_ENV = 'production';
const store = new TrackingStore(connect('/tmp/exp1.db', { readonly: true }));
const yoga = createGraphqlHandler({ store, bus: new InProcessBus() });
for (const q of ['{ __typename }', '{ experiments { totalCount } }']) {
  for (let w = 0; w < 100; w++) await yoga.fetch('http://x/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q }) });
  const t1 = performance.now();
  for (let i = 0; i < 500; i++) {
    const r = await yoga.fetch('http://x/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q }) });
    await r.arrayBuffer();
  }
  console.log(q, ((performance.now() - t1) / 500).toFixed(3), 'ms');
}
