import { type ExecutionResult, GraphQLError, execute, parse } from 'graphql';
import { type ServerDeps, createContext, maskError, schema } from '../../schema/index.js';
import type { GraphqlReadTask } from './pool.js';

/**
 * A query on a read worker. The event loop's yoga handler has already parsed, validated and costed this
 * exact document (api/graphql.ts), so the worker executes it and formats the result as yoga does: the
 * same schema, context, execution budget and error masking, without the HTTP machinery (which would
 * also make each worker start a second slower).
 */
export async function executeQuery(deps: ServerDeps, task: GraphqlReadTask): Promise<{ status: number; body: string }> {
  const { query, variables, operationName } = task.params;
  const context = createContext(deps);
  let result: ExecutionResult;
  try {
    result = await execute({ schema, document: parse(query ?? ''), variableValues: variables, operationName, contextValue: context });
  } catch (error) {
    result = { errors: [error instanceof GraphQLError ? error : (maskError(error, 'Unexpected error.') as GraphQLError)] };
  }
  // As useExecutionBudget does on the event loop: one error for an operation over its budget.
  if (context.budget.exceeded) result = { data: null, errors: [context.budget.exceeded as unknown as GraphQLError] };
  const errors = result.errors?.map((error) => maskError(error, 'Unexpected error.') as GraphQLError);
  let status = 200;
  for (const error of errors ?? []) {
    const http = (error.extensions?.http as { status?: number } | undefined)?.status;
    if (http && http > status) status = http;
  }
  const body = { ...(errors && { errors: errors.map(publicError) }), ...('data' in result && { data: result.data }) };
  return { status, body: JSON.stringify(body) };
}

/** An error as the client sees it: yoga's `http` instructions and internal markers left out. */
function publicError(error: GraphQLError) {
  const json = error.toJSON();
  if (!json.extensions) return json;
  const { http: _http, unexpected: _unexpected, ...extensions } = json.extensions as Record<string, unknown>;
  return { ...json, extensions: Object.keys(extensions).length ? extensions : undefined };
}
