import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The CLI tests run the built command and scans start compiled workers: build first.
    globalSetup: ['test/support/buildBeforeTests.ts'],
    // Real captures and the CLI take seconds, not milliseconds.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
