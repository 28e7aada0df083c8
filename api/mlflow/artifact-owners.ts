import { StoreError, failedPrecondition, notFound } from '../../db/errors.js';
import type { TrackingStore } from '../../db/store/index.js';
import { type KeyOwner, keyOwners, loggedModelPrefix, runArtifactPrefix } from '../artifacts/keys.js';
import { artifactPathFromUrl } from '../artifacts/paths.js';
import { MlflowError } from './errors.js';

/**
 * Who owns an MLflow artifact-proxy key (docs/architecture.md section 6). `mlflow-artifacts:/<key>` names a file in
 * trackline's artifact store; only keys inside an existing run's or logged model's artifact folder are
 * served, and only active owners' folders are writable. The path rules and key layout are the artifact
 * store's (api/artifacts/paths.ts, keys.ts), so trackline's own routes and the proxy see the same files.
 */

export interface OwnedKey {
  key: string;
  owner: KeyOwner;
  runId?: string;
}

/** MLflow answers every unsafe path with exactly this (docs/mlflow-compat.md section 3, artifact proxy); the reason rides along. */
export function invalidPath(reason?: string) {
  return new MlflowError('INVALID_PARAMETER_VALUE', 'Invalid path', 400, reason);
}

/** A URL path (percent-encoded) as a canonical key; '' is allowed for listings. */
export function keyFromUrl(encoded: string, allowEmpty: boolean): string {
  try {
    return artifactPathFromUrl(encoded, 'path', { allowEmpty });
  } catch (error) {
    if (error instanceof StoreError) throw invalidPath(error.message);
    throw error;
  }
}

/** The owner (run or logged model) of a key, checked against the database; undefined when none owns it. */
export async function ownerOf(store: TrackingStore, key: string, access: 'read' | 'write'): Promise<OwnedKey | undefined> {
  for (const owner of keyOwners(key)) {
    if (owner.kind === 'run') {
      const run = await store.runs.get(owner.runId);
      if (!run || !prefixMatches(() => runArtifactPrefix(run), owner.prefix)) continue;
      if (access === 'write' && run.lifecycleStage !== 'active') {
        throw failedPrecondition(`path: the run ${run.id} must be in the 'active' state to change its artifacts; it is deleted`, 'path');
      }
      return { key, owner, runId: run.id };
    }
    const model = await store.models.get(owner.modelId);
    if (!model) continue;
    const experiment = await store.experiments.get(model.experimentId);
    if (!experiment || !prefixMatches(() => loggedModelPrefix(experiment.artifactLocation, model.id), owner.prefix)) continue;
    return { key, owner };
  }
  return undefined;
}

/** The owner of a key that is about to be written; a key nobody owns is refused. */
export async function writableOwner(store: TrackingStore, key: string): Promise<OwnedKey> {
  const owned = await ownerOf(store, key, 'write');
  if (!owned) {
    throw notFound(
      `path: ${JSON.stringify(key)} is not inside the artifact folder of an existing run (<experiment>/<run_id>/artifacts/...) or logged model (<experiment>/models/<model_id>/artifacts/...)`,
      'path',
    );
  }
  return owned;
}

function prefixMatches(prefixOf: () => string, prefix: string): boolean {
  try {
    return prefixOf() === prefix;
  } catch {
    // An owner whose artifacts live outside trackline owns no key here.
    return false;
  }
}
