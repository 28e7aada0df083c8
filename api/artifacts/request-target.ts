import { invalid } from '../../db/errors.js';
import { decodeUrlPath } from './paths.js';

/** A request for `/artifacts/<runId>/<path>`, with both parts decoded once (not yet canonical). */
export interface ArtifactTarget {
  runId: string;
  path: string;
}


/**
 * Reads the run id and path of an /artifacts request from the RAW request target. The WHATWG URL the
 * server parsed has already resolved `..`, `%2e%2e` and `\` (so `/artifacts/r/%2e%2e/%2e%2e/x` became
 * `/x`): checking that would check a different path from the one the client sent. The parsed path is
 * only used to claim requests that a dot segment moved into /artifacts, to refuse them clearly.
 *
 * Returns undefined for requests that are not for /artifacts; throws INVALID_ARGUMENT for ones that are
 * but cannot be taken as they were written (dot segments resolved away, a query string, no run id).
 */
export function parseArtifactTarget(rawTarget: string, parsedPath: string, prefix = '/artifacts'): ArtifactTarget | undefined {
  // Absolute-form targets (`GET http://host/artifacts/...`, RFC 9112 3.2.2) carry the same path after the authority.
  const raw = rawTarget.replace(/^https?:\/\/[^/?#]*/i, '');
  const isUnder = (path: string) => path === prefix || path.startsWith(`${prefix}/`);
  const claimed = isUnder(raw) || isUnder(parsedPath);
  if (!claimed) return undefined;
  if (!isUnder(raw)) {
    throw invalid(`path: the request path must start with ${prefix}/<runId>/ as written, without dot segments`, 'path');
  }
  if (raw.includes('?')) {
    throw invalid("path: artifact URLs take no query string; '?' in a file name must be written %3F (and is not allowed in artifact paths)", 'path');
  }
  const rest = raw.slice(prefix.length + 1);
  const slash = rest.indexOf('/');
  const runId = decodeUrlPath(slash < 0 ? rest : rest.slice(0, slash), 'runId');
  if (runId === '') throw invalid(`runId: a run id is required: ${prefix}/<runId>/<path>`, 'runId');
  return { runId, path: slash < 0 ? '' : decodeUrlPath(rest.slice(slash + 1), 'path') };
}
