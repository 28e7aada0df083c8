import { connect } from '../../db/connect.js';
import { TrackingStore } from '../../db/store/index.js';

/**
 * Databases for the dashboard bench, written through the TrackingStore on the file before the server
 * starts (the same rows the APIs would write, faster than HTTP).
 */

/** `runs` runs with `params` params and `metrics` latest metrics each: the runs bench's database. */
export { seed as seedRuns } from '../core/runs-query.js';

/** One run with `keys` metrics of `points` points each (steps 0..points-1), in 1,000-point batches. */
export async function seedLongRun(file: string, options: { keys: number; points: number }): Promise<{ experimentId: string; runId: string }> {
  const store = await new TrackingStore(connect(file)).init();
  try {
    const experiment = await store.experiments.create({ name: 'long-run' });
    const run = await store.runs.create({ experimentId: experiment.id, name: 'long' });
    for (let k = 0; k < options.keys; k++) {
      for (let first = 0; first < options.points; first += 1000) {
        const metrics = Array.from({ length: Math.min(1000, options.points - first) }, (_, i) => {
          const step = first + i;
          // A decaying curve with noise and a rare spike: the envelope must keep the spikes visible.
          const spike = step % 99_991 === 0 ? 5 : 0;
          return { key: `m${k}`, value: 1 / (1 + step / 50_000) + Math.sin(step * (k + 1)) / 50 + spike, step, timestamp: 1_700_000_000_000 + step * 10 };
        });
        await store.log.batch(run.id, { metrics });
      }
    }
    return { experimentId: experiment.id, runId: run.id };
  } finally {
    await store.close();
  }
}
