/**
 * Small source trees laid out like the repository (common/, db/, db/store/, schema/, api/, client/, tests/) for
 * tests/tooling/code-checks.test.ts: a clean one that both checks pass, and two that break each rule once.
 * A tree maps each path to the text of its file.
 */
export type Tree = Record<string, string>;

const PACKAGE = {
  name: 'code-checks-fixture',
  private: true,
  type: 'module',
  dependencies: { kysely: '*', 'solid-js': '*' },
  devDependencies: { vitest: '*' },
};

/** Every import runs down the layers, every file is reached, every export and package is used. */
export const CLEAN: Tree = {
  'package.json': JSON.stringify(PACKAGE, null, 2),
  'tsconfig.json': JSON.stringify({
    compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true },
  }),
  'common/codec.ts': `export function encode(value: number): string {\n  return String(value);\n}\n`,
  'db/connect.ts': `import type { Kysely } from 'kysely';\nexport type Db = Kysely<Record<string, never>>;\n`,
  'db/store/rules.ts': [
    `import type { Db } from '../connect.js';`,
    `import { encode } from '../../common/codec.js';`,
    `export function rule(_db: Db, value: number): string {\n  return encode(value);\n}`,
  ].join('\n'),
  'db/store/index.ts': [
    `import type { Db } from '../connect.js';`,
    `import { rule } from './rules.js';`,
    `export function logMetric(db: Db, value: number): string {\n  return rule(db, value);\n}`,
  ].join('\n'),
  'schema/index.ts': `import { logMetric } from '../db/store/index.js';\nexport const resolvers = { logMetric };\n`,
  // A type-only import of a devDependency from server code is allowed (production-not-to-dev-dep).
  'api/server.ts': [
    `import type { TestContext } from 'vitest';`,
    `import { resolvers } from '../schema/index.js';`,
    `export type Probe = TestContext;`,
    `console.log(resolvers);`,
  ].join('\n'),
  // Generated documents: their unused exports are not reported (knip's ignoreIssues).
  'client/graphql/graphql.ts': `export const RunDocument = 'query Run { run }';\nexport const UnusedDocument = 'query Unused { unused }';\n`,
  'client/sdk/index.ts': [
    `import { encode } from '../../common/codec.js';`,
    `import { RunDocument } from '../graphql/graphql.js';`,
    `export const send = (value: number) => [RunDocument, encode(value)];`,
  ].join('\n'),
  'client/web/main.ts': [
    `import { createSignal } from 'solid-js';`,
    `import { encode } from '../../common/codec.js';`,
    `export const [value] = createSignal(encode(1));`,
  ].join('\n'),
  // Tests may import store internals to unit-test them (store-entry-only).
  'tests/store.test.ts': [
    `import { expect, it } from 'vitest';`,
    `import { rule } from '../db/store/rules.js';`,
    `it('encodes', () => expect(rule(undefined as never, 1)).toBe('1'));`,
  ].join('\n'),
};

/** The entry points of the fixture for knip (the repository's own are in knip.jsonc); tests/ come from its vitest plugin. */
export const ENTRIES = ['api/server.ts', 'client/sdk/index.ts', 'client/web/main.ts'];

/**
 * The clean tree plus imports breaking each dependency rule; `expected` is what dependency-cruiser must report
 * (a package by its name, a Node built-in as dependency-cruiser names it, a circle once: `from` is the first of its
 * modules by name, `to` the others).
 */
