import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for the script client and the dashboard (design.md section 4, style.md e1).
 * Reads the committed SDL, never a running server; `npm run codegen` prints the SDL first.
 * client/graphql/ is generated and committed: never edit it, and never let a formatter touch it
 * (tests/sdk/codegen.test.ts compares it with a fresh generation).
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['client/**/*.{ts,tsx}', '!client/graphql/**'],
  // The SDK runs as plain ESM on Node: relative imports need their .js extension.
  importExtension: '.js',
  generates: {
    'client/graphql/': {
      preset: 'client',
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
    },
  },
};

export default config;
