import { TracklineError } from '../errors.js';
import { type RetryOptions, withRetry } from '../retry.js';
import { describeNetworkError } from '../transport.js';
import { encodeArtifactPath } from './paths.js';

/** What fetch takes as a body (Node's fetch also streams any async iterable, such as a file stream). */
export type RequestBody = NonNullable<RequestInit['body']>;

/** MLflow-style codes the server's JSON errors may carry, in the SDK's vocabulary. */
const MLFLOW_CODES: Record<string, string> = {
  RESOURCE_DOES_NOT_EXIST: 'NOT_FOUND',
  INVALID_PARAMETER_VALUE: 'INVALID_ARGUMENT',
  RESOURCE_ALREADY_EXISTS: 'ALREADY_EXISTS',
};

const STATUS_CODES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  412: 'FAILED_PRECONDITION',
  413: 'INVALID_ARGUMENT',
};

/**
 * The plain-HTTP side of artifacts: `PUT|GET|DELETE /artifacts/<runId>/<path>`. Every call here is
 * idempotent (a PUT overwrites with the same bytes), so all of them retry transient failures; a
 * body is reopened for each attempt.
 */
export class ArtifactHttp {
  constructor(
    private readonly baseUrl: string,
    private readonly headers: () => Record<string, string>,
    private readonly retry: RetryOptions,
  ) {}

  async put(runId: string, path: string, body: () => RequestBody, size: number | undefined, operation: string): Promise<void> {
    await this.call(operation, () => {
      const headers: Record<string, string> = { ...this.headers(), 'content-type': 'application/octet-stream' };
      if (size !== undefined) headers['content-length'] = String(size);
      // duplex 'half': Node's fetch streams a request body only when told the answer waits for it.
      return { method: 'PUT', headers, body: body(), duplex: 'half' } as RequestInit;
    }, runId, path);
  }

  /** The file's response, body unread; a missing file is NOT_FOUND. */
  get(runId: string, path: string, operation: string): Promise<Response> {
    return this.call(operation, () => ({ method: 'GET', headers: this.headers() }), runId, path);
  }

  async delete(runId: string, path: string, operation: string): Promise<void> {
    await this.call(operation, () => ({ method: 'DELETE', headers: this.headers() }), runId, path);
  }

  private call(operation: string, init: () => RequestInit, runId: string, path: string): Promise<Response> {
    const url = `${this.baseUrl}/artifacts/${encodeURIComponent(runId)}/${encodeArtifactPath(path)}`;
    return withRetry(async () => {
      let response: Response;
      try {
        response = await fetch(url, init());
      } catch (error) {
        throw new TracklineError('NETWORK', `could not reach ${this.baseUrl}: ${describeNetworkError(error as Error)}`, operation, { cause: error });
      }
      if (!response.ok) throw await this.toError(response, operation, path);
      return response;
    }, this.retry);
  }

  private async toError(response: Response, operation: string, path: string): Promise<TracklineError> {
    const text = await response.text().catch(() => '');
    let body: { error_code?: unknown; message?: unknown; errors?: { message?: string; extensions?: { code?: string } }[] } = {};
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: the status decides
    }
    const named = body.errors?.[0]?.extensions?.code ?? (typeof body.error_code === 'string' ? body.error_code : undefined);
    const code =
      response.status >= 500 || response.status === 429
        ? 'UNAVAILABLE'
        : (named && (MLFLOW_CODES[named] ?? named)) ?? STATUS_CODES[response.status] ?? 'HTTP_ERROR';
    const message = body.errors?.[0]?.message ?? (typeof body.message === 'string' ? body.message : `HTTP ${response.status} for ${JSON.stringify(path)}`);
    return new TracklineError(code, message, operation, { status: response.status });
  }
}
