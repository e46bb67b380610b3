import { afterEach, describe, expect, it } from 'vitest';
import { testEngine } from '../../support/database.ts';
import { startHarness, STAFF, type Harness } from './harness.ts';
import { SYSTEM_CALLER } from '../../../src/app/caller.ts';

const MINUTE = 60;

describe(`re-reading the orders RMS may still move (${testEngine})`, () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('reads orders awaiting confirmation every run, and the shipping backlog in turns of refreshOrdersPerRun', async () => {
    h = await startHarness({ options: { refreshOrdersPerRun: 2 } });
    const backlog = h.place('card_ok', 5);
    await h.sync();
    for (const n of backlog) await h.orders.confirm(SYSTEM_CALLER, n, undefined, STAFF);
    await h.sync();
    expect(await statuses(backlog)).toEqual(Array(5).fill('rakuten_processing'));
    const waiting = h.place('card_ok', 3);
    await h.sync();

    // RMS takes every 楽天処理中 order to 300; each run sees two of them, the turn going on.
    h.advance(30 * MINUTE);
    const moved: number[] = [];
    for (let run = 0; run < 3; run++) {
      const before = getOrderCalls();
      await h.sync();
      moved.push((await statuses(backlog)).filter((s) => s === 'new').length);
      // One getOrder for the 3 awaiting confirmation and the ≤ 2 of the turn, and one more for
      // delivering the ship-by dates of the turn's orders, queued as the refresh sees them in
      // 楽天処理中 (出荷予定日連携); nothing else.
      expect(getOrderCalls() - before).toBeLessThanOrEqual(2);
      expect(await readInRun(waiting, before)).toBe(true);
    }
    // Where the turn stood before depends on the earlier runs; at most two a run, all within three.
    const perRun = moved.map((n, i) => n - (moved[i - 1] ?? 0));
    expect(perRun.every((n) => n >= 1 && n <= 2), `moved per run: ${perRun.join(', ')}`).toBe(true);
    expect(moved.at(-1)).toBe(5);
  });

  function getOrderCalls(): number {
    return h.sandbox.sandbox.ledger({ operation: 'getOrder' }).length;
  }

  async function statuses(numbers: readonly string[]): Promise<string[]> {
    return Promise.all(numbers.map(async (n) => (await h.order(n)).status));
  }

  /** Every one of `numbers` was in one getOrder request of this run (those after the first `before`). */
  async function readInRun(numbers: readonly string[], before: number): Promise<boolean> {
    const requests = h.sandbox.sandbox.ledger({ operation: 'getOrder' }).slice(before);
    return requests.some((r) => numbers.every((n) => r.orderNumbers.includes(n)));
  }
});
