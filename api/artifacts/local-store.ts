import { randomUUID } from 'node:crypto';
import type { BigIntStats, Stats } from 'node:fs';
import { type FileHandle, constants, lstat, mkdir, open, readdir, realpath, rename, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StoreError, failedPrecondition, invalid, notFound } from '../../db/errors.js';
import { RESERVED_ARTIFACT_PREFIX } from '../../db/store/index.js';
import { canonicalArtifactPath, joinKey } from './paths.js';
import { type ArtifactFile, type ArtifactStat, type ArtifactStore, ArtifactTooLargeError } from './store.js';

/** In-progress uploads live next to their target (same filesystem, so the final rename is atomic). */
const TEMP_PREFIX = RESERVED_ARTIFACT_PREFIX;
/** Bigger reads than the 64 KiB default: fewer syscalls and stream hops for large downloads. */
const READ_CHUNK = 1024 * 1024;

/**
 * The default artifact store: files under one root folder (--artifacts). The only code that touches
 * the filesystem for artifacts.
 *
 * Confinement, beyond the callers' path rules: a key must be canonical, and the real path (symlinks
 * resolved) of the key, or of its nearest existing ancestor, must lie inside the real root; a symlink
 * that leads out of the root, or nowhere, is refused with INVALID_ARGUMENT and never followed.
 * Symlinks that stay inside the root (an operator's doing: trackline never creates any) are followed.
 * A symlink swapped in by someone with write access to the root between the check and the use is not
 * defended against: that person can already write anywhere the server can.
 */
export class LocalArtifactStore implements ArtifactStore {
  private constructor(readonly root: string) {}

  /** Creates the root folder if needed; relative roots are resolved against the working directory. */
  static async open(root: string): Promise<LocalArtifactStore> {
    const absolute = resolve(root);
    await mkdir(absolute, { recursive: true });
    return new LocalArtifactStore(await realpath(absolute));
  }

  async put(key: string, body: Readable, options: { maxBytes?: number; name?: string } = {}): Promise<ArtifactStat> {
    const name = options.name ?? key;
    const target = this.lexicalPath(key, false, name);
    await this.confine(target);
    const folder = dirname(target);
    const temp = join(folder, `${TEMP_PREFIX}${randomUUID()}.part`);
    let created: string | undefined;
    try {
      const opened = await this.openTemp(folder, temp);
      created = opened.created;
      await pipeline(body, limitSize(options.maxBytes ?? Number.POSITIVE_INFINITY), opened.handle.createWriteStream());
      // The temp file is ours alone, and a rename keeps inode, size and mtime: this describes our version.
      const written = toStat(key, await stat(temp, { bigint: true }));
      await rename(temp, target);
      return written;
    } catch (error) {
      // Best effort: the temp file may never have been created (e.g. a parent is a file).
      await rm(temp, { force: true }).catch(() => undefined);
      if (created) await removeEmptyFolders(created, folder);
      throw translate(error, name);
    }
  }

