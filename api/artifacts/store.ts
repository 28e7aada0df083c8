import type { Readable } from 'node:stream';

/** One file or folder of the artifact store; `key` is relative to the store's root, '/'-separated. */
export interface ArtifactStat {
  key: string;
  isDir: boolean;
  /** bytes; 0 for folders */
  size: number;
  /** epoch ms */
  modified: number;
}

/**
 * The artifact store seam (design.md section 6): every byte of every artifact goes through it, so an
 * S3-compatible store can replace the local one. Keys are already validated and confined by the
 * caller's path rules; implementations still refuse anything that would leave their root.
 */
export interface ArtifactStore {
  /** Streams `body` to `key` atomically (a cut upload leaves nothing); refuses more than maxBytes. */
  put(key: string, body: Readable, options?: { maxBytes?: number }): Promise<{ size: number }>;
  /** A stream of the file, or of bytes [start, end] inclusive. */
  get(key: string, range?: { start: number; end: number }): Promise<Readable>;
  stat(key: string): Promise<ArtifactStat | undefined>;
  /** Direct children of a folder; empty when it does not exist or is a file. */
  list(key: string): Promise<ArtifactStat[]>;
  /** Removes a file or a folder recursively; false when nothing was there. */
  delete(key: string): Promise<boolean>;
}
