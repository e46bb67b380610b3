import { describe, expect, it } from 'vitest';
import { runMailCrashTest } from '../../scripts/mail-crash-test.ts';
import { testEngine } from '../support/database.ts';

describe(`mail crash test on ${testEngine}`, () => {
  it('SIGKILLs the mail worker 10 times while it sends 200 mails: no buyer gets a mail twice, every mail sent or flagged', async () => {
    const lines: string[] = [];
    const report = await runMailCrashTest({ kills: 10, mails: 200, maxLifeMs: 250, seed: 20261202, log: (line) => lines.push(line) });
    expect(report.problems, lines.join('\n')).toEqual([]);
    expect(report.kills).toBe(10);
    expect(report.mails).toBe(200);
    expect(report.sent + report.unknown).toBe(200);
    expect(report.sent).toBeGreaterThan(0);
    console.info(`mail crash test (${testEngine}): ${JSON.stringify(report)}`);
  }, 300_000);
});
