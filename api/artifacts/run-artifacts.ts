import type { Readable } from 'node:stream';
import { failedPrecondition, invalid, notFound } from '../../db/errors.js';
import { type Run, type TrackingStore, isRunIdShape } from '../../db/store/index.js';
import type { ArtifactEntry, ArtifactLister } from '../../schema/artifacts.js';
import { runArtifactPrefix } from './keys.js';
import { LocalArtifactStore } from './local-store.js';
import { baseName, canonicalArtifactPath, joinKey, relativeKey } from './paths.js';
import type { ArtifactStat, ArtifactStore } from './store.js';

/** A run's file, located: `path` is canonical and relative to the run's artifact folder, `key` is the store key. */
export interface RunFile {
  run: Run;
  path: string;
  key: string;
}

/**
 * A run's artifacts: the rules that tie runs to artifact store keys, used by the /artifacts routes and
 * by GraphQL's Run.artifacts. Paths given here are already decoded (routes decode URL text once with
 * paths.ts); they are canonicalised here. Reads work for any run; writes need an active run (a
 * finished one is fine, as in MLflow). Runs whose artifacts live outside trackline are
 * FAILED_PRECONDITION. Every write is announced as a runChanged ARTIFACTS event.
 */
export class RunArtifacts implements ArtifactLister {
  constructor(
    /** The artifact store itself (the seam); the MLflow proxy uses it directly with keys.ts. */
    readonly files: ArtifactStore,
    private readonly tracking: TrackingStore,
  ) {}

  /** Finds the run and the key of `path` inside its folder; unknown run: NOT_FOUND. */
  async locate(runId: string, path: string, access: 'read' | 'write'): Promise<RunFile> {
    if (!isRunIdShape(runId)) throw invalid(`runId: ${JSON.stringify(runId)} is not a valid run id`, 'runId');
    const canonical = canonicalArtifactPath(path, 'path');
    const run = await this.tracking.runs.get(runId);
    if (!run) throw notFound(`runId: no run with id=${runId} exists`, 'runId');
    if (access === 'write' && run.lifecycleStage !== 'active') {
      throw failedPrecondition(`runId: the run ${runId} must be in the 'active' state to change its artifacts; it is deleted`, 'runId');
    }
    return { run, path: canonical, key: joinKey(runArtifactPrefix(run), canonical) };
  }

  async put(runId: string, path: string, body: Readable, maxBytes: number): Promise<{ file: RunFile; stat: ArtifactStat }> {
    const file = await this.locate(runId, path, 'write');
    const stat = await this.files.put(file.key, body, { maxBytes, name: file.path });
    await this.tracking.runs.notifyArtifactsChanged(runId);
    return { file, stat };
  }

  /** Removes a file or folder; NOT_FOUND when nothing is there. */
  async delete(runId: string, path: string): Promise<RunFile> {
    const file = await this.locate(runId, path, 'write');
    if (!(await this.files.delete(file.key))) throw notFound(`path: run ${runId} has no artifact at ${JSON.stringify(file.path)}`, 'path');
    await this.tracking.runs.notifyArtifactsChanged(runId);
    return file;
  }

  /** One folder of a run's artifacts ('' = the top); a missing folder, or a file, lists as empty. */
  async listRunArtifacts(run: Run, path: string): Promise<ArtifactEntry[]> {
    const folder = canonicalArtifactPath(path, 'path', { allowEmpty: true });
    const prefix = runArtifactPrefix(run);
    const children = await this.files.list(joinKey(prefix, folder));
    return children.map((child) => {
      const relative = relativeKey(child.key, prefix);
      return {
        name: baseName(relative),
        path: relative,
        isDir: child.isDir,
        size: child.isDir ? null : child.size,
        modified: Math.trunc(child.modified),
      };
    });
  }
}

/** The server's artifact service over the local store rooted at `root` (created if missing). */
export async function openRunArtifacts(root: string, tracking: TrackingStore): Promise<RunArtifacts> {
  return new RunArtifacts(await LocalArtifactStore.open(root), tracking);
}
