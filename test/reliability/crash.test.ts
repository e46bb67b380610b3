import { describe, expect, it } from 'vitest';
import { runCrashTest } from '../../scripts/crash-test.ts';
import { testEngine } from '../support/database.ts';

/** The crash test at CI size; `npm run test:crash` runs it at full size (50 kills, 2,000 orders). */
const KILLS = Number(process.env.JUCHU_CRASH_KILLS ?? 4);
const ORDERS = Number(process.env.JUCHU_CRASH_ORDERS ?? 150);

describe(`crash test (reduced) on ${testEngine}`, () => {
  it(`SIGKILLs the worker ${KILLS} times during an import with queued staff work: nothing lost, nothing doubled`, async () => {
    const lines: string[] = [];
    const report = await runCrashTest({ kills: KILLS, orders: ORDERS, maxLifeMs: 2500, seed: 20261102, log: (line) => lines.push(line) });
    expect(report.problems, lines.join('\n')).toEqual([]);
    expect(report.kills).toBe(KILLS);
    expect(report.localOrders).toBe(ORDERS);
    expect(report.operationsApplied).toBeGreaterThan(0);
    console.info(`crash test (${testEngine}): ${JSON.stringify(report)}`);
  }, 300_000);
});