  async get(key: string, range?: { start: number; end: number }, name = key): Promise<ArtifactFile> {
    const real = await this.confine(this.lexicalPath(key, false, name));
    if (real === undefined) throw notFound(`path: no artifact at ${JSON.stringify(name)}`, 'path');
    const handle = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW).catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'ENOENT' ? notFound(`path: no artifact at ${JSON.stringify(name)}`, 'path') : translate(error, name);
    });
    try {
      const info = toStat(key, await handle.stat({ bigint: true }));
      if (info.isDir) throw notFound(`path: ${JSON.stringify(name)} is a folder, not a file`, 'path');
      if (range && !(Number.isSafeInteger(range.start) && range.start >= 0 && range.start <= range.end && range.end < info.size)) {
        throw invalid(`range: bytes ${range.start}-${range.end} are not inside the file's ${info.size} bytes`, 'range');
      }
      const body = handle.createReadStream({ start: range?.start, end: range?.end, highWaterMark: READ_CHUNK });
      return { stat: info, body };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async stat(key: string): Promise<ArtifactStat | undefined> {
    const real = await this.confine(this.lexicalPath(key, true));
    if (real === undefined) return undefined;
    return toStat(key, await stat(real, { bigint: true }));
  }

  async list(key: string): Promise<ArtifactStat[]> {
    const real = await this.confine(this.lexicalPath(key, true));
    if (real === undefined) return [];
    const entries = await readdir(real, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOTDIR' || error.code === 'ENOENT') return [];
      throw error;
    });
    const stats = await Promise.all(
      entries.filter((entry) => !entry.name.startsWith(TEMP_PREFIX)).map((entry) => this.childStat(key, real, entry.name)),
    );
    return stats.filter((s): s is ArtifactStat => s !== undefined).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async delete(key: string): Promise<boolean> {
    const path = this.lexicalPath(key, false);
    if ((await this.confine(path)) === undefined) return false;
    // The lexical path: a symlink (inside the root) is removed itself, never what it points to.
    await rm(path, { recursive: true, force: true });
    return true;
  }

  /** A canonical key joined to the root; refuses what is not canonical, reserved, or (empty) the root. */
  private lexicalPath(key: string, allowRoot: boolean, name = key): string {
    const canonical = canonicalArtifactPath(key, 'key', { allowEmpty: allowRoot });
    if (canonical.split('/').some((segment) => segment.startsWith(TEMP_PREFIX))) {
      throw invalid(`path: names starting with ${JSON.stringify(TEMP_PREFIX)} are reserved for uploads in progress`, 'path');
    }
    const path = canonical === '' ? this.root : join(this.root, ...canonical.split('/'));
    if (!this.isInside(path)) throw invalid(`path: ${JSON.stringify(name)} resolves outside the artifact root`, 'path');
    return path;
  }

  /**
   * The real path of `path` if it exists (undefined if not), after checking that it, or else its
   * nearest existing ancestor, really lies inside the root.
   */
  private async confine(path: string): Promise<string | undefined> {
    for (let current = path; this.isInside(current); current = dirname(current)) {
      const real = await realpath(current).catch(async (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT' && error.code !== 'ENOTDIR') throw error;
        // realpath fails the same way for a dangling symlink as for a missing file: tell them apart.
        const link = await lstat(current).catch(() => undefined);
        if (link?.isSymbolicLink()) throw invalid('path: a symbolic link inside the artifact root leads nowhere; it is not followed', 'path');
        return undefined;
      });
      if (real !== undefined) {
        if (!this.isInside(real)) throw invalid('path: a symbolic link inside the artifact root leads outside it; it is not followed', 'path');
        return current === path ? real : undefined;
      }
    }
    return undefined; // the root itself is gone: put recreates it
  }

  private isInside(path: string): boolean {
    return path === this.root || path.startsWith(this.root + sep);
  }

  /** Creates the folder and the temp file; retries once if a concurrent delete removed the new folder. */
  private async openTemp(folder: string, temp: string): Promise<{ handle: FileHandle; created: string | undefined }> {
    for (let attempt = 0; ; attempt++) {
      const created = await mkdir(folder, { recursive: true });
      await this.confine(folder);
      try {
        return { handle: await open(temp, 'wx', 0o644), created };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt > 0) throw error;
      }
    }
  }

  private async childStat(folderKey: string, folderReal: string, name: string): Promise<ArtifactStat | undefined> {
    const path = join(folderReal, name);
    // Children that are symlinks out of the root (or dangling) are left out rather than described.
    const real = await realpath(path).catch(() => undefined);
    if (real === undefined || !this.isInside(real)) return undefined;
    const info = await stat(real, { bigint: true }).catch(() => undefined);
    return info && toStat(joinKey(folderKey, name), info);
  }
}

function limitSize(maxBytes: number) {
  return async function* (source: AsyncIterable<Buffer>) {
    let size = 0;
    for await (const chunk of source) {
      size += chunk.length;
      if (size > maxBytes) throw new ArtifactTooLargeError(maxBytes);
      yield chunk;
    }
  };
}

/** Removes the folders an aborted upload created (from `folder` up to `created`), while they are empty. */
async function removeEmptyFolders(created: string, folder: string): Promise<void> {
  for (let current = folder; current.length >= created.length; current = dirname(current)) {
    try {
      await rmdir(current);
    } catch {
      return; // not empty (another upload is using it) or already gone
    }
  }
}

function toStat(key: string, info: BigIntStats | Stats): ArtifactStat {
  const big = info as BigIntStats;
  const isDir = info.isDirectory();
  return {
    key,
    isDir,
    size: isDir ? 0 : Number(big.size),
    modified: Number(big.mtimeMs),
    ...(!isDir && { etag: `"${big.ino.toString(16)}-${big.size.toString(16)}-${big.mtimeNs.toString(16)}"` }),
  };
}

/** Filesystem failures the request caused become StoreErrors naming the path; the rest stay errors. */
function translate(error: unknown, name: string): unknown {
  if (error instanceof StoreError || error instanceof ArtifactTooLargeError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const path = JSON.stringify(name);
  switch (code) {
    case 'EISDIR':
      return invalid(`path: ${path} is a folder; a file cannot replace it`, 'path');
    case 'ENOTDIR':
    case 'EEXIST':
      return invalid(`path: a parent of ${path} is a file, not a folder`, 'path');
    case 'ENOTEMPTY':
      return invalid(`path: ${path} is a folder; a file cannot replace it`, 'path');
    case 'ENAMETOOLONG':
      return invalid(`path: ${path} is too long for the artifact store`, 'path');
    case 'ENOENT':
      return failedPrecondition(`path: the folder of ${path} was deleted while the upload was running`, 'path');
    case 'ELOOP':
      return invalid(`path: ${path} is a symbolic link; it is not followed`, 'path');
    default:
      return error;
  }
}
