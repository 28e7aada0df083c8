import { StoreError, failedPrecondition, invalid } from '../../db/errors.js';
import { isRunIdShape } from '../../db/store/index.js';
import { canonicalArtifactPath, decodeUrlPath, joinKey } from './paths.js';

/** Owner ids (runs, logged models) become one key segment: the shape MLflow accepts for client-made ids. */
const isIdShape = isRunIdShape;

/**
 * Where an owner's artifacts live in the artifact store (docs/architecture.md section 6).
 *
 * An experiment location `mlflow-artifacts:/<P>` is served by trackline. Its writable keys are
 *   `<P>/<runId>/artifacts/<path>`             for its runs (run.artifactUri = `<location>/<runId>/artifacts`)
 *   `<P>/models/<modelId>/artifacts/<path>`    for its MLflow 3 logged models
 * and nothing else. The MLflow artifact proxy maps `mlflow-artifacts:/<key>` (URL path
 * `/api/2.0/mlflow-artifacts/artifacts/<key>`) onto the same keys, so both APIs see the same files.
 *
 * Any other location (a local path, s3://, mlflow-artifacts://host/...) is an opaque string that clients
 * write to themselves: asking trackline for such an owner's files is FAILED_PRECONDITION, naming the
 * location. All functions are pure and throw StoreError.
 */

const ARTIFACT_SCHEME = 'mlflow-artifacts:';

// `mlflow-artifacts:/<P>`, scheme case-insensitive (RFC 3986); `mlflow-artifacts://host/...` names another server.
const SERVED_LOCATION = /^mlflow-artifacts:(?:\/(?!\/)(.*)|\/?)$/is;

/**
 * The key prefix `<P>` of a location trackline serves, or undefined for any other location.
 * `<P>` is URL text (as in MLflow, whose client puts it into the proxy URL): it is decoded once and
 * must be a canonical path; a location that would resolve elsewhere (`mlflow-artifacts:/../x`) is refused.
 */
export function locationKeyPrefix(location: string): string | undefined {
  const match = SERVED_LOCATION.exec(location);
  if (!match) return undefined;
  const encoded = (match[1] ?? '').replace(/\/+$/, '');
  try {
    return canonicalArtifactPath(decodeUrlPath(encoded, 'artifactLocation'), 'artifactLocation', { allowEmpty: true });
  } catch (error) {
    const reason = error instanceof StoreError ? error.message : String(error);
    throw failedPrecondition(`the artifact location ${JSON.stringify(location)} cannot be served: ${reason}`, 'artifactLocation');
  }
}

/** A run's artifact folder as a key, derived from run.artifactUri (which the store built from its location). */
export function runArtifactPrefix(run: { id: string; artifactUri: string }): string {
  const suffix = `/${run.id}/artifacts`;
  const location = run.artifactUri.endsWith(suffix) ? run.artifactUri.slice(0, -suffix.length) : run.artifactUri;
  const prefix = run.artifactUri.endsWith(suffix) ? locationKeyPrefix(location) : undefined;
  if (prefix === undefined) {
    throw failedPrecondition(
      `runId: the artifacts of run ${run.id} live at ${JSON.stringify(run.artifactUri)}, outside trackline ` +
        `(only ${ARTIFACT_SCHEME}/ locations are served); read and write them there directly`,
      'runId',
    );
  }
  return joinKey(prefix, ownerSegment(run.id, 'runId'), 'artifacts');
}

/** The key of a canonical path (see paths.ts) inside a run's artifact folder ('' = the folder). */
export function runArtifactKey(run: { id: string; artifactUri: string }, path: string): string {
  return joinKey(runArtifactPrefix(run), path);
}

/** A logged model's artifact folder `<P>/models/<modelId>/artifacts` under an experiment location. */
export function loggedModelPrefix(location: string, modelId: string): string {
  const prefix = locationKeyPrefix(location);
  if (prefix === undefined) {
    throw failedPrecondition(
      `modelId: the artifacts of model ${modelId} live under ${JSON.stringify(location)}, outside trackline ` +
        `(only ${ARTIFACT_SCHEME}/ locations are served)`,
      'modelId',
    );
  }
  return joinKey(prefix, 'models', ownerSegment(modelId, 'modelId'), 'artifacts');
}

/** The key of a canonical path inside a logged model's artifact folder ('' = the folder). */
export function loggedModelKey(location: string, modelId: string, path: string): string {
  return joinKey(loggedModelPrefix(location, modelId), path);
}

/** Who may own a key: a run or a logged model, with the owner's folder (`prefix`) and the path inside it. */
export type KeyOwner =
  | { kind: 'run'; runId: string; prefix: string; path: string }
  | { kind: 'model'; modelId: string; prefix: string; path: string };

/**
 * Every reading of a canonical key as `<P>/<runId>/artifacts/<path>` or `<P>/models/<modelId>/artifacts/<path>`.
 * `<P>` may have several segments, so a key can have more than one reading; the MLflow proxy keeps the
 * one whose owner exists, is active, and has exactly this `prefix` (runArtifactPrefix / loggedModelPrefix).
 * No reading: the key is not writable.
 */
export function keyOwners(key: string): KeyOwner[] {
  const segments = key === '' ? [] : key.split('/');
  const owners: KeyOwner[] = [];
  segments.forEach((segment, i) => {
    const path = segments.slice(i + 2).join('/');
    if (segments[i + 1] === 'artifacts' && isIdShape(segment)) {
      owners.push({ kind: 'run', runId: segment, prefix: segments.slice(0, i + 2).join('/'), path });
    }
    const modelId = segments[i + 1];
    if (segment === 'models' && modelId !== undefined && isIdShape(modelId) && segments[i + 2] === 'artifacts') {
      owners.push({ kind: 'model', modelId, prefix: segments.slice(0, i + 3).join('/'), path: segments.slice(i + 3).join('/') });
    }
  });
  return owners;
}

function ownerSegment(id: string, field: string): string {
  if (!isIdShape(id)) throw invalid(`${field}: ${JSON.stringify(id)} is not a valid id (letters, digits, '_' and '-')`, field);
  return id;
}
