import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { notFound } from '../../db/errors.js';
import { sendJson, type Route } from '../http.js';
import { contentDisposition } from './content-types.js';
import { sendArtifactError } from './http-errors.js';
import { relativeKey } from './paths.js';
import { parseArtifactTarget } from './request-target.js';
import type { RunArtifacts } from './run-artifacts.js';

/**
 * GET /artifacts-zip/<runId>/<folder>: a folder of a run's artifacts (a logged model, say) as one zip,
 * streamed file by file as it is compressed, so its size never sits in memory; GET /artifacts-zip/<runId>
 * zips everything. Paths follow the /artifacts rules (request-target.ts, paths.ts).
 */
const ZIP_PREFIX = '/artifacts-zip';

/** Already-compressed formats are stored as they are: deflating them again costs CPU and saves nothing. */
const STORED = /\.(png|jpe?g|gif|webp|zip|gz|tgz|bz2|xz|zst|7z|pt|pth|onnx|parquet|npz)$/i;

export function createZipRoute(artifacts: RunArtifacts): Route {
  return async (req, res, url) => {
    try {
      const target = parseArtifactTarget(req.url ?? '/', url.pathname, ZIP_PREFIX);
      if (!target) return false;
      if (req.method !== 'GET') {
        sendJson(res, 405, { error_code: 'INVALID_PARAMETER_VALUE', message: `${req.method} is not supported on ${ZIP_PREFIX}; use GET` }, { allow: 'GET' });
        return true;
      }
      const folder = await artifacts.locate(target.runId, target.path, 'read');
      const stat = folder.path === '' ? undefined : await artifacts.files.stat(folder.key);
      if (folder.path !== '' && !stat?.isDir) {
        throw notFound(`path: ${JSON.stringify(folder.path)} of run ${folder.run.id} is not a folder`, 'path');
      }
      const name = `${folder.path === '' ? folder.run.id : folder.path.split('/').pop()}.zip`;
      res.writeHead(200, {
        'content-type': 'application/zip',
        'content-disposition': contentDisposition(name, false),
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-cache',
      });
      await streamZip(artifacts, folder.key, res);
    } catch (error) {
      if (res.headersSent) res.destroy(error as Error);
      else sendArtifactError(req, res, error);
    }
    return true;
  };
}

async function streamZip(artifacts: RunArtifacts, root: string, res: ServerResponse): Promise<void> {
  let failure: Error | undefined;
  const zip = new Zip((error, chunk, final) => {
    if (error) failure = error;
    else res.write(chunk);
    if (final) res.end();
  });
  const drained = async () => {
    if (res.writableNeedDrain) await once(res, 'drain');
    if (failure) throw failure;
    if (res.destroyed) throw new Error('the client went away');
  };
  for await (const file of walk(artifacts, root)) {
    const path = relativeKey(file.key, root);
    const entry = STORED.test(path) ? new ZipPassThrough(path) : new ZipDeflate(path, { level: 6 });
    entry.mtime = file.modified;
    zip.add(entry);
    const opened = await artifacts.files.get(file.key);
    for await (const chunk of opened.body) {
      entry.push(chunk as Uint8Array);
      await drained();
    }
    entry.push(new Uint8Array(0), true);
    await drained();
  }
  zip.end();
}

/** Every file under `key`, depth first, in name order. */
async function* walk(artifacts: RunArtifacts, key: string): AsyncGenerator<{ key: string; modified: number }> {
  for (const child of await artifacts.files.list(key)) {
    if (child.isDir) yield* walk(artifacts, child.key);
    else yield { key: child.key, modified: child.modified };
  }
}
