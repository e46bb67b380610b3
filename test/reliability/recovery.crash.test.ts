import { describe, expect, it } from 'vitest';
import { runRecoveryTest } from '../../scripts/recovery-test.ts';
import { testEngine } from '../support/database.ts';

/** The recovery test at CI size; `node --import tsx scripts/recovery-test.ts` runs the size (12 kills, 200 orders). */
const KILLS = Number(process.env.JUCHU_RECOVERY_KILLS ?? 2);
const ORDERS = Number(process.env.JUCHU_RECOVERY_ORDERS ?? 40);
/** Issue 14's target, measured from the restart with `juchu serve`'s defaults. */
const TARGET_MS = 90_000;

describe(`recovery after a crash (reduced) on ${testEngine}`, () => {
  it(`a juchu serve restarted after ${KILLS} SIGKILLs delivers the dead processes' RMS work within ${TARGET_MS / 1000} s, once each`, async () => {
    const lines: string[] = [];
    const report = await runRecoveryTest({
      kills: KILLS,
      orders: ORDERS,
      dropRate: 0.3,
      minLifeMs: 1_000,
      maxLifeMs: 5_000,
      // Long enough to fail with a measured time rather than a test timeout.
      patienceMs: TARGET_MS + 30_000,
      seed: 20261202,
      log: (line) => lines.push(line),
    });
    console.info(`recovery test (${testEngine}): ${JSON.stringify(report)}`);
    expect(report.problems, lines.join('\n')).toEqual([]);
    expect(report.pendingAtLastStart, 'the kills must leave work to recover').toBeGreaterThan(0);
    expect(report.recoveryMs).not.toBeNull();
    expect(report.recoveryMs!, lines.join('\n')).toBeLessThanOrEqual(TARGET_MS);
  }, 300_000);
});
