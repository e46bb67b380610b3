import { defineConfig } from 'vitest/config';

/**
 * The suites that take minutes: processes SIGKILLed in a loop, fsync checks, several workers
 * sharing shops, RMS misbehaving for whole cycles, imports of tens of thousands of orders.
 * `npm run test:fast` leaves them out; name such a file `*.slow.test.ts` (or `*.crash.test.ts`).
 */
const SLOW = [
  'test/reliability/crash.test.ts',
  'test/reliability/durability.test.ts',
  'test/reliability/upstream-faults.test.ts',
  'test/integration/scale-out/**/*.test.ts',
  'test/**/*.crash.test.ts',
  'test/**/*.slow.test.ts',
];

// Unit, integration and reliability tests, in three projects (tiers). They need nothing but
// Node: SQLite is embedded and the RMS sandbox runs in-process. `npm run test:pg` runs the
// same files on PostgreSQL. `npm test` runs every tier; `test:unit` and `test:fast` run fewer.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: [
      // Pure code without databases or child processes: worker threads start faster than forks
      // (about a third off `npm run test:unit` on 2 cores).
      { extends: true, test: { name: 'unit', pool: 'threads', include: ['test/unit/**/*.test.ts', 'src/**/*.test.ts'] } },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.ts', 'test/reliability/**/*.test.ts'], exclude: SLOW } },
      { extends: true, test: { name: 'slow', include: SLOW } },
    ],
  },
});
