import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // better-sqlite3 is a native module: worker threads have crashed on exit with it, forks do not.
    pool: 'forks',
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
