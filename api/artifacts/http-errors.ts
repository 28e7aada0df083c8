import type { IncomingMessage, ServerResponse } from 'node:http';
import { RETRY_AFTER_SECONDS, type StoreErrorCode, expectedError } from '../../db/errors.js';
import { sendJson } from '../http.js';
import { ArtifactTooLargeError } from './store.js';

/** design.md section 4's error table, for JSON `{error_code, message}` bodies. */
const STATUS: Record<StoreErrorCode, [number, string]> = {
  NOT_FOUND: [404, 'RESOURCE_DOES_NOT_EXIST'],
  INVALID_ARGUMENT: [400, 'INVALID_PARAMETER_VALUE'],
  ALREADY_EXISTS: [400, 'RESOURCE_ALREADY_EXISTS'],
  FAILED_PRECONDITION: [400, 'INVALID_PARAMETER_VALUE'],
  RESYNC_REQUIRED: [400, 'INVALID_PARAMETER_VALUE'],
  UNAUTHENTICATED: [401, 'UNAUTHENTICATED'],
  PERMISSION_DENIED: [403, 'PERMISSION_DENIED'],
  UNAVAILABLE: [503, 'TEMPORARILY_UNAVAILABLE'],
};

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
    const [status, code] = STATUS[expected.code];
    const retry: Record<string, string> = expected.code === 'UNAVAILABLE' ? { 'retry-after': String(RETRY_AFTER_SECONDS) } : {};
    return sendJson(res, status, { error_code: code, message: expected.message }, { ...close, ...retry });
  }
  throw error;
}

function isClientAbort(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'EPIPE';
}
