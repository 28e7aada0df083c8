import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run dev`: the API server under `tsx watch` (restarts on server changes) and the dashboard on
 * Vite's dev server with HMR, which proxies /graphql (WebSocket upgrades too), /api, /ajax-api and
 * /artifacts to the API. The API allows the dev server's origin only in this mode (TRACKLINE_DEV_ORIGIN).
 * Open the Vite URL it prints (http://127.0.0.1:5173 by default).
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const apiPort = process.env.PORT ?? '5000';
const devPort = Number(process.env.TRACKLINE_DEV_PORT ?? 5173);
const devOrigin = `http://127.0.0.1:${devPort}`;
const apiUrl = `http://127.0.0.1:${apiPort}`;

const api: ChildProcess = spawn(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'watch', join(ROOT, 'api/cli.ts'), 'server', ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, PORT: apiPort, TRACKLINE_DEV_ORIGIN: devOrigin },
});

process.env.TRACKLINE_API_URL = apiUrl;
process.env.TRACKLINE_DEV_PORT = String(devPort);
const { createServer } = await import('vite');
const vite = await createServer({ configFile: join(ROOT, 'client/web/vite.config.ts') });
await vite.listen();
process.stdout.write(`trackline dev: dashboard with HMR at ${devOrigin} (API at ${apiUrl})\n`);

const stop = async () => {
  api.kill('SIGTERM');
  await vite.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
api.on('exit', (code) => {
  process.stderr.write(`trackline dev: the API server exited (${code}); stopping\n`);
  void vite.close().then(() => process.exit(code ?? 1));
});
