import type { GraphqlTransport } from './transport.js';
import type { ArtifactHttp } from './artifacts/http.js';
import { uploadLocalPath } from './artifacts/upload.js';
import { type LogModelOptions, type LoggedModel, logModel } from './artifacts/model.js';
import { checkArtifactPath, joinArtifactPath } from './artifacts/paths.js';
import { chunk } from './chunks.js';
import { TracklineError, invalidInput } from './errors.js';
import { type EndStatus, type ExitHooks } from './exit-hooks.js';
import type { LastChanceRun } from './exit-flush.js';
import { type BufferOptions, type BufferedPoint, MetricBuffer, SERVER_METRICS_PER_BATCH } from './metric-buffer.js';
import { encodeMetricValue } from '../../common/metric-value.js';
import { SdkDeleteTag, SdkLogBatch, SdkLogParam, SdkSetTag, SdkUpdateRun } from './run-operations.js';
import type { RunInfo } from './records.js';
import { checkKey, checkLong, checkNumber, checkString } from './validation.js';

/** The server's per-logBatch limits for params and tags (MLflow's). */
const PARAMS_PER_BATCH = 100;
const TAGS_PER_BATCH = 100;
const NOTE_TAG = 'mlflow.note.content';

export type ParamValue = string | number | boolean;

export interface MetricOptions {
  /** default 0, as in MLflow */
  step?: number;
  /** epoch ms; default: the moment logMetric is called */
  timestamp?: number;
}

/** What a run needs from the client that opened it. */
export interface RunContext {
  transport: GraphqlTransport;
  artifacts: ArtifactHttp;
  batch: BufferOptions;
  artifactConcurrency: number;
  /** undefined when the script turned exit handling off */
  exitHooks: ExitHooks | undefined;
  getRun(runId: string): Promise<RunInfo | undefined>;
}

/**
 * An open run: params and tags are sent at once (await them), metrics are buffered (logMetric
 * returns immediately; flush() or end() waits for them). End it with end(), or let withRun do it.
 */
export class Run {
  readonly id: string;
  readonly experimentId: string;
  readonly name: string;
  readonly artifactUri: string;
  private readonly buffer: MetricBuffer;
  private readonly validKeys = new Set<string>();
  private ending: Promise<void> | undefined;

  constructor(
    private readonly context: RunContext,
    info: RunInfo,
  ) {
    this.id = info.id;
    this.experimentId = info.experimentId;
    this.name = info.name;
    this.artifactUri = info.artifactUri;
    this.buffer = new MetricBuffer((points) => this.sendPoints(points), context.batch);
    context.exitHooks?.track(this);
  }

  // ---- metrics: buffered -------------------------------------------------------------------

  /** Buffers one point and returns at once; the SDK stamps its timestamp now. */
  logMetric(key: string, value: number, options?: MetricOptions): void {
    if (this.ending && this.refuseAfterEnd('logMetric')) return;
    if (!this.validKeys.has(key)) this.validKeys.add(checkKey(key, 'logMetric'));
    if (typeof value !== 'number') checkNumber(value, 'logMetric', 'value');
    const step = options?.step ?? 0;
    if (!Number.isSafeInteger(step)) checkLong(step, 'logMetric', 'step');
    const timestamp = options?.timestamp ?? Date.now();
    if (options?.timestamp !== undefined) checkLong(timestamp, 'logMetric', 'timestamp');
    this.buffer.add(key, Number.isFinite(value) ? value : encodeMetricValue(value), step, timestamp);
  }

  /** Several metrics at one step and one timestamp. */
  logMetrics(values: Record<string, number>, options?: MetricOptions): void {
    const timestamp = options?.timestamp ?? Date.now();
    for (const [key, value] of Object.entries(values)) this.logMetric(key, value, { ...options, timestamp });
  }

  /** Sends every buffered point and waits until the server has them; rethrows a failed batch. */
  flush(): Promise<void> {
    return this.buffer.flush();
  }

  /** Waits for batches already sent, without sending the points still pending. */
  settled(): Promise<void> {
    return this.buffer.settled();
  }

  /** Points logged but not yet handed to the network. */
  get pendingPoints(): number {
    return this.buffer.pendingCount;
  }

  // ---- params, tags, note: sent at once ----------------------------------------------------

  async logParam(key: string, value: ParamValue): Promise<void> {
    this.refuseIfEnded('logParam');
    await this.context.transport.request(SdkLogParam, { runId: this.id, key: checkKey(key, 'logParam'), value: paramText(value, 'logParam') }, 'logParam');
  }

  /** All params of the object, split into batches of the server's size. */
  async logParams(params: Record<string, ParamValue>): Promise<void> {
    this.refuseIfEnded('logParams');
    const entries = Object.entries(params).map(([key, value]) => ({ key: checkKey(key, 'logParams'), value: paramText(value, 'logParams') }));
    for (const piece of chunk(entries, PARAMS_PER_BATCH)) {
      await this.context.transport.request(SdkLogBatch, { runId: this.id, params: piece }, 'logParams');
    }
  }

  async setTag(key: string, value: string): Promise<void> {
    await this.context.transport.request(SdkSetTag, { runId: this.id, key: checkKey(key, 'setTag'), value: checkString(value, 'setTag', 'value') }, 'setTag');
  }

