import { encodeMetricValue } from '../../common/metric-value.js';
import type { Experiment, KeyValue, LoggedModelDetails, MetricPoint, Run, RunInputs } from '../../db/store/index.js';

/**
 * MLflow's JSON encoding of its protos (docs/mlflow-compat.md section 1): snake_case field names, int64 as JSON
 * numbers, enums as names, NaN and ±Infinity as strings, unset fields and empty lists omitted.
 */

type Json = Record<string, unknown>;

/** Drops undefined, null and empty lists: proto JSON does not print unset or empty repeated fields. */
function compact(object: Json): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(object)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[key] = value;
  }
  return out;
}

export function experimentJson(e: Experiment, tags: readonly KeyValue[]): Json {
  return compact({
    experiment_id: e.id,
    name: e.name,
    artifact_location: e.artifactLocation,
    lifecycle_stage: e.lifecycleStage,
    last_update_time: e.lastUpdateTime,
    creation_time: e.creationTime,
    tags: tags.map(keyValueJson),
  });
}

const keyValueJson = (kv: KeyValue): Json => ({ key: kv.key, value: kv.value });

export function runInfoJson(run: Run): Json {
  return compact({
    run_uuid: run.id,
    experiment_id: run.experimentId,
    run_name: run.name,
    user_id: run.userId,
    status: run.status,
    start_time: run.startTime,
    // MLflow treats an end_time of 0 as unset.
    end_time: run.endTime || undefined,
    artifact_uri: run.artifactUri,
    lifecycle_stage: run.lifecycleStage,
    run_id: run.id,
  });
}

export function metricJson(m: MetricPoint, extra: Json = {}): Json {
  return { key: m.key, value: encodeMetricValue(m.value), timestamp: m.timestamp, step: m.step, ...extra };
}

export interface RunParts {
  params: KeyValue[];
  tags: KeyValue[];
  metrics: MetricPoint[];
  inputs: RunInputs;
  outputs: { modelId: string; step: number }[];
}

export function runJson(run: Run, parts: RunParts): Json {
  return compact({
    info: runInfoJson(run),
    data: compact({
      metrics: parts.metrics.map((m) => metricJson(m)),
      params: parts.params.map(keyValueJson),
      tags: parts.tags.map(keyValueJson),
    }),
    inputs: compact({
      dataset_inputs: parts.inputs.datasetInputs.map((d) => ({
        ...compact({ tags: d.tags.map(keyValueJson) }),
        dataset: compact({
          name: d.dataset.name,
          digest: d.dataset.digest,
          source_type: d.dataset.sourceType,
          source: d.dataset.source,
          schema: d.dataset.schema,
          profile: d.dataset.profile,
        }),
      })),
      model_inputs: parts.inputs.modelInputs.map((m) => ({ model_id: m.modelId })),
    }),
    // MLflow 3 always sends outputs (like inputs), empty or not; older clients ignore unknown fields.
    outputs: compact({ model_outputs: parts.outputs.map((o) => ({ model_id: o.modelId, step: o.step })) }),
  });
}

export function loggedModelJson(m: LoggedModelDetails): Json {
  return {
    info: compact({
      model_id: m.id,
      experiment_id: m.experimentId,
      name: m.name,
      creation_timestamp_ms: m.creationTime,
      last_updated_timestamp_ms: m.lastUpdatedTime,
      artifact_uri: m.artifactUri,
      status: m.status,
      model_type: m.modelType,
      source_run_id: m.sourceRunId,
      status_message: m.statusMessage,
      tags: m.tags.map(keyValueJson),
    }),
    data: compact({
      params: m.params.map(keyValueJson),
      metrics: m.metrics.map((x) =>
        metricJson(x, compact({ model_id: x.modelId, run_id: x.runId, dataset_name: x.datasetName || undefined, dataset_digest: x.datasetDigest || undefined })),
      ),
    }),
  };
}
