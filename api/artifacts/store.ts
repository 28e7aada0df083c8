import type { Readable } from 'node:stream';

/** One file or folder of the artifact store; `key` is relative to the store's root, '/'-separated. */
export interface ArtifactStat {
  key: string;
  isDir: boolean;
  /** bytes; 0 for folders */
  size: number;
  /** epoch ms */
  modified: number;
  /** A strong validator of the file's bytes (a quoted HTTP entity tag); absent for folders. */
  etag?: string;
}

/** An open file: its stat and its bytes, taken from the same version of the file. */
export interface ArtifactFile {
  stat: ArtifactStat;
  body: Readable;
}

/**
 * The artifact store seam (docs/architecture.md section 6): every byte of every artifact goes through it, so an
 * S3-compatible store can replace the local one. Keys are already validated and confined by the
 * caller's path rules (paths.ts, keys.ts); implementations still refuse anything that would leave
 * their root. Failures the caller caused are StoreErrors (NOT_FOUND, INVALID_ARGUMENT) or
 * ArtifactTooLargeError. Their messages name the file as `name` (how the caller's client named it: a
 * run's artifact path, never the internal key), or as the key when no name is given.
 */
export interface ArtifactStore {
  /** Streams `body` to `key` atomically (a cut upload leaves nothing); refuses more than maxBytes. */
  put(key: string, body: Readable, options?: { maxBytes?: number; name?: string }): Promise<ArtifactStat>;
  /**
   * A file's bytes, or bytes [start, end] inclusive, with the stat of the very version being read (an
   * overwrite while it streams does not mix two versions). Missing, or a folder: NOT_FOUND.
   */
  get(key: string, range?: { start: number; end: number }, name?: string): Promise<ArtifactFile>;
  stat(key: string): Promise<ArtifactStat | undefined>;
  /** Direct children of a folder, sorted by name; empty when it does not exist or is a file. */
  list(key: string): Promise<ArtifactStat[]>;
  /** Removes a file or a folder recursively; false when nothing was there. */
  delete(key: string): Promise<boolean>;
}

/** An upload over the limit: HTTP answers 413. Nothing was stored. */
export class ArtifactTooLargeError extends Error {
  override name = 'ArtifactTooLargeError';
  constructor(readonly limit: number) {
    super(`the upload exceeds the artifact size limit of ${limit} bytes (set it with --max-upload)`);
  }
}
