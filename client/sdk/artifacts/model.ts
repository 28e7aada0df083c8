import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { stringify } from 'yaml';

export interface LogModelOptions {
  /** the artifact folder (default "model") */
  name?: string;
  /** the flavor the descriptor names, e.g. "polynomial" or "onnx" (default "json") */
  flavor?: string;
  /** free-form, stored in the descriptor */
  metadata?: Record<string, unknown>;
}

/** What logModel wrote: where, and the descriptor as data. */
export interface LoggedModel {
  artifactPath: string;
  modelUuid: string;
  descriptor: Record<string, unknown>;
}

/** The run operations logModel is made of. */
export interface ModelTarget {
  runId: string;
  /** the model's folder, already checked */
  artifactPath: string;
  writeText(text: string, path: string): Promise<void>;
  upload(localPath: string, artifactDir: string): Promise<string[]>;
  readTag(key: string): Promise<string | undefined>;
  setTag(key: string, value: string): Promise<void>;
}

// MLflow's record of a run's models, which its UI and clients read.
const MODEL_HISTORY_TAG = 'mlflow.log-model.history';
const TAG_VALUE_MAX = 8000;

/**
 * Writes the model's files under `artifactPath`, then an MLmodel descriptor next to them, then
 * appends the descriptor to the run's mlflow.log-model.history tag, as MLflow's log_model does.
 */
export async function logModel(target: ModelTarget, model: unknown, options: LogModelOptions): Promise<LoggedModel> {
  const { artifactPath } = target;
  const dataPath = typeof model === 'string' ? await uploadModelFiles(target, model) : 'model.json';
  if (typeof model !== 'string') await target.writeText(`${JSON.stringify(model, null, 2)}\n`, `${artifactPath}/model.json`);
  const descriptor = modelDescriptor(target.runId, artifactPath, options.flavor ?? 'json', dataPath, options.metadata);
  await target.writeText(stringify(descriptor), `${artifactPath}/MLmodel`);
  await recordModel(target, descriptor);
  return { artifactPath, modelUuid: descriptor.model_uuid as string, descriptor };
}

/**
 * An MLmodel-style descriptor (MLflow's YAML file next to a model's files), so tools that read
 * MLflow models find the flavor, the data file, the run and the creation time where they expect
 * them. Written with the `yaml` package: stringify only, nothing here parses foreign YAML.
 */
function modelDescriptor(runId: string, artifactPath: string, flavor: string, dataPath: string, metadata?: Record<string, unknown>) {
  return {
    artifact_path: artifactPath,
    flavors: { [flavor]: { data: dataPath, loader: 'trackline-sdk' } },
    model_uuid: randomUUID().replaceAll('-', ''),
    run_id: runId,
    utc_time_created: new Date().toISOString().replace('T', ' ').replace('Z', ''),
    ...(metadata && { metadata }),
  } as Record<string, unknown>;
}

/** A file goes next to the descriptor; a folder's contents under data/. Returns the data path. */
async function uploadModelFiles(target: ModelTarget, localPath: string): Promise<string> {
  const isDir = (await stat(localPath).catch(() => undefined))?.isDirectory();
  await target.upload(localPath, isDir ? `${target.artifactPath}/data` : target.artifactPath);
  return isDir ? 'data' : basename(localPath);
}

/** Appends to the history tag, dropping the oldest entries that no longer fit in a tag value. */
async function recordModel(target: ModelTarget, descriptor: Record<string, unknown>): Promise<void> {
  const current = await target.readTag(MODEL_HISTORY_TAG);
  let history: unknown[] = [];
  try {
    const parsed: unknown = current ? JSON.parse(current) : [];
    if (Array.isArray(parsed)) history = parsed;
  } catch {
    // an unreadable history is replaced rather than kept
  }
  history.push(descriptor);
  while (history.length > 1 && JSON.stringify(history).length > TAG_VALUE_MAX) history.shift();
  await target.setTag(MODEL_HISTORY_TAG, JSON.stringify(history));
}
