/** GraphQL over plain HTTP, as a script sends it: the one POST helper the tests share. */

export interface GraphqlResponse<T = any> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string; field?: string; [key: string]: unknown }; path?: unknown[] }>;
}

/** POSTs an operation to `<baseUrl>/graphql`; a body that is not JSON comes back as one error holding the text. */
export async function postGraphql<T = any>(
  baseUrl: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphqlResponse<T>> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: { data?: T; errors?: GraphqlResponse['errors'] } = {};
  try {
    body = JSON.parse(text);
  } catch {
    body = { errors: [{ message: text }] };
  }
  return { status: response.status, ...body };
}

/** Sends an operation and returns its data; throws (failing the test) on any error. */
export async function ok<T = any>(baseUrl: string, query: string, variables?: Record<string, unknown>): Promise<T> {
  const result = await postGraphql<T>(baseUrl, query, variables);
  if (result.status !== 200 || result.errors?.length || !result.data) {
    throw new Error(`GraphQL request failed (${result.status}): ${JSON.stringify(result.errors)}`);
  }
  return result.data;
}