  async setTags(tags: Record<string, string>): Promise<void> {
    const entries = Object.entries(tags).map(([key, value]) => ({ key: checkKey(key, 'setTags'), value: checkString(value, 'setTags', key) }));
    for (const piece of chunk(entries, TAGS_PER_BATCH)) {
      await this.context.transport.request(SdkLogBatch, { runId: this.id, tags: piece }, 'setTags');
    }
  }

  async deleteTag(key: string): Promise<void> {
    await this.context.transport.request(SdkDeleteTag, { runId: this.id, key: checkKey(key, 'deleteTag') }, 'deleteTag');
  }

  /** The run's description, in markdown (MLflow's tag mlflow.note.content). */
  setNote(markdown: string): Promise<void> {
    return this.setTag(NOTE_TAG, markdown);
  }

  /** The run as the server has it now. */
  async info(): Promise<RunInfo> {
    const info = await this.context.getRun(this.id);
    if (!info) throw new TracklineError('NOT_FOUND', `run ${this.id} no longer exists`, 'info');
    return info;
  }

  // ---- artifacts ---------------------------------------------------------------------------

  /**
   * Uploads a file to `<artifactPath>/<file name>`, or a folder's contents (recursively) under
   * `<artifactPath>/`, streaming from disk. Returns the artifact paths written.
   */
  logArtifact(fileOrDir: string, artifactPath?: string): Promise<string[]> {
    return uploadLocalPath(this.context.artifacts, this.id, fileOrDir, artifactPath, this.context.artifactConcurrency);
  }

  /** Writes `text` as the artifact at `path` (UTF-8). */
  async logText(text: string, path: string): Promise<void> {
    const target = this.artifactFile(path, 'logText');
    const bytes = Buffer.from(checkString(text, 'logText', 'text'));
    await this.context.artifacts.put(this.id, target, () => bytes, bytes.length, 'logText');
  }

  /** Writes `value` as pretty-printed JSON at `path`. */
  async logJson(value: unknown, path: string): Promise<void> {
    const text = JSON.stringify(value, null, 2);
    if (text === undefined) throw invalidInput('logJson', 'value', 'must be JSON-serialisable');
    return this.logText(`${text}\n`, path);
  }

  /**
   * Saves a model under `<name>/` (default "model") with an MLmodel descriptor next to it. `model` is
   * either a value (written as model.json) or the path of a file or folder on disk (uploaded as is).
   */
  async logModel(model: unknown, options: LogModelOptions = {}): Promise<LoggedModel> {
    return logModel(
      {
        runId: this.id,
        artifactPath: this.artifactFile(options.name ?? 'model', 'logModel'),
        writeText: (text, path) => this.logText(text, path),
        upload: (localPath, artifactDir) => this.logArtifact(localPath, artifactDir),
        readTag: async (key) => (await this.info()).tags[key],
        setTag: (key, value) => this.setTag(key, value),
      },
      model,
      options,
    );
  }

  // ---- end ---------------------------------------------------------------------------------

  /** Flushes the metrics, then marks the run ended. Calling it again returns the first call's promise. */
  end(status: EndStatus = 'FINISHED'): Promise<void> {
    this.ending ??= this.finish(status);
    return this.ending;
  }

  /** For the exit hooks' synchronous path: everything unsent, then the end call. */
  lastChance(status: EndStatus): LastChanceRun {
    return {
      graphqlUrl: `${this.context.transport.baseUrl}/graphql`,
      headers: this.context.transport.headers(),
      runId: this.id,
      batches: chunk(this.buffer.unsent(), SERVER_METRICS_PER_BATCH),
      status,
      endTime: Date.now(),
    };
  }

  private async finish(status: EndStatus): Promise<void> {
    let failure: unknown;
    try {
      await this.buffer.flush();
    } catch (error) {
      failure = error;
    }
    try {
      await this.context.transport.request(SdkUpdateRun, { id: this.id, status, endTime: Date.now() }, 'end');
    } catch (error) {
      failure ??= error;
    } finally {
      this.buffer.stop();
      this.context.exitHooks?.untrack(this);
    }
    if (failure !== undefined) throw failure;
  }

  private async sendPoints(points: BufferedPoint[]): Promise<void> {
    await this.context.transport.request(SdkLogBatch, { runId: this.id, metrics: points }, 'logMetric');
  }

  /** While the process is going down, late points are dropped quietly; otherwise logging after end() is a bug. */
  private refuseAfterEnd(operation: string): boolean {
    if (this.context.exitHooks?.exiting) return true;
    throw new TracklineError('FAILED_PRECONDITION', `run ${this.id} has ended; start a new run to log more`, operation);
  }

  private refuseIfEnded(operation: string): void {
    if (this.ending) this.refuseAfterEnd(operation);
  }

  private artifactFile(path: string, operation: string): string {
    const joined = joinArtifactPath(checkString(path, operation, 'path'));
    if (joined === '') throw invalidInput(operation, 'path', 'a non-empty artifact path is required');
    return checkArtifactPath(joined, operation, 'path');
  }
}

function paramText(value: ParamValue, operation: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw invalidInput(operation, 'value', `a string, number or boolean is required, got ${typeof value}`);
}
