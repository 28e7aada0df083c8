import type { Queryable } from '../connect.js';

/** The distinct steps of one series, ascending (MLflow's bulk-interval sampling works on steps). */
export async function distinctSteps(db: Queryable, runId: string, key: string): Promise<number[]> {
  const rows = await db
    .selectFrom('metrics')
    .select('step')
    .distinct()
    .where('run_id', '=', runId)
    .where('key', '=', key)
    .orderBy('step')
    .execute();
  return rows.map((r) => Number(r.step));
}

export interface StepPoint {
  step: number;
  timestamp: number;
  value: number;
  isNan: number;
}

/** The points of one series at the given steps, ordered by (step, timestamp, value), at most `limit`. */
export async function pointsAtSteps(db: Queryable, runId: string, key: string, steps: readonly number[], limit: number): Promise<StepPoint[]> {
  const out: StepPoint[] = [];
  // Chunked: one bound parameter per step, and both dialects cap parameters per statement.
  for (let i = 0; i < steps.length && out.length < limit; i += 5000) {
    const rows = await db
      .selectFrom('metrics')
      .select(['step', 'timestamp', 'value', 'is_nan'])
      .where('run_id', '=', runId)
      .where('key', '=', key)
      .where('step', 'in', steps.slice(i, i + 5000))
      .orderBy('step')
      .orderBy('timestamp')
      .orderBy('is_nan')
      .orderBy('value')
      .limit(limit - out.length)
      .execute();
    for (const r of rows) out.push({ step: Number(r.step), timestamp: Number(r.timestamp), value: r.value, isNan: r.is_nan });
  }
  return out;
}
