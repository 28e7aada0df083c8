/**
 * trackline/sdk: log experiments from any Node script.
 *
 *   import { connect } from 'trackline/sdk';
 *   const tl = connect();                       // TRACKLINE_URL, else http://127.0.0.1:5000
 *   const exp = await tl.setExperiment('polynomial');
 *   await tl.withRun({ experiment: exp, name: 'degree-2' }, async (run) => {
 *     await run.logParams({ degree: 2 });
 *     run.logMetric('mse', 4.1, { step: 0 });   // buffered, returns at once
 *   });                                         // FINISHED, or FAILED (and rethrown)
 */
import { type ConnectOptions, resolveOptions } from './options.js';
import { Trackline } from './trackline.js';

/** A client for the server at `url` (default TRACKLINE_URL, else http://127.0.0.1:5000). */
export function connect(options: ConnectOptions = {}): Trackline {
  return new Trackline(resolveOptions(options));
}

export type { ConnectOptions } from './options.js';
export { Trackline, REQUEST_TAG, type StartRunOptions, type SearchRunsOptions } from './trackline.js';
export { Run, type MetricOptions, type ParamValue } from './run.js';
export { TracklineError, type TracklineErrorCode } from './errors.js';
export type { Experiment, RunInfo, MetricPoint, LatestMetric, RunStatus, LifecycleStage } from './records.js';
export type { ArtifactEntry } from './artifacts/download.js';
export type { LogModelOptions, LoggedModel } from './artifacts/model.js';
export type { EndStatus } from './exit-hooks.js';
export type { BufferOptions } from './metric-buffer.js';
export type { RetryOptions } from './retry.js';
