import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The dashboard runs in a browser: it may import its own files, the shared dependency-free common/
// module and browser packages, never the server (db/, schema/, api/) nor the SDK's Node-only code.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const WEB = join(ROOT, 'client/web');
const BROWSER_PACKAGES = ['solid-js', 'solid-js/web', 'solid-js/store', '@urql/solid', '@urql/core', 'graphql-ws', '@tanstack/solid-virtual', 'uplot', 'marked', 'dompurify'];

function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx)$/.test(f) && !f.startsWith('graphql/') && f !== 'vite.config.ts')
    .map((f) => join(dir, f));
}

/** Every static and dynamic import of a file, as TypeScript's scanner sees them (code in strings is not an import). */
function importsOf(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
}

describe('client/web (the dashboard bundle)', () => {
  it('imports only its own files, common/, the generated documents and browser packages', () => {
    const offending: string[] = [];
    const common = new Set<string>();
    for (const file of sources(WEB)) {
      for (const specifier of importsOf(file)) {
        if (specifier.startsWith('.')) {
          const target = relative(ROOT, resolve(dirname(file), specifier));
          if (target.startsWith('common/')) common.add(target);
          else if (!target.startsWith('client/web/')) offending.push(`${relative(ROOT, file)} -> ${target}`);
        } else if (!BROWSER_PACKAGES.includes(specifier) && !specifier.startsWith('uplot/')) {
          offending.push(`${relative(ROOT, file)} -> ${specifier}`);
        }
      }
    }
    expect(offending).toEqual([]);
    // It does use the one shared codec rather than a copy of its own.
    expect([...common]).toContain('common/metric-value.js');
  });

  it('common/ itself imports nothing', () => {
    for (const file of readdirSync(join(ROOT, 'common')).map((f) => join(ROOT, 'common', f))) {
      expect(importsOf(file), relative(ROOT, file)).toEqual([]);
    }
  });
});