export const DEPENDENCY_VIOLATIONS: { tree: Tree; expected: { rule: string; from: string; to: string }[] } = {
  tree: {
    ...CLEAN,
    // A circle of values inside the store...
    'db/store/rules.ts': `${CLEAN['db/store/rules.ts']}\nimport { LIMIT } from './limits.js';\nexport const MAX = LIMIT;\n`,
    'db/store/limits.ts': `import { rule } from './rules.js';\nexport const LIMIT = rule.length;\n`,
    // ...and one closed by a type-only import (the server declares Route, the routes import it back).
    'api/server.ts': `${CLEAN['api/server.ts']}\nimport { routes } from './routes.js';\nexport type Route = { path: string };\nconsole.log(routes);\n`,
    'api/routes.ts': `import type { Route } from './server.js';\nexport const routes: Route[] = [];\n`,
    'db/repositories/runs.ts': `import { resolvers } from '../../schema/index.js';\nexport const up = resolvers;\n`,
    'schema/errors.ts': `import { routes } from '../api/routes.js';\nexport const up = routes;\n`,
    'api/dashboard.ts': `import { value } from '../client/web/main.js';\nexport const page = value;\n`,
    'client/sdk/run.ts': `import { logMetric } from '../../db/store/index.js';\nexport const log = logMetric;\n`,
    'client/web/upload.ts': `import { send } from '../sdk/index.js';\nexport const upload = send;\n`,
    'client/sdk/chart.ts': `import { value } from '../web/main.js';\nexport const chart = value;\n`,
    'client/web/files.ts': `import { readFileSync } from 'node:fs';\nimport { sql } from 'kysely';\nexport const both = [readFileSync, sql];\n`,
    'common/format.ts': `import { join } from 'node:path';\nimport type { Db } from '../db/connect.js';\nexport const format = (db: Db) => join(String(db));\n`,
    'schema/metric.ts': `import { rule } from '../db/store/rules.js';\nexport const past = rule;\n`,
    'db/repositories/metrics.ts': `import { rule } from '../store/rules.js';\nexport const past = rule;\n`,
    'api/check.ts': `import { expect } from 'vitest';\nexport const check = expect;\n`,
    'client/sdk/types.ts': `import type { TestContext } from 'vitest';\nexport type Context = TestContext;\n`,
    'tests/helpers.ts': `export const helper = 1;\n`,
    'api/fixtures.ts': `import { helper } from '../tests/helpers.js';\nexport const fixture = helper;\n`,
    'api/missing.ts': `import { nothing } from './nowhere.js';\nexport const missing = nothing;\n`,
  },
  expected: [
    { rule: 'no-circular', from: 'db/store/limits.ts', to: 'db/store/rules.ts' },
    { rule: 'no-circular', from: 'api/routes.ts', to: 'api/server.ts' },
    { rule: 'db-not-up', from: 'db/repositories/runs.ts', to: 'schema/index.ts' },
    { rule: 'schema-not-up', from: 'schema/errors.ts', to: 'api/routes.ts' },
    { rule: 'server-not-to-client', from: 'api/dashboard.ts', to: 'client/web/main.ts' },
    { rule: 'client-not-to-server', from: 'client/sdk/run.ts', to: 'db/store/index.ts' },
    { rule: 'dashboard-not-to-sdk', from: 'client/web/upload.ts', to: 'client/sdk/index.ts' },
    { rule: 'sdk-not-to-dashboard', from: 'client/sdk/chart.ts', to: 'client/web/main.ts' },
    { rule: 'dashboard-browser-packages', from: 'client/web/files.ts', to: 'fs' },
    { rule: 'dashboard-browser-packages', from: 'client/web/files.ts', to: 'kysely' },
    { rule: 'common-self-contained', from: 'common/format.ts', to: 'path' },
    { rule: 'common-self-contained', from: 'common/format.ts', to: 'db/connect.ts' },
    { rule: 'store-entry-only', from: 'schema/metric.ts', to: 'db/store/rules.ts' },
    { rule: 'store-entry-only', from: 'db/repositories/metrics.ts', to: 'db/store/rules.ts' },
    { rule: 'production-not-to-dev-dep', from: 'api/check.ts', to: 'vitest' },
    { rule: 'sdk-not-to-dev-dep', from: 'client/sdk/types.ts', to: 'vitest' },
    { rule: 'production-not-to-tests', from: 'api/fixtures.ts', to: 'tests/helpers.ts' },
    { rule: 'not-to-unresolvable', from: 'api/missing.ts', to: './nowhere.js' },
  ],
};

/** The clean tree plus an unused file, unused exports and unused and unlisted packages; `expected` is what knip must report. */
export const UNUSED: { tree: Tree; expected: string[] } = {
  tree: {
    ...CLEAN,
    'package.json': JSON.stringify(
      { ...PACKAGE, dependencies: { ...PACKAGE.dependencies, 'left-pad': '*' }, devDependencies: { ...PACKAGE.devDependencies, 'pure-rand': '*' } },
      null,
      2,
    ),
    'db/unused.ts': `export const nobody = 'imports this file';\n`,
    // VERSION is used by no one; SCALE only in its own file (still reported: drop the export); the type Encoded
    // names a signature in its own file and is not reported.
    'common/codec.ts': [
      `export const VERSION = 1;`,
      `export const SCALE = 1;`,
      `export type Encoded = string;`,
      `export function encode(value: number): Encoded {\n  return String(value * SCALE);\n}`,
    ].join('\n'),
    'db/connect.ts': `${CLEAN['db/connect.ts']}import 'pg';\n`,
  },
  expected: [
    'files: db/unused.ts',
    'exports: common/codec.ts VERSION',
    'exports: common/codec.ts SCALE',
    'dependencies: package.json left-pad',
    'devDependencies: package.json pure-rand',
    'unlisted: db/connect.ts pg',
  ],
};
