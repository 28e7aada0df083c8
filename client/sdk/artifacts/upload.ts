import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { forEachBounded } from '../chunks.js';
import { invalidInput } from '../errors.js';
import type { ArtifactHttp, RequestBody } from './http.js';
import { checkArtifactPath, joinArtifactPath } from './paths.js';

interface LocalFile {
  file: string;
  artifactPath: string;
  size: number;
}

/**
 * MLflow's log_artifact / log_artifacts in one call: a file lands at `<artifactDir>/<its name>`,
 * a folder's contents (recursively) under `<artifactDir>/`. Files stream from disk, a few at a time.
 * Returns the artifact paths written.
 */
export async function uploadLocalPath(
  http: ArtifactHttp,
  runId: string,
  localPath: string,
  artifactDir: string | undefined,
  concurrency: number,
): Promise<string[]> {
  const operation = 'logArtifact';
  const info = await stat(localPath).catch(() => undefined);
  if (!info) throw invalidInput(operation, 'fileOrDir', `${JSON.stringify(localPath)} does not exist`);
  const dir = checkArtifactPath(joinArtifactPath(artifactDir), operation, 'artifactPath');
  const files = info.isDirectory()
    ? await listFiles(localPath, dir)
    : [{ file: localPath, artifactPath: joinArtifactPath(dir, basename(localPath)), size: info.size }];
  await forEachBounded(files, concurrency, ({ file, artifactPath, size }) =>
    // A Node stream is an async iterable, which Node's fetch takes as a streamed body.
    http.put(runId, artifactPath, () => createReadStream(file) as unknown as RequestBody, size, operation),
  );
  return files.map((f) => f.artifactPath);
}

/** Every file below `root` (symlinks followed, as MLflow does), with its artifact path under `dir`. */
async function listFiles(root: string, dir: string): Promise<LocalFile[]> {
  const found: LocalFile[] = [];
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const full = join(folder, entry.name);
      const info = await stat(full);
      if (info.isDirectory()) await walk(full);
      else if (info.isFile()) found.push({ file: full, artifactPath: joinArtifactPath(dir, relative(root, full).split(sep).join('/')), size: info.size });
    }
  };
  await walk(root);
  return found;
}
