import { performance } from 'node:perf_hooks';
import { connect } from '../../db/connect.js';
import { TrackingStore } from '../../db/store/index.js';
import { HttpClient, parseGraphql } from '../lib/http-client.js';
import { measureSequential } from '../lib/sequential.js';
import { startServerProcess } from '../lib/server-process.js';
import { tempDir } from '../lib/tmp.js';

export interface RunsQueryOptions {
  runs: number;
  params: number;
  metrics: number;
  requests: number;
}

const runsQueryFor = (node: string) => `query Runs($experimentIds: [ID!]!, $filter: String, $orderBy: [String!]) {
  runs(experimentIds: $experimentIds, filter: $filter, orderBy: $orderBy, first: 100) {
    edges { cursor node { ${node} } }
    pageInfo { hasNextPage endCursor }
  }
}`;
/** What the runs table needs (and MLflow's runs/search returns): each run with its params and latest metrics. */
const FULL_RUNS = runsQueryFor('id name status startTime params { key value } latestMetrics { key value step timestamp }');
/** The same search with almost nothing per run: shows what the search itself costs. */
const RUN_IDS = runsQueryFor('id name');

/**
 * runs() over `runs` runs with `params` params and `metrics` metrics each, filtered on a param and a
 * metric and ordered by a metric, first 100. The database is seeded through the TrackingStore on the
 * file before the server starts (faster than HTTP, same rows).
 */
export async function runsQuery(options: RunsQueryOptions) {
  const dir = tempDir('runs');
  try {
    const seedStarted = performance.now();
    const experimentId = await seed(dir.file('t.db'), options);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const server = await startServerProcess({ db: dir.file('t.db'), artifacts: dir.file('a'), label: 'runs' });
    const http = new HttpClient(server.url, 1);
    try {
      let matched = 0;
      const measure = (query: string) =>
        measureSequential(options.requests, 20, async (i) => {
          // Vary the filter so each request reads a different slice (no answer is cached anywhere).
          const variables = {
            experimentIds: [experimentId],
            filter: `params.p0 = 'v${i % 10}' and metrics.m0 < ${(0.3 + (i % 5) / 10).toFixed(1)}`,
            orderBy: [`metrics.m${1 + (i % 3)} DESC`],
          };
          const data = parseGraphql<{ runs: { edges: unknown[] } }>(await http.post('/graphql', JSON.stringify({ query, variables })));
          matched += data.runs.edges.length;
        });
      const latencies = await measure(FULL_RUNS);
      const idsOnly = await measure(RUN_IDS);
      if (matched === 0) throw new Error('runs query: no run matched the filter; the seed or the query is wrong');
      return { latencies, idsOnly, seedSeconds, averagePage: matched / (2 * (options.requests + 20)) };
    } finally {
      http.close();
      await server.stop();
    }
  } finally {
    dir.remove();
  }
}

/** The runs bench's database; the dashboard bench seeds its tables with it too. */
export async function seed(file: string, options: Pick<RunsQueryOptions, 'runs' | 'params' | 'metrics'>): Promise<string> {
  const store = await new TrackingStore(connect(file)).init();
  try {
    const experiment = await store.experiments.create({ name: 'runs-bench' });
    let random = 1;
    // A small LCG: deterministic values without pulling a generator in.
    const next = () => ((random = (Math.imul(random, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let r = 0; r < options.runs; r++) {
      const run = await store.runs.create({ experimentId: experiment.id, startTime: 1_700_000_000_000 + r * 1000 });
      await store.log.batch(run.id, {
        params: Array.from({ length: options.params }, (_, p) => ({ key: `p${p}`, value: `v${Math.floor(next() * 10)}` })),
        metrics: Array.from({ length: options.metrics }, (_, m) => ({ key: `m${m}`, value: next(), step: 100, timestamp: 1_700_000_000_000 })),
      });
    }
    return experiment.id;
  } finally {
    await store.close();
  }
}
