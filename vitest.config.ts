import { defineConfig } from 'vitest/config';

// Unit and integration tests. They need nothing but Node: SQLite is embedded and the
// RMS sandbox runs in-process. `npm run test:pg` runs the same files on PostgreSQL.
export default defineConfig({
  test: {
    include: [
      'test/unit/**/*.test.ts',
      'test/integration/**/*.test.ts',
      'test/reliability/**/*.test.ts',
      'src/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
