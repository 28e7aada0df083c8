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
    "\n  fragment SdkRunFields on Run {\n    id\n    name\n    experimentId\n    status\n    startTime\n    endTime\n    userId\n    lifecycleStage\n    artifactUri\n    parentRunId\n    note\n    params { key value }\n    tags { key value }\n    latestMetrics { key value step timestamp }\n  }\n": typeof types.SdkRunFieldsFragmentDoc,
    "\n  fragment SdkExperimentFields on Experiment {\n    id\n    name\n    artifactLocation\n    lifecycleStage\n    creationTime\n    lastUpdateTime\n    tags { key value }\n  }\n": typeof types.SdkExperimentFieldsFragmentDoc,
    "\n  mutation SdkLogBatch($runId: ID!, $metrics: [MetricInput!], $params: [ParamInput!], $tags: [TagInput!]) {\n    logBatch(runId: $runId, metrics: $metrics, params: $params, tags: $tags) { id }\n  }\n": typeof types.SdkLogBatchDocument,
    "\n  mutation SdkLogParam($runId: ID!, $key: String!, $value: String!) {\n    logParam(runId: $runId, key: $key, value: $value) { id }\n  }\n": typeof types.SdkLogParamDocument,
    "\n  mutation SdkSetTag($runId: ID!, $key: String!, $value: String!) {\n    setTag(runId: $runId, key: $key, value: $value) { id }\n  }\n": typeof types.SdkSetTagDocument,
    "\n  mutation SdkDeleteTag($runId: ID!, $key: String!) {\n    deleteTag(runId: $runId, key: $key) { id }\n  }\n": typeof types.SdkDeleteTagDocument,
    "\n  mutation SdkUpdateRun($id: ID!, $status: RunStatus, $endTime: Long, $name: String) {\n    updateRun(id: $id, status: $status, endTime: $endTime, name: $name) { id status endTime }\n  }\n": typeof types.SdkUpdateRunDocument,
    "\n  query SdkExperimentByName($name: String!) {\n    experiment(name: $name) { ...SdkExperimentFields }\n  }\n": typeof types.SdkExperimentByNameDocument,
    "\n  query SdkExperimentById($id: ID!) {\n    experiment(id: $id) { ...SdkExperimentFields }\n  }\n": typeof types.SdkExperimentByIdDocument,
    "\n  mutation SdkCreateExperiment($name: String!, $artifactLocation: String, $tags: [TagInput!]) {\n    createExperiment(name: $name, artifactLocation: $artifactLocation, tags: $tags) { ...SdkExperimentFields }\n  }\n": typeof types.SdkCreateExperimentDocument,
    "\n  mutation SdkCreateRun($experimentId: ID!, $name: String, $startTime: Long, $tags: [TagInput!], $parentRunId: ID) {\n    createRun(experimentId: $experimentId, name: $name, startTime: $startTime, tags: $tags, parentRunId: $parentRunId) {\n      ...SdkRunFields\n    }\n  }\n": typeof types.SdkCreateRunDocument,
    "\n  query SdkRun($id: ID!) {\n    run(id: $id) { ...SdkRunFields }\n  }\n": typeof types.SdkRunDocument,
    "\n  query SdkSearchRuns($experimentIds: [ID!]!, $filter: String, $orderBy: [String!], $view: ViewType, $first: Int, $after: String) {\n    runs(experimentIds: $experimentIds, filter: $filter, orderBy: $orderBy, view: $view, first: $first, after: $after) {\n      edges { node { ...SdkRunFields } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.SdkSearchRunsDocument,
    "\n  query SdkMetricPoints($runId: ID!, $key: String!, $first: Int, $after: String) {\n    metricPoints(runId: $runId, key: $key, first: $first, after: $after) {\n      edges { node { step timestamp value } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.SdkMetricPointsDocument,
    "\n  query SdkRunArtifacts($runId: ID!, $path: String) {\n    run(id: $runId) { artifacts(path: $path) { name path isDir size modified } }\n  }\n": typeof types.SdkRunArtifactsDocument,
};
const documents: Documents = {
    "\n  fragment SdkRunFields on Run {\n    id\n    name\n    experimentId\n    status\n    startTime\n    endTime\n    userId\n    lifecycleStage\n    artifactUri\n    parentRunId\n    note\n    params { key value }\n    tags { key value }\n    latestMetrics { key value step timestamp }\n  }\n": types.SdkRunFieldsFragmentDoc,
    "\n  fragment SdkExperimentFields on Experiment {\n    id\n    name\n    artifactLocation\n    lifecycleStage\n    creationTime\n    lastUpdateTime\n    tags { key value }\n  }\n": types.SdkExperimentFieldsFragmentDoc,
    "\n  mutation SdkLogBatch($runId: ID!, $metrics: [MetricInput!], $params: [ParamInput!], $tags: [TagInput!]) {\n    logBatch(runId: $runId, metrics: $metrics, params: $params, tags: $tags) { id }\n  }\n": types.SdkLogBatchDocument,
    "\n  mutation SdkLogParam($runId: ID!, $key: String!, $value: String!) {\n    logParam(runId: $runId, key: $key, value: $value) { id }\n  }\n": types.SdkLogParamDocument,
    "\n  mutation SdkSetTag($runId: ID!, $key: String!, $value: String!) {\n    setTag(runId: $runId, key: $key, value: $value) { id }\n  }\n": types.SdkSetTagDocument,
    "\n  mutation SdkDeleteTag($runId: ID!, $key: String!) {\n    deleteTag(runId: $runId, key: $key) { id }\n  }\n": types.SdkDeleteTagDocument,
    "\n  mutation SdkUpdateRun($id: ID!, $status: RunStatus, $endTime: Long, $name: String) {\n    updateRun(id: $id, status: $status, endTime: $endTime, name: $name) { id status endTime }\n  }\n": types.SdkUpdateRunDocument,
    "\n  query SdkExperimentByName($name: String!) {\n    experiment(name: $name) { ...SdkExperimentFields }\n  }\n": types.SdkExperimentByNameDocument,
    "\n  query SdkExperimentById($id: ID!) {\n    experiment(id: $id) { ...SdkExperimentFields }\n  }\n": types.SdkExperimentByIdDocument,
    "\n  mutation SdkCreateExperiment($name: String!, $artifactLocation: String, $tags: [TagInput!]) {\n    createExperiment(name: $name, artifactLocation: $artifactLocation, tags: $tags) { ...SdkExperimentFields }\n  }\n": types.SdkCreateExperimentDocument,
    "\n  mutation SdkCreateRun($experimentId: ID!, $name: String, $startTime: Long, $tags: [TagInput!], $parentRunId: ID) {\n    createRun(experimentId: $experimentId, name: $name, startTime: $startTime, tags: $tags, parentRunId: $parentRunId) {\n      ...SdkRunFields\n    }\n  }\n": types.SdkCreateRunDocument,
    "\n  query SdkRun($id: ID!) {\n    run(id: $id) { ...SdkRunFields }\n  }\n": types.SdkRunDocument,
    "\n  query SdkSearchRuns($experimentIds: [ID!]!, $filter: String, $orderBy: [String!], $view: ViewType, $first: Int, $after: String) {\n    runs(experimentIds: $experimentIds, filter: $filter, orderBy: $orderBy, view: $view, first: $first, after: $after) {\n      edges { node { ...SdkRunFields } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.SdkSearchRunsDocument,
    "\n  query SdkMetricPoints($runId: ID!, $key: String!, $first: Int, $after: String) {\n    metricPoints(runId: $runId, key: $key, first: $first, after: $after) {\n      edges { node { step timestamp value } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.SdkMetricPointsDocument,
    "\n  query SdkRunArtifacts($runId: ID!, $path: String) {\n    run(id: $runId) { artifacts(path: $path) { name path isDir size modified } }\n  }\n": types.SdkRunArtifactsDocument,
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
export function graphql(source: "\n  fragment SdkRunFields on Run {\n    id\n    name\n    experimentId\n    status\n    startTime\n    endTime\n    userId\n    lifecycleStage\n    artifactUri\n    parentRunId\n    note\n    params { key value }\n    tags { key value }\n    latestMetrics { key value step timestamp }\n  }\n"): (typeof documents)["\n  fragment SdkRunFields on Run {\n    id\n    name\n    experimentId\n    status\n    startTime\n    endTime\n    userId\n    lifecycleStage\n    artifactUri\n    parentRunId\n    note\n    params { key value }\n    tags { key value }\n    latestMetrics { key value step timestamp }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SdkExperimentFields on Experiment {\n    id\n    name\n    artifactLocation\n    lifecycleStage\n    creationTime\n    lastUpdateTime\n    tags { key value }\n  }\n"): (typeof documents)["\n  fragment SdkExperimentFields on Experiment {\n    id\n    name\n    artifactLocation\n    lifecycleStage\n    creationTime\n    lastUpdateTime\n    tags { key value }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SdkLogBatch($runId: ID!, $metrics: [MetricInput!], $params: [ParamInput!], $tags: [TagInput!]) {\n    logBatch(runId: $runId, metrics: $metrics, params: $params, tags: $tags) { id }\n  }\n"): (typeof documents)["\n  mutation SdkLogBatch($runId: ID!, $metrics: [MetricInput!], $params: [ParamInput!], $tags: [TagInput!]) {\n    logBatch(runId: $runId, metrics: $metrics, params: $params, tags: $tags) { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SdkLogParam($runId: ID!, $key: String!, $value: String!) {\n    logParam(runId: $runId, key: $key, value: $value) { id }\n  }\n"): (typeof documents)["\n  mutation SdkLogParam($runId: ID!, $key: String!, $value: String!) {\n    logParam(runId: $runId, key: $key, value: $value) { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SdkSetTag($runId: ID!, $key: String!, $value: String!) {\n    setTag(runId: $runId, key: $key, value: $value) { id }\n  }\n"): (typeof documents)["\n  mutation SdkSetTag($runId: ID!, $key: String!, $value: String!) {\n    setTag(runId: $runId, key: $key, value: $value) { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SdkDeleteTag($runId: ID!, $key: String!) {\n    deleteTag(runId: $runId, key: $key) { id }\n  }\n"): (typeof documents)["\n  mutation SdkDeleteTag($runId: ID!, $key: String!) {\n    deleteTag(runId: $runId, key: $key) { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SdkUpdateRun($id: ID!, $status: RunStatus, $endTime: Long, $name: String) {\n    updateRun(id: $id, status: $status, endTime: $endTime, name: $name) { id status endTime }\n  }\n"): (typeof documents)["\n  mutation SdkUpdateRun($id: ID!, $status: RunStatus, $endTime: Long, $name: String) {\n    updateRun(id: $id, status: $status, endTime: $endTime, name: $name) { id status endTime }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SdkExperimentByName($name: String!) {\n    experiment(name: $name) { ...SdkExperimentFields }\n  }\n"): (typeof documents)["\n  query SdkExperimentByName($name: String!) {\n    experiment(name: $name) { ...SdkExperimentFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SdkExperimentById($id: ID!) {\n    experiment(id: $id) { ...SdkExperimentFields }\n  }\n"): (typeof documents)["\n  query SdkExperimentById($id: ID!) {\n    experiment(id: $id) { ...SdkExperimentFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SdkCreateExperiment($name: String!, $artifactLocation: String, $tags: [TagInput!]) {\n    createExperiment(name: $name, artifactLocation: $artifactLocation, tags: $tags) { ...SdkExperimentFields }\n  }\n"): (typeof documents)["\n  mutation SdkCreateExperiment($name: String!, $artifactLocation: String, $tags: [TagInput!]) {\n    createExperiment(name: $name, artifactLocation: $artifactLocation, tags: $tags) { ...SdkExperimentFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SdkCreateRun($experimentId: ID!, $name: String, $startTime: Long, $tags: [TagInput!], $parentRunId: ID) {\n    createRun(experimentId: $experimentId, name: $name, startTime: $startTime, tags: $tags, parentRunId: $parentRunId) {\n      ...SdkRunFields\n    }\n  }\n"): (typeof documents)["\n  mutation SdkCreateRun($experimentId: ID!, $name: String, $startTime: Long, $tags: [TagInput!], $parentRunId: ID) {\n    createRun(experimentId: $experimentId, name: $name, startTime: $startTime, tags: $tags, parentRunId: $parentRunId) {\n      ...SdkRunFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SdkRun($id: ID!) {\n    run(id: $id) { ...SdkRunFields }\n  }\n"): (typeof documents)["\n  query SdkRun($id: ID!) {\n    run(id: $id) { ...SdkRunFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SdkSearchRuns($experimentIds: [ID!]!, $filter: String, $orderBy: [String!], $view: ViewType, $first: Int, $after: String) {\n    runs(experimentIds: $experimentIds, filter: $filter, orderBy: $orderBy, view: $view, first: $first, after: $after) {\n      edges { node { ...SdkRunFields } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query SdkSearchRuns($experimentIds: [ID!]!, $filter: String, $orderBy: [String!], $view: ViewType, $first: Int, $after: String) {\n    runs(experimentIds: $experimentIds, filter: $filter, orderBy: $orderBy, view: $view, first: $first, after: $after) {\n      edges { node { ...SdkRunFields } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SdkMetricPoints($runId: ID!, $key: String!, $first: Int, $after: String) {\n    metricPoints(runId: $runId, key: $key, first: $first, after: $after) {\n      edges { node { step timestamp value } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query SdkMetricPoints($runId: ID!, $key: String!, $first: Int, $after: String) {\n    metricPoints(runId: $runId, key: $key, first: $first, after: $after) {\n      edges { node { step timestamp value } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SdkRunArtifacts($runId: ID!, $path: String) {\n    run(id: $runId) { artifacts(path: $path) { name path isDir size modified } }\n  }\n"): (typeof documents)["\n  query SdkRunArtifacts($runId: ID!, $path: String) {\n    run(id: $runId) { artifacts(path: $path) { name path isDir size modified } }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;