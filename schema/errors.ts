import { GraphQLError } from 'graphql';
import { RETRY_AFTER_SECONDS, expectedError } from '../db/errors.js';

/**
 * Yoga's maskError hook: the store's expected failures become GraphQL errors with `extensions.code`
 * and the store's message (which names the field and the rule); anything unexpected stays masked.
 */
export function maskError(error: unknown, message: string): Error {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const expected = expectedError(original);
  if (expected) {
    const path = error instanceof GraphQLError ? error.path : undefined;
    // yoga turns `http` into the response's status and headers and leaves it out of the body.
    const http = expected.code === 'UNAVAILABLE' ? { http: { status: 503, headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } } } : {};
    return new GraphQLError(expected.message, {
      path,
      extensions: { code: expected.code, ...(expected.field && { field: expected.field }), ...http },
    });
  }
  if (error instanceof GraphQLError && (error.extensions?.code || !error.originalError)) return error;
  if (error instanceof GraphQLError && original instanceof GraphQLError) {
    // graphql-js's own input errors (a required input field missing, an unknown one): bad input, not a bug.
    return new GraphQLError(error.message, { nodes: error.nodes, path: error.path, extensions: { code: 'INVALID_ARGUMENT' } });
  }
  // Unexpected: the client gets a masked message, the operator gets the real error.
  console.error('trackline: unexpected error in a GraphQL operation', original);
  return new GraphQLError(message, {
    path: error instanceof GraphQLError ? error.path : undefined,
    extensions: { code: 'INTERNAL' },
  });
}

export const graphqlError = (code: string, message: string) => new GraphQLError(message, { extensions: { code } });
