import { afterEach, describe, expect, it } from 'vitest';
import type { RmsHttp } from '../../../src/rms/http.ts';
import { realSleep } from '../../../src/rms/retry.ts';
import { runSyncCycle } from '../../../src/sync/index.ts';
import { ORDERS_CURSOR } from '../../../src/sync/import.ts';
import { testEngine } from '../../support/database.ts';
import { SHOP, startHarness, type Harness } from './harness.ts';
import { Store } from '../../../src/store/store.ts';

/** Counts the RMS calls in flight; each answer is held back a little, as RMS's would be. */
function callTracker() {
  const tracker = { inFlight: 0, maxInFlight: 0, getOrderCalls: 0 };
  const wrap =
    (inner: RmsHttp): RmsHttp =>
    async (request) => {
      tracker.inFlight++;
      tracker.maxInFlight = Math.max(tracker.maxInFlight, tracker.inFlight);
      if (request.url.endsWith('/getOrder/')) tracker.getOrderCalls++;
      try {
        await realSleep(15);
        return await inner(request);
      } finally {
        tracker.inFlight--;
      }
    };
  return { tracker, wrap };
}

describe(`import by pages of 100 (${testEngine})`, () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('records new orders as a count and one summary line, not a message each', async () => {
    h = await startHarness();
    h.place('card_ok', 250);

    const run = await h.sync();

    expect(run.outcome).toBe('succeeded');
    expect(run.imported).toBe(250);
    expect(run.messages.filter((m) => m.code === 'IMPORTED')).toEqual([
      { shopCode: 'shop1', orderNumber: null, level: 'info', code: 'IMPORTED', params: { count: 250 }, message: 'RMSから新しい注文を250件取り込みました。', detail: null },
    ]);
    expect(run.messages.filter((m) => m.orderNumber !== null && m.level === 'info')).toEqual([]);
  });

  it('fetches the next page while writing one, yet never has two RMS calls in flight', async () => {
    const { tracker, wrap } = callTracker();
    h = await startHarness({ http: wrap });
    h.place('card_ok', 250);

    const run = await h.sync();

    expect(run.imported).toBe(250);
    expect(tracker.getOrderCalls).toBe(3);
    expect(tracker.maxInFlight).toBe(1);
  });

  it('a write that fails leaves the cursor, waits for the call in flight, and the next run imports everything once', async () => {
    const { tracker, wrap } = callTracker();
    h = await startHarness({ http: wrap });
    const numbers = h.place('card_ok', 250);
    let writes = 0;
    const failingDb = {
      ...h.db,
      transaction: <T>(fn: Parameters<typeof h.db.transaction<T>>[0]) => {
        // The first transaction after getOrder writes the first page alone: it is all there is yet.
        if (tracker.getOrderCalls > 0 && ++writes === 2) return Promise.reject(new Error('disk full'));
        return h.db.transaction(fn);
      },
    };

    const broken = await runSyncCycle({ ...h.deps, db: failingDb }, { shopCode: SHOP });

    expect(broken.outcome).toBe('failed');
    expect(broken.imported).toBe(100);
    expect(tracker.inFlight).toBe(0);
    expect(await Store.open(h.db).syncCursors.get(SHOP, ORDERS_CURSOR)).toBeNull();

    const resumed = await h.sync();
    expect(resumed.outcome).toBe('succeeded');
    expect(resumed.imported).toBe(150);
    for (const n of numbers) expect((await h.order(n)).version).toBe(1);
    expect(tracker.maxInFlight).toBe(1);
  });
});
