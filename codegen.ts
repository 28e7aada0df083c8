import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for the script client (client/graphql/) and the dashboard (client/web/graphql/).
 * Reads the committed SDL, never a running server; `npm run codegen` prints the SDL first.
 * client/graphql/ is generated and committed: never edit it, and never let a formatter touch it
 * (tests/sdk/codegen.test.ts compares it with a fresh generation).
 */
const output = {
  preset: 'client' as const,
  // Plain result types: fragments only share selections here, no component owns one.
  presetConfig: { fragmentMasking: false },
  config: {
    scalars: {
      Long: 'number',
      MetricValue: 'number | "NaN" | "Infinity" | "-Infinity"',
    },
    // A new scalar without a mapping fails codegen instead of silently becoming `any`.
    strictScalars: true,
    useTypeImports: true,
    enumsAsTypes: true,
  },
};

const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  // The SDK runs as plain ESM on Node: relative imports need their .js extension (Vite resolves them too).
  importExtension: '.js',
  // One output per client, so neither bundle carries the other's documents.
  generates: {
    'client/graphql/': { documents: ['client/sdk/**/*.ts'], ...output },
    'client/web/graphql/': { documents: ['client/web/**/*.{ts,tsx}', '!client/web/graphql/**'], ...output },
  },
};

export default config;
