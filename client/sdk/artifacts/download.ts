import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { ArtifactEntry as GraphqlArtifactEntry } from '../../graphql/graphql.js';
import { forEachBounded } from '../chunks.js';
import { TracklineError } from '../errors.js';
import type { ArtifactHttp } from './http.js';
import { checkArtifactPath, joinArtifactPath, parentPath } from './paths.js';

/** One entry of a run's artifact folder, as the schema's ArtifactEntry has it (size and modified null for folders). */
export type ArtifactEntry = Required<Omit<GraphqlArtifactEntry, '__typename'>>;

export type ListArtifacts = (runId: string, path: string) => Promise<ArtifactEntry[]>;

/**
 * MLflow's download_artifacts: copies the file or folder at `path` ('' = everything) to
 * `<dest>/<path>` and returns that local path. Paths the server lists are checked again before
 * anything is written, so a listing can never make us write outside `dest`.
 */
export async function downloadArtifacts(
  http: ArtifactHttp,
  list: ListArtifacts,
  runId: string,
  path: string,
  dest: string,
  concurrency: number,
): Promise<string> {
  const operation = 'downloadArtifacts';
  const root = checkArtifactPath(joinArtifactPath(path), operation, 'path');
  const { isDir, files } = await filesUnder(list, runId, root, operation);
  const target = resolve(dest);
  if (isDir) await mkdir(join(target, root), { recursive: true });
  await forEachBounded(files, concurrency, (file) => downloadFile(http, runId, file, localPathFor(target, file, operation), operation));
  return join(target, root);
}

/** The files to fetch: `root` itself when it is a file, else every file below it. */
async function filesUnder(list: ListArtifacts, runId: string, root: string, operation: string): Promise<{ isDir: boolean; files: string[] }> {
  if (root !== '') {
    const name = root.slice(root.lastIndexOf('/') + 1);
    const entry = (await list(runId, parentPath(root))).find((candidate) => candidate.name === name);
    if (!entry) throw new TracklineError('NOT_FOUND', `no artifact ${JSON.stringify(root)} in run ${runId}`, operation);
    if (!entry.isDir) return { isDir: false, files: [root] };
  }
  const files: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await list(runId, folder)) {
      if (entry.isDir) await walk(entry.path);
      else files.push(entry.path);
    }
  };
  await walk(root);
  return { isDir: true, files };
}

function localPathFor(target: string, artifactPath: string, operation: string): string {
  const local = resolve(target, ...checkArtifactPath(joinArtifactPath(artifactPath), operation, 'path').split('/'));
  if (!local.startsWith(target + sep)) {
    throw new TracklineError('INVALID_ARGUMENT', `the server listed ${JSON.stringify(artifactPath)}, which lies outside the destination`, operation);
  }
  return local;
}

/** Streams to a temp name and renames, so a cut download never leaves a half file under the real name. */
async function downloadFile(http: ArtifactHttp, runId: string, artifactPath: string, local: string, operation: string): Promise<void> {
  const response = await http.get(runId, artifactPath, operation);
  await mkdir(dirname(local), { recursive: true });
  const partial = `${local}.partial-${process.pid}`;
  try {
    const body = response.body ? Readable.fromWeb(response.body as WebReadableStream) : Readable.from([]);
    await pipeline(body, createWriteStream(partial));
    await rename(partial, local);
  } catch (error) {
    await rm(partial, { force: true });
    throw new TracklineError('NETWORK', `download of ${JSON.stringify(artifactPath)} broke off: ${(error as Error).message}`, operation, { cause: error });
  }
}
