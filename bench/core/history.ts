import { performance } from 'node:perf_hooks';
import { connect } from '../../db/connect.js';
import { TrackingStore } from '../../db/store/index.js';
import { HttpClient, parseGraphql } from '../lib/http-client.js';
import { measureSequential } from '../lib/sequential.js';
import { startServerProcess } from '../lib/server-process.js';
import { tempDir } from '../lib/tmp.js';

const HISTORY_QUERY = `query History($runId: ID!, $key: String!, $maxPoints: Int, $minStep: Long, $maxStep: Long) {
  metricHistory(runId: $runId, key: $key, maxPoints: $maxPoints, minStep: $minStep, maxStep: $maxStep) {
    totalPoints sampled bucketWidth lastSeq points { step timestamp value min max count }
  }
}`;

interface Series {
  totalPoints: number;
  sampled: boolean;
  points: unknown[];
}

/**
 * metricHistory of one `points`-point series (steps 0..points-1) downsampled to `maxPoints`: the whole
 * series, and random zoom windows (which read pyramid nodes plus raw points at the window's edges).
 */
export async function history(options: { points: number; maxPoints: number; requests: number }) {
  const dir = tempDir('history');
  try {
    const seedStarted = performance.now();
    const runId = await seed(dir.file('t.db'), options.points);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const server = await startServerProcess({ db: dir.file('t.db'), artifacts: dir.file('a'), label: 'history' });
    const http = new HttpClient(server.url, 1);
    const ask = async (variables: Record<string, unknown>) => {
      const body = JSON.stringify({ query: HISTORY_QUERY, variables: { runId, key: 'loss', maxPoints: options.maxPoints, ...variables } });
      return parseGraphql<{ metricHistory: Series }>(await http.post('/graphql', body)).metricHistory;
    };
    try {
      const whole = await ask({});
      if (whole.totalPoints !== options.points || !whole.sampled || whole.points.length > options.maxPoints) {
        throw new Error(`history: expected ${options.points} points sampled to <= ${options.maxPoints}, got ${JSON.stringify({ ...whole, points: whole.points.length })}`);
      }
      const full = await measureSequential(options.requests, 10, async () => void (await ask({})));
      let random = 7;
      const next = () => ((random = (Math.imul(random, 1103515245) + 12345) >>> 0) / 2 ** 32);
      const zoom = await measureSequential(options.requests, 10, async () => {
        // A window of 5-50% of the series at a random place: unaligned edges, so raw points are read too.
        const width = Math.floor(options.points * (0.05 + next() * 0.45));
        const minStep = Math.floor(next() * (options.points - width));
        await ask({ minStep, maxStep: minStep + width });
      });
      return { full, zoom, seedSeconds };
    } finally {
      http.close();
      await server.stop();
    }
  } finally {
    dir.remove();
  }
}

/** One run, one key, steps 0..points-1, written through the store in 1,000-point batches. */
async function seed(file: string, points: number): Promise<string> {
  const store = await new TrackingStore(connect(file)).init();
  try {
    const run = await store.runs.create({ experimentId: '0' });
    for (let first = 0; first < points; first += 1000) {
      const metrics = Array.from({ length: Math.min(1000, points - first) }, (_, i) => {
        const step = first + i;
        return { key: 'loss', value: 1 / (1 + step / 10_000) + Math.sin(step) / 100, step, timestamp: 1_700_000_000_000 + step };
      });
      await store.log.batch(run.id, { metrics });
    }
    return run.id;
  } finally {
    await store.close();
  }
}
