import { defineConfig } from 'vitest/config';

// End-to-end tests: the built test packages (npm run build:test) in real Chromium and Firefox
// against the fixture news site. One file at a time: each launches browsers and 2 cores are few.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 90_000,
    teardownTimeout: 30_000,
    reporters: ['default'],
  },
});
