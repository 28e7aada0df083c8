import { Client, type AnyVariables, type CombinedError, type GraphQLRequest, type TypedDocumentNode, createRequest, fetchExchange } from '@urql/core';
import { TracklineError } from './errors.js';
import { type RetryOptions, withRetry } from './retry.js';

export interface TransportOptions {
  /** the server's base URL, e.g. http://127.0.0.1:5000 */
  url: string;
  token?: string | undefined;
  retry: RetryOptions;
}

/** How a call may be repeated: `idempotent` calls are retried on transient failures, `once` never. */
export type RetryMode = 'idempotent' | 'once';

/**
 * GraphQL over urql's core client: fetchExchange only (a script wants every answer fresh, so no
 * cache), typed documents from client/graphql, and one mapping of every failure to TracklineError.
 */
export class GraphqlTransport {
  readonly baseUrl: string;
  private readonly client: Client;
  // Bodies of non-GraphQL error answers (403 from the origin guard, a proxy's 502 page), read
  // before urql sees the response so the error can quote them.
  private readonly errorBodies = new WeakMap<Response, string>();
  private readonly keyedDocuments = new WeakMap<object, TypedDocumentNode<any, any>>();
  private nextKey = 1;

  constructor(private readonly options: TransportOptions) {
    this.baseUrl = options.url.replace(/\/+$/, '');
    this.client = new Client({
      url: `${this.baseUrl}/graphql`,
      exchanges: [fetchExchange],
      requestPolicy: 'network-only',
      preferGetMethod: false,
      fetch: (input, init) => this.fetchKeepingErrorBody(input, init),
      fetchOptions: () => ({ headers: this.headers() }),
    });
  }

  /** Headers for any request to the server: the bearer token, when there is one. */
  headers(): Record<string, string> {
    return this.options.token ? { authorization: `Bearer ${this.options.token}` } : {};
  }

  /** Sends one operation; retries transient failures when the caller says repeating it is safe. */
  request<Data, Variables extends AnyVariables>(
    document: TypedDocumentNode<Data, Variables>,
    variables: NoInfer<Variables>,
    operation: string,
    mode: RetryMode = 'idempotent',
  ): Promise<Data> {
    const once = () => this.send(document, variables, operation);
    return mode === 'idempotent' ? withRetry(once, this.options.retry) : once();
  }

  private async send<Data, Variables extends AnyVariables>(
    document: TypedDocumentNode<Data, Variables>,
    variables: NoInfer<Variables>,
    operation: string,
  ): Promise<Data> {
    const request = this.requestFor(document, variables);
    const result = isMutation(document)
      ? await this.client.executeMutation(request).toPromise()
      : await this.client.executeQuery(request).toPromise();
    if (result.error) throw this.toTracklineError(result.error, operation);
    if (!result.data) throw new TracklineError('INTERNAL', 'the server answered without data', operation);
    return result.data;
  }

  /**
   * urql keys a request by hashing its variables, which costs milliseconds for a 1,000-point batch.
   * Without a cache or deduplication a key only has to be unique, so a counter does; the document
   * itself is keyed (and its printed text cached) once.
   */
  private requestFor<Data, Variables extends AnyVariables>(document: TypedDocumentNode<Data, Variables>, variables: Variables): GraphQLRequest<Data, Variables> {
    let query = this.keyedDocuments.get(document);
    if (!query) {
      query = createRequest(document as TypedDocumentNode<any, any>, {}).query as TypedDocumentNode<any, any>;
      this.keyedDocuments.set(document, query);
    }
    return { key: this.nextKey++, query, variables };
  }

  private async fetchKeepingErrorBody(input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> {
    const response = await fetch(input, init);
    if (response.ok) return response;
    const text = await response.text();
    const copy = new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
    this.errorBodies.set(copy, text);
    return copy;
  }

  private toTracklineError(error: CombinedError, operation: string): TracklineError {
    const status = error.response instanceof Response ? error.response.status : undefined;
    const graphqlError = error.graphQLErrors[0];
    if (graphqlError) {
      const code = graphqlError.extensions?.code;
      const field = graphqlError.extensions?.field;
      return new TracklineError(typeof code === 'string' ? code : 'INTERNAL', graphqlError.message, operation, {
        field: typeof field === 'string' ? field : undefined,
        status,
        cause: error,
      });
    }
    if (status !== undefined) return this.httpError(error.response as Response, status, operation, error);
    return new TracklineError('NETWORK', `could not reach ${this.baseUrl}: ${describeNetworkError(error.networkError)}`, operation, {
      cause: error.networkError ?? error,
    });
  }

  private httpError(response: Response, status: number, operation: string, cause: unknown): TracklineError {
    const body = this.errorBodies.get(response) ?? '';
    const parsed = parseJsonObject(body);
    const message = typeof parsed?.message === 'string' ? parsed.message : `HTTP ${status} ${response.statusText}`.trim();
    const named = typeof parsed?.error_code === 'string' ? parsed.error_code : undefined;
    return new TracklineError(httpCode(status, named), message, operation, { status, cause });
  }
}

function isMutation(document: TypedDocumentNode<any, any>): boolean {
  return document.definitions.some((definition) => definition.kind === 'OperationDefinition' && definition.operation === 'mutation');
}

function httpCode(status: number, named: string | undefined): string {
  if (status >= 500 || status === 429) return 'UNAVAILABLE';
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'PERMISSION_DENIED';
  return named ?? 'HTTP_ERROR';
}

/** undici reports "fetch failed" and hides the reason (ECONNREFUSED, a reset socket) in `cause`. */
export function describeNetworkError(error: Error | undefined): string {
  if (!error) return 'no answer';
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const reason = cause?.code ?? cause?.message;
  return reason ? `${error.message} (${reason})` : error.message;
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
