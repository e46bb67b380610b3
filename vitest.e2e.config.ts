import { defineConfig } from 'vitest/config';

// Browser tests in Debian's Chromium. They fail, never skip, when Chromium is missing.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
