import { StoreError } from '../../db/errors.js';
import { loggedModelPrefix, runArtifactPrefix } from '../artifacts/keys.js';
import { canonicalArtifactPath, joinKey, relativeKey } from '../artifacts/paths.js';
import type { ArtifactStore } from '../artifacts/store.js';
import { invalidPath } from './artifact-owners.js';
import { mlflowError } from './errors.js';
import type { Call, Endpoint } from './router.js';

/**
 * GET artifacts/list (docs/mlflow-compat.md section 2): one folder of a run's artifacts, with run-relative
 * paths (`model/MLmodel`), `root_uri` the run's artifact URI. A missing folder lists no files.
 */
export function artifactListEndpoints(artifacts: ArtifactStore): Endpoint[] {
  const list = async ({ fields, store }: Call) => {
    const runId = fields.runId();
    const folder = canonicalFolder(fields.string('path') ?? '');
    const run = await store.runs.get(runId);
    if (!run) throw mlflowError('RESOURCE_DOES_NOT_EXIST', `Run with id=${runId} not found`);
    const prefix = runArtifactPrefix(run);
    const files = await artifacts.list(joinKey(prefix, folder));
    return {
      root_uri: run.artifactUri,
      ...(files.length && {
        files: files.map((f) => ({ path: relativeKey(f.key, prefix), is_dir: f.isDir, ...(!f.isDir && { file_size: f.size }) })),
      }),
    };
  };
  /** GET logged-models/<id>/artifacts/directories: the same listing for an MLflow 3 logged model. */
  const listModel = async ({ fields, store, params }: Call) => {
    const id = params.model_id as string;
    const folder = canonicalFolder(fields.string('artifact_directory_path') ?? '');
    const model = await store.models.get(id);
    if (!model) throw mlflowError('RESOURCE_DOES_NOT_EXIST', `Logged model with ID '${id}' not found.`);
    const experiment = await store.experiments.get(model.experimentId);
    if (!experiment) throw mlflowError('RESOURCE_DOES_NOT_EXIST', `No Experiment with id=${model.experimentId} exists`);
    const prefix = loggedModelPrefix(experiment.artifactLocation, model.id);
    const files = await artifacts.list(joinKey(prefix, folder));
    return {
      root_uri: model.artifactUri,
      ...(files.length && {
        files: files.map((f) => ({ path: relativeKey(f.key, prefix), is_dir: f.isDir, ...(!f.isDir && { file_size: f.size }) })),
      }),
    };
  };
  return [
    { method: 'GET', path: '/artifacts/list', handler: list, read: true },
    { method: 'GET', path: '/logged-models/:model_id/artifacts/directories', handler: listModel, read: true },
  ];
}

function canonicalFolder(path: string): string {
  try {
    return canonicalArtifactPath(path, 'path', { allowEmpty: true });
  } catch (error) {
    if (error instanceof StoreError) throw invalidPath(error.message);
    throw error;
  }
}
