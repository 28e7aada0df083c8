/**
 * The byte range a GET asks for (RFC 9110 section 14): one `bytes=` range. Several ranges, other units
 * and malformed headers are ignored (the whole file is sent), as the RFC allows; a range that starts
 * past the end is unsatisfiable (416).
 *
 * Why not the range-parser package: it reads numbers with parseInt (`bytes=1.5-2` becomes 1-2,
 * `bytes=5abc-` becomes 5-) and answers 416 to a malformed or reversed range, which RFC 9110 says to
 * ignore; this file is the strict reading, and we serve one range only (no multipart/byteranges).
 */
export type RangeRequest =
  | { kind: 'full' }
  | { kind: 'partial'; start: number; end: number }
  | { kind: 'unsatisfiable' };

const SINGLE_RANGE = /^bytes[ \t]*=[ \t]*(\d*)[ \t]*-[ \t]*(\d*)[ \t]*$/i;

export function parseRange(header: string | undefined, size: number): RangeRequest {
  if (header === undefined) return { kind: 'full' };
  const match = SINGLE_RANGE.exec(header);
  if (!match) return { kind: 'full' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'full' };
  if (first === '') {
    // A suffix range: the last N bytes.
    const length = Number(last);
    if (length === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? Number.MAX_SAFE_INTEGER : Number(last);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || end < start) return { kind: 'full' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end: Math.min(end, size - 1) };
}
