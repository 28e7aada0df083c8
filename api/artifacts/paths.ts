import { invalid } from '../../db/errors.js';

/**
 * Artifact path rules (docs/architecture.md section 6: path traversal is the bug class behind most of MLflow's advisories).
 *
 * A path names a file or folder relative to an owner's artifact folder (a run's `<P>/<runId>/artifacts`,
 * a logged model's `<P>/models/<modelId>/artifacts`). Every path goes through here exactly once:
 *
 *   URL text --decodeUrlPath--> decoded text --canonicalArtifactPath--> canonical path (what is used)
 *
 * The canonical form is '/'-separated non-empty segments, none of them `.` or `..`; it can only name
 * something inside the owner's folder, so joining it to the folder's key is safe by construction.
 * (Symlinks on disk are the storage implementation's concern: see local-store.ts.)
 *
 * Every function is pure and throws StoreError INVALID_ARGUMENT naming `field` and the rule broken, so
 * the GraphQL resolvers, trackline's /artifacts routes and the MLflow artifact proxy refuse the same
 * paths with the same messages.
 */

/** Longest canonical path we accept, in characters; keeps well inside PATH_MAX once joined to the root. */
const MAX_PATH_LENGTH = 1024;
/** Longest segment, in UTF-8 bytes: the usual file-name limit (ext4, APFS, NTFS). */
const MAX_SEGMENT_BYTES = 255;

export interface PathOptions {
  /** Accept '' as "the owner's folder itself" (listing); files always need a non-empty path. */
  allowEmpty?: boolean;
}

/**
 * Decodes percent-escapes exactly once. Malformed escapes and escapes of invalid UTF-8 (overlong
 * encodings such as %c0%ae, a classic way to spell '.') are refused rather than passed through.
 */
export function decodeUrlPath(encoded: string, field: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    throw invalid(`${field}: ${JSON.stringify(encoded)} is not valid percent-encoded UTF-8`, field);
  }
}

/**
 * Checks a decoded path and returns its canonical form (the only form that may be used afterwards).
 * `\` counts as a separator, so Windows-style traversal (`..\..\x`) is caught as `..` segments.
 */
export function canonicalArtifactPath(decoded: string, field: string, options: PathOptions = {}): string {
  if (typeof decoded !== 'string') throw invalid(`${field}: a path string is required`, field);
  if (decoded === '') {
    if (options.allowEmpty) return '';
    throw invalid(`${field}: a non-empty artifact path is required`, field);
  }
  if (decoded.length > MAX_PATH_LENGTH) {
    throw invalid(`${field}: the path is longer than ${MAX_PATH_LENGTH} characters`, field);
  }
  refuseCharacters(decoded, field);
  const normalized = decoded.replaceAll('\\', '/');
  if (normalized.startsWith('/')) {
    throw invalid(`${field}: ${JSON.stringify(decoded)} is absolute (or a UNC path); artifact paths are relative`, field);
  }
  const segments = normalized.split('/');
  if (/^[A-Za-z]:/.test(segments[0] as string)) {
    throw invalid(`${field}: ${JSON.stringify(decoded)} starts with a drive letter; artifact paths are relative`, field);
  }
  segments.forEach((segment) => checkSegment(segment, decoded, field));
  return segments.join('/');
}

/** The usual entry point for a path taken from a URL: decode once, then canonicalise. */
export function artifactPathFromUrl(encoded: string, field: string, options: PathOptions = {}): string {
  return canonicalArtifactPath(decodeUrlPath(encoded, field), field, options);
}

/** Joins canonical paths or keys; empty parts (an owner's folder itself) are skipped. */
export function joinKey(...parts: string[]): string {
  return parts.filter((part) => part !== '').join('/');
}

/** True when `key` is `prefix` itself or lies below it (segment-wise, so "a/bc" is not below "a/b"). */
export function isWithinKey(key: string, prefix: string): boolean {
  return prefix === '' || key === prefix || key.startsWith(`${prefix}/`);
}

/** The path of `key` relative to `prefix` ('' for the prefix itself); `key` must lie within it. */
export function relativeKey(key: string, prefix: string): string {
  if (!isWithinKey(key, prefix)) throw invalid(`key: ${JSON.stringify(key)} is not inside ${JSON.stringify(prefix)}`, 'key');
  return prefix === '' ? key : key.slice(prefix.length + 1);
}

/** The last segment of a canonical path or key. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * Characters refused anywhere in a decoded path:
 * - control characters (NUL truncates paths in C APIs; CR/LF would split headers);
 * - `?` `#` `;`: query, fragment and path-parameter delimiters that smuggled traversal past URL
 *   parsers in MLflow (CVE-2024-1483, CVE-2024-1593, CVE-2024-8859);
 * - a percent-escape that survived one decoding (`%252e` -> `%2e`): a later decode would change the
 *   path after it was checked (CVE-2023-6831, CVE-2024-1560). A lone `%` ("100%.png") is fine.
 */
function refuseCharacters(decoded: string, field: string): void {
  const control = /[\u0000-\u001f\u007f]/.exec(decoded);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).padStart(2, '0');
    throw invalid(`${field}: the path contains the control character U+00${code.toUpperCase()} (NUL and other control characters are not allowed)`, field);
  }
  const delimiter = /[?#;]/.exec(decoded);
  if (delimiter) {
    throw invalid(`${field}: the path contains ${JSON.stringify(delimiter[0])}; '?', '#' and ';' are not allowed in artifact paths`, field);
  }
  if (/%[0-9A-Fa-f]{2}/.test(decoded)) {
    throw invalid(`${field}: the path still contains a percent-escape after decoding (double encoding is not allowed)`, field);
  }
}

function checkSegment(segment: string, decoded: string, field: string): void {
  if (segment === '') {
    throw invalid(`${field}: ${JSON.stringify(decoded)} has an empty segment (a leading, trailing or doubled '/')`, field);
  }
  if (segment === '.' || segment === '..') {
    throw invalid(`${field}: ${JSON.stringify(decoded)} has a '${segment}' segment; paths may not step out of or around their folder`, field);
  }
  if (Buffer.byteLength(segment) > MAX_SEGMENT_BYTES) {
    throw invalid(`${field}: a path segment is longer than ${MAX_SEGMENT_BYTES} bytes`, field);
  }
}
