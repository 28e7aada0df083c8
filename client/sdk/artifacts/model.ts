import { randomUUID } from 'node:crypto';
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

/**
 * An MLmodel-style descriptor (MLflow's YAML file next to a model's files), so tools that read
 * MLflow models find the flavor, the data file, the run and the creation time where they expect
 * them. Written with the `yaml` package: stringify only, so nothing here ever parses foreign YAML.
 */
export function modelDescriptor(runId: string, artifactPath: string, flavor: string, dataPath: string, metadata?: Record<string, unknown>) {
  const descriptor: Record<string, unknown> = {
    artifact_path: artifactPath,
    flavors: { [flavor]: { data: dataPath, loader: 'trackline-sdk' } },
    model_uuid: randomUUID().replaceAll('-', ''),
    run_id: runId,
    utc_time_created: new Date().toISOString().replace('T', ' ').replace('Z', ''),
    ...(metadata && { metadata }),
  };
  return { descriptor, yaml: stringify(descriptor) };
}
