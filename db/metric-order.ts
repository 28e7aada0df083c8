/**
 * The two orders of metric points that the store keeps summaries by, each written once here and used
 * both in SQL (the upserts that keep the summaries, db/repositories/metric-writes.ts) and in
 * JavaScript (a write's candidates, the pyramid, subscriptions merging events).
 *
 * - A metric's latest value is its point with the greatest (step, timestamp, value), NaN counting as 0
 *   in that comparison: MLflow's rule for latest_metrics. A point logged late at an older step changes
 *   the history, not the latest value.
 * - A pyramid bucket's last point is its greatest by (step, timestamp, seq, value): the write order
 *   (seq) decides between points at the same step and time.
 *
 * Stored rows keep NaN as value 0 with is_nan 1, so comparing the stored value column is the rule.
 */
export const LATEST_ORDER = ['step', 'timestamp', 'value'] as const;
export const BUCKET_LAST_ORDER = ['step', 'timestamp', 'seq', 'value'] as const;

type Ordered<K extends string> = { readonly [key in K]: number };

/** > 0 when `a` is later than `b` in the given order (values compared with NaN as 0). */
export function compareBy<K extends string>(order: readonly K[], a: Ordered<K>, b: Ordered<K>): number {
  for (const key of order) {
    const x = asStored(a[key]);
    const y = asStored(b[key]);
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

const asStored = (v: number) => (Number.isNaN(v) ? 0 : v);

/** Whether `a` would replace `b` as a metric's latest value. */
export const isLater = (a: Ordered<(typeof LATEST_ORDER)[number]>, b: Ordered<(typeof LATEST_ORDER)[number]>) => compareBy(LATEST_ORDER, a, b) > 0;
