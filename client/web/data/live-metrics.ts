import { decodeMetricValue } from '../../../common/metric-value.js';
import { client, errorCode, errorText, onSocket } from './client.js';
import { MetricsLoggedDoc } from './operations.js';

export interface LivePoint {
  key: string;
  value: number;
  step: number;
  timestamp: number;
}

export interface MetricsWatch {
  runIds: readonly string[];
  keys?: readonly string[];
  /** the seq each run's loaded history was read at (MetricSeries.lastSeq): the stream continues after it */
  cursors: ReadonlyMap<string, number>;
  onWrite(runId: string, seq: number, points: LivePoint[]): void;
  /** the server could not replay the gap (RESYNC_REQUIRED): reload the histories and watch again */
  onResync(): void;
}

/**
 * metricsLogged for a set of runs, resumed without a gap or a duplicate: the watch remembers the last
 * seq it saw per run, and when the socket drops it ends its subscription and, once the socket is back,
 * subscribes again with `since` set to those seqs (graphql-ws's own retry would resend the original
 * cursors and replay points twice). Returns the stop function.
 */
export function watchMetrics(watch: MetricsWatch): () => void {
  const cursors = new Map(watch.cursors);
  let subscription: { unsubscribe(): void } | undefined;
  let stopped = false;

  const start = () => {
    if (stopped || watch.runIds.length === 0) return;
    const variables = {
      runIds: [...watch.runIds],
      keys: watch.keys ? [...watch.keys] : null,
      since: [...cursors].map(([runId, seq]) => ({ runId, seq })),
    };
    subscription = client.subscription(MetricsLoggedDoc, variables).subscribe((result) => {
      if (result.error) {
        if (errorCode(result.error) === 'RESYNC_REQUIRED') {
          stop();
          watch.onResync();
        } else console.warn('trackline: metricsLogged failed:', errorText(result.error));
        return;
      }
      const write = result.data?.metricsLogged;
      if (!write) return;
      const last = cursors.get(write.runId) ?? 0;
      if (write.seq <= last) return; // already seen (cannot happen with since, but costs nothing)
      cursors.set(write.runId, write.seq);
      watch.onWrite(
        write.runId,
        write.seq,
        write.metrics.map((m) => ({ key: m.key, value: decodeMetricValue(m.value), step: m.step, timestamp: m.timestamp })),
      );
    });
  };
  const end = () => {
    subscription?.unsubscribe();
    subscription = undefined;
  };
  const offClosed = onSocket('closed', end);
  const offReconnected = onSocket('reconnected', () => {
    end();
    start();
  });
  const stop = () => {
    stopped = true;
    end();
    offClosed();
    offReconnected();
  };
  start();
  return stop;
}
