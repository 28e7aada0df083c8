import { graphql } from '../graphql/gql.js';

/**
 * Every GraphQL operation the dashboard sends, in one place (typed by `npm run codegen` into
 * client/web/graphql/). Each asks only for what a view shows: the runs table's windows are 100 rows.
 */

export const ExperimentsListDoc = graphql(`
  query ExperimentsList($view: ViewType!) {
    experiments(view: $view, first: 1000, orderBy: ["name ASC"]) {
      totalCount
      edges { node { id name lifecycleStage runCount lastRunStartTime lastUpdateTime } }
    }
  }
`);

export const ExperimentMetaDoc = graphql(`
  query ExperimentMeta($id: ID!) {
    experiment(id: $id) { id name lifecycleStage artifactLocation runCount paramKeys metricKeys }
  }
`);

// Declared for codegen only: the documents below spread it, and their generated versions carry it.
graphql(`
  fragment RunRowFields on Run {
    id name status startTime endTime userId lifecycleStage parentRunId experimentId
    params { key value }
    latestMetrics { key value step timestamp }
    tags { key value }
    inputs { datasetInputs { dataset { name digest } } }
  }
`);

export const RunWindowDoc = graphql(`
  query RunWindow($experimentIds: [ID!]!, $filter: String, $orderBy: [String!], $view: ViewType!, $offset: Int!, $first: Int!, $nested: Boolean!, $parentRunId: ID) {
    runWindow(experimentIds: $experimentIds, filter: $filter, orderBy: $orderBy, view: $view, offset: $offset, first: $first, nested: $nested, parentRunId: $parentRunId) {
      offset totalCount
      rows { childCount run { ...RunRowFields } }
    }
  }
`);

export const MetricRangesDoc = graphql(`
  query MetricRanges($experimentIds: [ID!]!, $filter: String, $view: ViewType!, $keys: [String!]!) {
    metricRanges(experimentIds: $experimentIds, filter: $filter, view: $view, keys: $keys) { key min max }
  }
`);

export const RunsPageDoc = graphql(`
  query RunsPage($experimentIds: [ID!]!, $filter: String, $orderBy: [String!], $view: ViewType!, $first: Int!, $after: String) {
    runs(experimentIds: $experimentIds, filter: $filter, orderBy: $orderBy, view: $view, first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node { ...RunRowFields } }
    }
  }
`);

export const RunIdsPageDoc = graphql(`
  query RunIdsPage($experimentIds: [ID!]!, $filter: String, $view: ViewType!, $after: String) {
    runs(experimentIds: $experimentIds, filter: $filter, view: $view, first: 1000, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node { id } }
    }
  }
`);

export const RunChangedDoc = graphql(`
  subscription RunChanged($experimentId: ID!) {
    runChanged(experimentId: $experimentId) {
      kinds
      metrics { key value step timestamp }
      run { ...RunRowFields }
    }
  }
`);

/** A run page's own run: just what changed, the page reads the run again. */
export const RunOwnChangedDoc = graphql(`
  subscription RunOwnChanged($experimentId: ID!, $runId: ID!) {
    runChanged(experimentId: $experimentId, runId: $runId) { kinds }
  }
`);

export const ExperimentChangedDoc = graphql(`
  subscription ExperimentChanged {
    experimentChanged { kind experiment { id name lifecycleStage runCount lastRunStartTime lastUpdateTime } }
  }
`);

export const RunDetailDoc = graphql(`
  query RunDetail($id: ID!) {
    run(id: $id) {
      id name experimentId status startTime endTime userId lifecycleStage artifactUri parentRunId note
      experiment { id name }
      parent { id name }
      children { id name status }
      params { key value }
      tags { key value }
      latestMetrics { key value step timestamp }
      loggedModels { id name modelType artifactUri status }
      inputs { datasetInputs { dataset { name digest sourceType source } tags { key value } } }
    }
  }
`);

export const RunNamesDoc = graphql(`
  query RunNames($experimentIds: [ID!]!, $filter: String!) {
    runs(experimentIds: $experimentIds, filter: $filter, view: ALL, first: 1000) {
      edges { node { id name experimentId latestMetrics { key } } }
    }
  }
`);

export const MetricHistoriesDoc = graphql(`
  query MetricHistories($runIds: [ID!]!, $key: String!, $maxPoints: Int!, $minStep: Long, $maxStep: Long) {
    metricHistories(runIds: $runIds, key: $key, maxPoints: $maxPoints, minStep: $minStep, maxStep: $maxStep) {
      runId key totalPoints sampled lastSeq
      points { step timestamp value min max }
    }
  }
`);

export const MetricsLoggedDoc = graphql(`
  subscription MetricsLogged($runIds: [ID!]!, $keys: [String!], $since: [RunCursor!]) {
    metricsLogged(runIds: $runIds, keys: $keys, since: $since) { runId seq metrics { key value step timestamp } }
  }
`);

export const ArtifactsDoc = graphql(`
  query Artifacts($runId: ID!, $path: String!) {
    run(id: $runId) { id artifacts(path: $path) { name path isDir size modified } }
  }
`);

export const CreateExperimentDoc = graphql(`
  mutation CreateExperiment($name: String!) { createExperiment(name: $name) { id name } }
`);
export const RenameExperimentDoc = graphql(`
  mutation RenameExperiment($id: ID!, $name: String!) { renameExperiment(id: $id, name: $name) { id name } }
`);
export const DeleteExperimentDoc = graphql(`
  mutation DeleteExperiment($id: ID!) { deleteExperiment(id: $id) { id lifecycleStage } }
`);
export const RestoreExperimentDoc = graphql(`
  mutation RestoreExperiment($id: ID!) { restoreExperiment(id: $id) { id lifecycleStage } }
`);
export const UpdateRunDoc = graphql(`
  mutation UpdateRun($id: ID!, $name: String, $status: RunStatus, $endTime: Long) {
    updateRun(id: $id, name: $name, status: $status, endTime: $endTime) { id name status endTime }
  }
`);
export const SetTagDoc = graphql(`
  mutation SetTag($runId: ID!, $key: String!, $value: String!) { setTag(runId: $runId, key: $key, value: $value) { id tags { key value } note } }
`);
export const DeleteTagDoc = graphql(`
  mutation DeleteTag($runId: ID!, $key: String!) { deleteTag(runId: $runId, key: $key) { id tags { key value } note } }
`);
export const DeleteRunsDoc = graphql(`
  mutation DeleteRuns($ids: [ID!]!) { deleteRuns(ids: $ids) { id lifecycleStage } }
`);
export const RestoreRunsDoc = graphql(`
  mutation RestoreRuns($ids: [ID!]!) { restoreRuns(ids: $ids) { id lifecycleStage } }
`);
export const SetRunsTagsDoc = graphql(`
  mutation SetRunsTags($ids: [ID!]!, $tags: [TagInput!]!) { setRunsTags(ids: $ids, tags: $tags) { id } }
`);
