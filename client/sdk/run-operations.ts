import { graphql } from '../graphql/index.js';

// The writes an open run makes. They answer with the id only: the SDK needs no run back, and a
// small answer keeps a 1,000-point logBatch cheap. Shared by run.ts and the exit path.

export const SdkLogBatch = graphql(`
  mutation SdkLogBatch($runId: ID!, $metrics: [MetricInput!], $params: [ParamInput!], $tags: [TagInput!]) {
    logBatch(runId: $runId, metrics: $metrics, params: $params, tags: $tags) { id }
  }
`);

export const SdkLogParam = graphql(`
  mutation SdkLogParam($runId: ID!, $key: String!, $value: String!) {
    logParam(runId: $runId, key: $key, value: $value) { id }
  }
`);

export const SdkSetTag = graphql(`
  mutation SdkSetTag($runId: ID!, $key: String!, $value: String!) {
    setTag(runId: $runId, key: $key, value: $value) { id }
  }
`);

export const SdkDeleteTag = graphql(`
  mutation SdkDeleteTag($runId: ID!, $key: String!) {
    deleteTag(runId: $runId, key: $key) { id }
  }
`);

export const SdkUpdateRun = graphql(`
  mutation SdkUpdateRun($id: ID!, $status: RunStatus, $endTime: Long, $name: String) {
    updateRun(id: $id, status: $status, endTime: $endTime, name: $name) { id status endTime }
  }
`);
