import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CODEGEN = fileURLToPath(new URL('../../node_modules/.bin/graphql-codegen', import.meta.url));

describe('client/graphql (generated, committed)', () => {
  it('matches what codegen makes from schema/schema.graphql and the documents under client/ (run `npm run codegen`)', async () => {
    // --check generates in memory and exits 1 listing the stale files; it writes nothing.
    const result = await promisify(execFile)(CODEGEN, ['--config', 'codegen.ts', '--check'], { cwd: ROOT }).then(
      () => ({ code: 0, output: '' }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code ?? 1, output: `${error.stdout ?? ''}${error.stderr ?? ''}` }),
    );
    expect(result.output).not.toMatch(/stale files/);
    expect(result.code).toBe(0);
  });
});
