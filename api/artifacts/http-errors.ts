import type { IncomingMessage, ServerResponse } from 'node:http';
import { RETRY_AFTER_SECONDS, expectedError } from '../../db/errors.js';
import { STORE_ERROR_HTTP } from '../error-status.js';
import { sendJson } from '../http.js';
import { ArtifactTooLargeError } from './store.js';

/**
 * Answers an artifact request that failed. Expected failures get their status and a JSON body; a
 * client that went away gets nothing; anything else is rethrown for the server's 500 handler.
 */
export function sendArtifactError(req: IncomingMessage, res: ServerResponse, error: unknown): void {
  const clientGone = (req.destroyed && !req.complete) || res.destroyed || isClientAbort(error);
  if (res.headersSent || clientGone) {
    // Mid-stream, or the client is gone: no status can be sent any more, so cut the connection.
    res.destroy();
    return;
  }
  // An unread request body (a refused upload) must not be read to its end: close after answering.
  const close: Record<string, string> = req.complete ? {} : { connection: 'close' };
  if (error instanceof ArtifactTooLargeError) {
    return sendJson(res, 413, { error_code: 'INVALID_PARAMETER_VALUE', message: error.message }, close);
  }
  const expected = expectedError(error);
  if (expected) {
    const { status, errorCode: code } = STORE_ERROR_HTTP[expected.code];
    const retry: Record<string, string> = expected.code === 'UNAVAILABLE' ? { 'retry-after': String(RETRY_AFTER_SECONDS) } : {};
    return sendJson(res, status, { error_code: code, message: expected.message }, { ...close, ...retry });
  }
  throw error;
}

function isClientAbort(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'EPIPE';
}
