/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query ExperimentsList($view: ViewType!) {\n    experiments(view: $view, first: 1000, orderBy: [\"name ASC\"]) {\n      totalCount\n      edges { node { id name lifecycleStage runCount lastRunStartTime lastUpdateTime } }\n    }\n  }\n": typeof types.ExperimentsListDocument,
    "\n  query ExperimentMeta($id: ID!) {\n    experiment(id: $id) { id name lifecycleStage artifactLocation runCount paramKeys metricKeys }\n  }\n": typeof types.ExperimentMetaDocument,
    "\n  fragment RunRowFields on Run {\n    id name status startTime endTime userId lifecycleStage parentRunId experimentId\n    params { key value }\n    latestMetrics { key value step timestamp }\n    tags { key value }\n    inputs { datasetInputs { dataset { name digest } } }\n  }\n": typeof types.RunRowFieldsFragmentDoc,
    "\n  query RunWindow($experimentIds: [ID!]!, $filter: String, $orderBy: [String!], $view: ViewType!, $offset: Int!, $first: Int!, $nested: Boolean!, $parentRunId: ID) {\n    runWindow(experimentIds: $experimentIds, filter: $filter, orderBy: $orderBy, view: $view, offset: $offset, first: $first, nested: $nested, parentRunId: $parentRunId) {\n      offset totalCount\n      rows { childCount run { ...RunRowFields } }\n    }\n  }\n": typeof types.RunWindowDocument,
    "\n  query MetricRanges($experimentIds: [ID!]!, $filter: String, $view: ViewType!, $keys: [String!]!) {\n    metricRanges(experimentIds: $experimentIds, filter: $filter, view: $view, keys: $keys) { key min max }\n  }\n": typeof types.MetricRangesDocument,
    "\n  query RunsPage($experimentIds: [ID!]!, $filter: String, $orderBy: [String!], $view: ViewType!, $first: Int!, $after: String) {\n    runs(experimentIds: $experimentIds, filter: $filter, orderBy: $orderBy, view: $view, first: $first, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { ...RunRowFields } }\n    }\n  }\n": typeof types.RunsPageDocument,
    "\n  query RunIdsPage($experimentIds: [ID!]!, $filter: String, $view: ViewType!, $after: String) {\n    runs(experimentIds: $experimentIds, filter: $filter, view: $view, first: 1000, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { id } }\n    }\n  }\n": typeof types.RunIdsPageDocument,
    "\n  subscription RunChanged($experimentId: ID!) {\n    runChanged(experimentId: $experimentId) {\n      kinds\n      metrics { key value step timestamp }\n      run { ...RunRowFields }\n    }\n  }\n": typeof types.RunChangedDocument,
    "\n  subscription RunOwnChanged($experimentId: ID!, $runId: ID!) {\n    runChanged(experimentId: $experimentId, runId: $runId) { kinds }\n  }\n": typeof types.RunOwnChangedDocument,
    "\n  subscription ExperimentChanged {\n    experimentChanged { kind experiment { id name lifecycleStage runCount lastRunStartTime lastUpdateTime } }\n  }\n": typeof types.ExperimentChangedDocument,
    "\n  query RunDetail($id: ID!) {\n    run(id: $id) {\n      id name experimentId status startTime endTime userId lifecycleStage artifactUri parentRunId note\n      experiment { id name }\n      parent { id name }\n      children { id name status }\n      params { key value }\n      tags { key value }\n      latestMetrics { key value step timestamp }\n      loggedModels { id name modelType artifactUri status }\n      inputs { datasetInputs { dataset { name digest sourceType source } tags { key value } } }\n    }\n  }\n": typeof types.RunDetailDocument,
    "\n  query RunNames($experimentIds: [ID!]!, $filter: String!) {\n    runs(experimentIds: $experimentIds, filter: $filter, view: ALL, first: 1000) {\n      edges { node { id name experimentId latestMetrics { key } } }\n    }\n  }\n": typeof types.RunNamesDocument,
    "\n  query MetricHistories($runIds: [ID!]!, $key: String!, $maxPoints: Int!, $minStep: Long, $maxStep: Long) {\n    metricHistories(runIds: $runIds, key: $key, maxPoints: $maxPoints, minStep: $minStep, maxStep: $maxStep) {\n      runId key totalPoints sampled lastSeq\n      points { step timestamp value min max }\n    }\n  }\n": typeof types.MetricHistoriesDocument,
    "\n  subscription MetricsLogged($runIds: [ID!]!, $keys: [String!], $since: [RunCursor!]) {\n    metricsLogged(runIds: $runIds, keys: $keys, since: $since) { runId seq metrics { key value step timestamp } }\n  }\n": typeof types.MetricsLoggedDocument,
    "\n  query Artifacts($runId: ID!, $path: String!) {\n    run(id: $runId) { id artifacts(path: $path) { name path isDir size modified } }\n  }\n": typeof types.ArtifactsDocument,
    "\n  mutation CreateExperiment($name: String!) { createExperiment(name: $name) { id name } }\n": typeof types.CreateExperimentDocument,
    "\n  mutation RenameExperiment($id: ID!, $name: String!) { renameExperiment(id: $id, name: $name) { id name } }\n": typeof types.RenameExperimentDocument,
    "\n  mutation DeleteExperiment($id: ID!) { deleteExperiment(id: $id) { id lifecycleStage } }\n": typeof types.DeleteExperimentDocument,
    "\n  mutation RestoreExperiment($id: ID!) { restoreExperiment(id: $id) { id lifecycleStage } }\n": typeof types.RestoreExperimentDocument,
    "\n  mutation UpdateRun($id: ID!, $name: String, $status: RunStatus, $endTime: Long) {\n    updateRun(id: $id, name: $name, status: $status, endTime: $endTime) { id name status endTime }\n  }\n": typeof types.UpdateRunDocument,
    "\n  mutation SetTag($runId: ID!, $key: String!, $value: String!) { setTag(runId: $runId, key: $key, value: $value) { id tags { key value } note } }\n": typeof types.SetTagDocument,
    "\n  mutation DeleteTag($runId: ID!, $key: String!) { deleteTag(runId: $runId, key: $key) { id tags { key value } note } }\n": typeof types.DeleteTagDocument,
    "\n  mutation DeleteRuns($ids: [ID!]!) { deleteRuns(ids: $ids) { id lifecycleStage } }\n": typeof types.DeleteRunsDocument,
    "\n  mutation RestoreRuns($ids: [ID!]!) { restoreRuns(ids: $ids) { id lifecycleStage } }\n": typeof types.RestoreRunsDocument,
    "\n  mutation SetRunsTags($ids: [ID!]!, $tags: [TagInput!]!) { setRunsTags(ids: $ids, tags: $tags) { id } }\n": typeof types.SetRunsTagsDocument,
};
const documents: Documents = {
    "\n  query ExperimentsList($view: ViewType!) {\n    experiments(view: $view, first: 1000, orderBy: [\"name ASC\"]) {\n      totalCount\n      edges { node { id name lifecycleStage runCount lastRunStartTime lastUpdateTime } }\n    }\n  }\n": types.ExperimentsListDocument,
    "\n  query ExperimentMeta($id: ID!) {\n    experiment(id: $id) { id name lifecycleStage artifactLocation runCount paramKeys metricKeys }\n  }\n": types.ExperimentMetaDocument,
    "\n  fragment RunRowFields on Run {\n    id name status startTime endTime userId lifecycleStage parentRunId experimentId\n    params { key value }\n    latestMetrics { key value step timestamp }\n    tags { key value }\n    inputs { datasetInputs { dataset { name digest } } }\n  }\n": types.RunRowFieldsFragmentDoc,
    "\n  query RunWindow($experimentIds: [ID!]!, $filter: String, $orderBy: [String!], $view: ViewType!, $offset: Int!, $first: Int!, $nested: Boolean!, $parentRunId: ID) {\n    runWindow(experimentIds: $experimentIds, filter: $filter, orderBy: $orderBy, view: $view, offset: $offset, first: $first, nested: $nested, parentRunId: $parentRunId) {\n      offset totalCount\n      rows { childCount run { ...RunRowFields } }\n    }\n  }\n": types.RunWindowDocument,
    "\n  query MetricRanges($experimentIds: [ID!]!, $filter: String, $view: ViewType!, $keys: [String!]!) {\n    metricRanges(experimentIds: $experimentIds, filter: $filter, view: $view, keys: $keys) { key min max }\n  }\n": types.MetricRangesDocument,
    "\n  query RunsPage($experimentIds: [ID!]!, $filter: String, $orderBy: [String!], $view: ViewType!, $first: Int!, $after: String) {\n    runs(experimentIds: $experimentIds, filter: $filter, orderBy: $orderBy, view: $view, first: $first, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { ...RunRowFields } }\n    }\n  }\n": types.RunsPageDocument,
    "\n  query RunIdsPage($experimentIds: [ID!]!, $filter: String, $view: ViewType!, $after: String) {\n    runs(experimentIds: $experimentIds, filter: $filter, view: $view, first: 1000, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { id } }\n    }\n  }\n": types.RunIdsPageDocument,
    "\n  subscription RunChanged($experimentId: ID!) {\n    runChanged(experimentId: $experimentId) {\n      kinds\n      metrics { key value step timestamp }\n      run { ...RunRowFields }\n    }\n  }\n": types.RunChangedDocument,
    "\n  subscription RunOwnChanged($experimentId: ID!, $runId: ID!) {\n    runChanged(experimentId: $experimentId, runId: $runId) { kinds }\n  }\n": types.RunOwnChangedDocument,
    "\n  subscription ExperimentChanged {\n    experimentChanged { kind experiment { id name lifecycleStage runCount lastRunStartTime lastUpdateTime } }\n  }\n": types.ExperimentChangedDocument,
    "\n  query RunDetail($id: ID!) {\n    run(id: $id) {\n      id name experimentId status startTime endTime userId lifecycleStage artifactUri parentRunId note\n      experiment { id name }\n      parent { id name }\n      children { id name status }\n      params { key value }\n      tags { key value }\n      latestMetrics { key value step timestamp }\n      loggedModels { id name modelType artifactUri status }\n      inputs { datasetInputs { dataset { name digest sourceType source } tags { key value } } }\n    }\n  }\n": types.RunDetailDocument,
    "\n  query RunNames($experimentIds: [ID!]!, $filter: String!) {\n    runs(experimentIds: $experimentIds, filter: $filter, view: ALL, first: 1000) {\n      edges { node { id name experimentId latestMetrics { key } } }\n    }\n  }\n": types.RunNamesDocument,
    "\n  query MetricHistories($runIds: [ID!]!, $key: String!, $maxPoints: Int!, $minStep: Long, $maxStep: Long) {\n    metricHistories(runIds: $runIds, key: $key, maxPoints: $maxPoints, minStep: $minStep, maxStep: $maxStep) {\n      runId key totalPoints sampled lastSeq\n      points { step timestamp value min max }\n    }\n  }\n": types.MetricHistoriesDocument,
    "\n  subscription MetricsLogged($runIds: [ID!]!, $keys: [String!], $since: [RunCursor!]) {\n    metricsLogged(runIds: $runIds, keys: $keys, since: $since) { runId seq metrics { key value step timestamp } }\n  }\n": types.MetricsLoggedDocument,
    "\n  query Artifacts($runId: ID!, $path: String!) {\n    run(id: $runId) { id artifacts(path: $path) { name path isDir size modified } }\n  }\n": types.ArtifactsDocument,
    "\n  mutation CreateExperiment($name: String!) { createExperiment(name: $name) { id name } }\n": types.CreateExperimentDocument,
    "\n  mutation RenameExperiment($id: ID!, $name: String!) { renameExperiment(id: $id, name: $name) { id name } }\n": types.RenameExperimentDocument,
    "\n  mutation DeleteExperiment($id: ID!) { deleteExperiment(id: $id) { id lifecycleStage } }\n": types.DeleteExperimentDocument,
    "\n  mutation RestoreExperiment($id: ID!) { restoreExperiment(id: $id) { id lifecycleStage } }\n": types.RestoreExperimentDocument,
    "\n  mutation UpdateRun($id: ID!, $name: String, $status: RunStatus, $endTime: Long) {\n    updateRun(id: $id, name: $name, status: $status, endTime: $endTime) { id name status endTime }\n  }\n": types.UpdateRunDocument,
    "\n  mutation SetTag($runId: ID!, $key: String!, $value: String!) { setTag(runId: $runId, key: $key, value: $value) { id tags { key value } note } }\n": types.SetTagDocument,
    "\n  mutation DeleteTag($runId: ID!, $key: String!) { deleteTag(runId: $runId, key: $key) { id tags { key value } note } }\n": types.DeleteTagDocument,
    "\n  mutation DeleteRuns($ids: [ID!]!) { deleteRuns(ids: $ids) { id lifecycleStage } }\n": types.DeleteRunsDocument,
    "\n  mutation RestoreRuns($ids: [ID!]!) { restoreRuns(ids: $ids) { id lifecycleStage } }\n": types.RestoreRunsDocument,
    "\n  mutation SetRunsTags($ids: [ID!]!, $tags: [TagInput!]!) { setRunsTags(ids: $ids, tags: $tags) { id } }\n": types.SetRunsTagsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExperimentsList($view: ViewType!) {\n    experiments(view: $view, first: 1000, orderBy: [\"name ASC\"]) {\n      totalCount\n      edges { node { id name lifecycleStage runCount lastRunStartTime lastUpdateTime } }\n    }\n  }\n"): (typeof documents)["\n  query ExperimentsList($view: ViewType!) {\n    experiments(view: $view, first: 1000, orderBy: [\"name ASC\"]) {\n      totalCount\n      edges { node { id name lifecycleStage runCount lastRunStartTime lastUpdateTime } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExperimentMeta($id: ID!) {\n    experiment(id: $id) { id name lifecycleStage artifactLocation runCount paramKeys metricKeys }\n  }\n"): (typeof documents)["\n  query ExperimentMeta($id: ID!) {\n    experiment(id: $id) { id name lifecycleStage artifactLocation runCount paramKeys metricKeys }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RunRowFields on Run {\n    id name status startTime endTime userId lifecycleStage parentRunId experimentId\n    params { key value }\n    latestMetrics { key value step timestamp }\n    tags { key value }\n    inputs { datasetInputs { dataset { name digest } } }\n  }\n"): (typeof documents)["\n  fragment RunRowFields on Run {\n    id name status startTime endTime userId lifecycleStage parentRunId experimentId\n    params { key value }\n    latestMetrics { key value step timestamp }\n    tags { key value }\n    inputs { datasetInputs { dataset { name digest } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunWindow($experimentIds: [ID!]!, $filter: String, $orderBy: [String!], $view: ViewType!, $offset: Int!, $first: Int!, $nested: Boolean!, $parentRunId: ID) {\n    runWindow(experimentIds: $experimentIds, filter: $filter, orderBy: $orderBy, view: $view, offset: $offset, first: $first, nested: $nested, parentRunId: $parentRunId) {\n      offset totalCount\n      rows { childCount run { ...RunRowFields } }\n    }\n  }\n"): (typeof documents)["\n  query RunWindow($experimentIds: [ID!]!, $filter: String, $orderBy: [String!], $view: ViewType!, $offset: Int!, $first: Int!, $nested: Boolean!, $parentRunId: ID) {\n    runWindow(experimentIds: $experimentIds, filter: $filter, orderBy: $orderBy, view: $view, offset: $offset, first: $first, nested: $nested, parentRunId: $parentRunId) {\n      offset totalCount\n      rows { childCount run { ...RunRowFields } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MetricRanges($experimentIds: [ID!]!, $filter: String, $view: ViewType!, $keys: [String!]!) {\n    metricRanges(experimentIds: $experimentIds, filter: $filter, view: $view, keys: $keys) { key min max }\n  }\n"): (typeof documents)["\n  query MetricRanges($experimentIds: [ID!]!, $filter: String, $view: ViewType!, $keys: [String!]!) {\n    metricRanges(experimentIds: $experimentIds, filter: $filter, view: $view, keys: $keys) { key min max }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunsPage($experimentIds: [ID!]!, $filter: String, $orderBy: [String!], $view: ViewType!, $first: Int!, $after: String) {\n    runs(experimentIds: $experimentIds, filter: $filter, orderBy: $orderBy, view: $view, first: $first, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { ...RunRowFields } }\n    }\n  }\n"): (typeof documents)["\n  query RunsPage($experimentIds: [ID!]!, $filter: String, $orderBy: [String!], $view: ViewType!, $first: Int!, $after: String) {\n    runs(experimentIds: $experimentIds, filter: $filter, orderBy: $orderBy, view: $view, first: $first, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { ...RunRowFields } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunIdsPage($experimentIds: [ID!]!, $filter: String, $view: ViewType!, $after: String) {\n    runs(experimentIds: $experimentIds, filter: $filter, view: $view, first: 1000, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { id } }\n    }\n  }\n"): (typeof documents)["\n  query RunIdsPage($experimentIds: [ID!]!, $filter: String, $view: ViewType!, $after: String) {\n    runs(experimentIds: $experimentIds, filter: $filter, view: $view, first: 1000, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { id } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RunChanged($experimentId: ID!) {\n    runChanged(experimentId: $experimentId) {\n      kinds\n      metrics { key value step timestamp }\n      run { ...RunRowFields }\n    }\n  }\n"): (typeof documents)["\n  subscription RunChanged($experimentId: ID!) {\n    runChanged(experimentId: $experimentId) {\n      kinds\n      metrics { key value step timestamp }\n      run { ...RunRowFields }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RunOwnChanged($experimentId: ID!, $runId: ID!) {\n    runChanged(experimentId: $experimentId, runId: $runId) { kinds }\n  }\n"): (typeof documents)["\n  subscription RunOwnChanged($experimentId: ID!, $runId: ID!) {\n    runChanged(experimentId: $experimentId, runId: $runId) { kinds }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ExperimentChanged {\n    experimentChanged { kind experiment { id name lifecycleStage runCount lastRunStartTime lastUpdateTime } }\n  }\n"): (typeof documents)["\n  subscription ExperimentChanged {\n    experimentChanged { kind experiment { id name lifecycleStage runCount lastRunStartTime lastUpdateTime } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunDetail($id: ID!) {\n    run(id: $id) {\n      id name experimentId status startTime endTime userId lifecycleStage artifactUri parentRunId note\n      experiment { id name }\n      parent { id name }\n      children { id name status }\n      params { key value }\n      tags { key value }\n      latestMetrics { key value step timestamp }\n      loggedModels { id name modelType artifactUri status }\n      inputs { datasetInputs { dataset { name digest sourceType source } tags { key value } } }\n    }\n  }\n"): (typeof documents)["\n  query RunDetail($id: ID!) {\n    run(id: $id) {\n      id name experimentId status startTime endTime userId lifecycleStage artifactUri parentRunId note\n      experiment { id name }\n      parent { id name }\n      children { id name status }\n      params { key value }\n      tags { key value }\n      latestMetrics { key value step timestamp }\n      loggedModels { id name modelType artifactUri status }\n      inputs { datasetInputs { dataset { name digest sourceType source } tags { key value } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunNames($experimentIds: [ID!]!, $filter: String!) {\n    runs(experimentIds: $experimentIds, filter: $filter, view: ALL, first: 1000) {\n      edges { node { id name experimentId latestMetrics { key } } }\n    }\n  }\n"): (typeof documents)["\n  query RunNames($experimentIds: [ID!]!, $filter: String!) {\n    runs(experimentIds: $experimentIds, filter: $filter, view: ALL, first: 1000) {\n      edges { node { id name experimentId latestMetrics { key } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MetricHistories($runIds: [ID!]!, $key: String!, $maxPoints: Int!, $minStep: Long, $maxStep: Long) {\n    metricHistories(runIds: $runIds, key: $key, maxPoints: $maxPoints, minStep: $minStep, maxStep: $maxStep) {\n      runId key totalPoints sampled lastSeq\n      points { step timestamp value min max }\n    }\n  }\n"): (typeof documents)["\n  query MetricHistories($runIds: [ID!]!, $key: String!, $maxPoints: Int!, $minStep: Long, $maxStep: Long) {\n    metricHistories(runIds: $runIds, key: $key, maxPoints: $maxPoints, minStep: $minStep, maxStep: $maxStep) {\n      runId key totalPoints sampled lastSeq\n      points { step timestamp value min max }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MetricsLogged($runIds: [ID!]!, $keys: [String!], $since: [RunCursor!]) {\n    metricsLogged(runIds: $runIds, keys: $keys, since: $since) { runId seq metrics { key value step timestamp } }\n  }\n"): (typeof documents)["\n  subscription MetricsLogged($runIds: [ID!]!, $keys: [String!], $since: [RunCursor!]) {\n    metricsLogged(runIds: $runIds, keys: $keys, since: $since) { runId seq metrics { key value step timestamp } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Artifacts($runId: ID!, $path: String!) {\n    run(id: $runId) { id artifacts(path: $path) { name path isDir size modified } }\n  }\n"): (typeof documents)["\n  query Artifacts($runId: ID!, $path: String!) {\n    run(id: $runId) { id artifacts(path: $path) { name path isDir size modified } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateExperiment($name: String!) { createExperiment(name: $name) { id name } }\n"): (typeof documents)["\n  mutation CreateExperiment($name: String!) { createExperiment(name: $name) { id name } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RenameExperiment($id: ID!, $name: String!) { renameExperiment(id: $id, name: $name) { id name } }\n"): (typeof documents)["\n  mutation RenameExperiment($id: ID!, $name: String!) { renameExperiment(id: $id, name: $name) { id name } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteExperiment($id: ID!) { deleteExperiment(id: $id) { id lifecycleStage } }\n"): (typeof documents)["\n  mutation DeleteExperiment($id: ID!) { deleteExperiment(id: $id) { id lifecycleStage } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RestoreExperiment($id: ID!) { restoreExperiment(id: $id) { id lifecycleStage } }\n"): (typeof documents)["\n  mutation RestoreExperiment($id: ID!) { restoreExperiment(id: $id) { id lifecycleStage } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateRun($id: ID!, $name: String, $status: RunStatus, $endTime: Long) {\n    updateRun(id: $id, name: $name, status: $status, endTime: $endTime) { id name status endTime }\n  }\n"): (typeof documents)["\n  mutation UpdateRun($id: ID!, $name: String, $status: RunStatus, $endTime: Long) {\n    updateRun(id: $id, name: $name, status: $status, endTime: $endTime) { id name status endTime }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetTag($runId: ID!, $key: String!, $value: String!) { setTag(runId: $runId, key: $key, value: $value) { id tags { key value } note } }\n"): (typeof documents)["\n  mutation SetTag($runId: ID!, $key: String!, $value: String!) { setTag(runId: $runId, key: $key, value: $value) { id tags { key value } note } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteTag($runId: ID!, $key: String!) { deleteTag(runId: $runId, key: $key) { id tags { key value } note } }\n"): (typeof documents)["\n  mutation DeleteTag($runId: ID!, $key: String!) { deleteTag(runId: $runId, key: $key) { id tags { key value } note } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteRuns($ids: [ID!]!) { deleteRuns(ids: $ids) { id lifecycleStage } }\n"): (typeof documents)["\n  mutation DeleteRuns($ids: [ID!]!) { deleteRuns(ids: $ids) { id lifecycleStage } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RestoreRuns($ids: [ID!]!) { restoreRuns(ids: $ids) { id lifecycleStage } }\n"): (typeof documents)["\n  mutation RestoreRuns($ids: [ID!]!) { restoreRuns(ids: $ids) { id lifecycleStage } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetRunsTags($ids: [ID!]!, $tags: [TagInput!]!) { setRunsTags(ids: $ids, tags: $tags) { id } }\n"): (typeof documents)["\n  mutation SetRunsTags($ids: [ID!]!, $tags: [TagInput!]!) { setRunsTags(ids: $ids, tags: $tags) { id } }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;