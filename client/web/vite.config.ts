import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

/**
 * The dashboard's build (`npm run build:web` into dist/web, served by the API server at /) and its dev
 * server (`npm run dev`: HMR on TRACKLINE_DEV_PORT, 5173 by default, proxying every API route, the
 * GraphQL WebSocket included, to the API server at TRACKLINE_API_URL).
 */
const here = dirname(fileURLToPath(import.meta.url));
const api = process.env.TRACKLINE_API_URL ?? 'http://127.0.0.1:5000';
const proxied = { target: api, changeOrigin: false };

export default defineConfig({
  root: here,
  base: '/',
  plugins: [solid()],
  build: {
    outDir: resolve(here, '../../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    // The preload polyfill is for browsers without modulepreload; every browser we target has it.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 600,
  },
  server: {
    host: '127.0.0.1',
    port: Number(process.env.TRACKLINE_DEV_PORT ?? 5173),
    strictPort: true,
    // Anchored patterns: the page's own generated documents live under /graphql/ (client/web/graphql/).
    proxy: {
      '^/graphql$': { ...proxied, ws: true },
      '^/api/': proxied,
      '^/ajax-api/': proxied,
      '^/artifacts(-zip)?/': proxied,
    },
  },
});
