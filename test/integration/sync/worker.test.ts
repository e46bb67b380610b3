import { afterEach, describe, expect, it } from 'vitest';
import { listSyncRuns, runSyncCycle, startWorker, type SyncRunSummary } from '../../../src/sync/index.ts';
import { testEngine } from '../../support/database.ts';
import { SHOP, startHarness, STAFF, type Harness } from './harness.ts';
import { Store } from '../../../src/store/store.ts';
import { SYSTEM_CALLER } from '../../../src/app/caller.ts';

describe(`workers (${testEngine})`, () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('two workers at once on one database never send a confirmation twice', async () => {
    h = await startHarness();
    const numbers = h.place('card_ok', 5);
    await h.sync();
    for (const n of numbers) await h.orders.confirm(SYSTEM_CALLER, n, undefined, STAFF);
    const [a, b] = await Promise.all([
      runSyncCycle({ ...h.deps, workerId: 'worker-a' }, { shopCode: SHOP }),
      runSyncCycle({ ...h.deps, workerId: 'worker-b' }, { shopCode: SHOP }),
    ]);
    expect(a.pushed + b.pushed).toBe(5);
    for (const n of numbers) {
      expect(h.effects(n, 'confirmOrder')).toHaveLength(1);
      expect((await h.order(n)).status).toBe('rakuten_processing');
    }
  });

  it('a worker started while a dead worker holds the shop takes it over when that lease ends, not an interval later', async () => {
    h = await startHarness();
    h.place('card_ok', 2);
    const leaseMs = 1_500;
    // The process that died left its lease on the shop.
    await Store.open(h.db).syncLeases.acquire(SHOP, 'worker-that-died', new Date(), leaseMs);
    const cycles: { at: number; summary: SyncRunSummary }[] = [];
    const started = Date.now();
    const worker = startWorker({ ...h.deps, options: { ...h.deps.options, leaseMs } }, { intervalMs: 60_000, shopCode: SHOP, onCycle: (summary) => cycles.push({ at: Date.now(), summary }) });
    try {
      while (cycles.length < 2 && Date.now() - started < 10_000) await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      await worker.stop();
    }
    expect(cycles[0]!.summary.shops[0]!.outcome).toBe('skipped');
    expect(cycles).toHaveLength(2);
    expect(cycles[1]!.summary.imported).toBe(2);
    // The lease's end plus the margin, far from the 60-second interval.
    expect(cycles[1]!.at - started).toBeLessThan(leaseMs + 2_000);
  });

  it('loops until stopped, finishing the run in progress', async () => {
    h = await startHarness();
    h.place('card_ok', 2);
    const cycles: SyncRunSummary[] = [];
    const worker = startWorker(h.deps, { intervalMs: 10, shopCode: SHOP, onCycle: (s) => cycles.push(s) });
    while (cycles.length < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    await worker.stop();
    const seen = cycles.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(cycles.length).toBe(seen);
    expect(cycles[0]!.imported).toBe(2);
    expect(cycles.every((c) => c.trigger === 'worker' && c.outcome === 'succeeded')).toBe(true);
  });

  it('stops after the shop in hand, leaving the cycle\'s other shops to the next worker', async () => {
    let firstCallArrived!: () => void;
    const firstCall = new Promise<void>((resolve) => (firstCallArrived = resolve));
    let releaseFirstCall!: () => void;
    const firstCallReleased = new Promise<void>((resolve) => (releaseFirstCall = resolve));
    let calls = 0;
    h = await startHarness({
      // The worker's first RMS call (the first shop's) waits until the worker has been told to stop.
      http: (inner) => async (request) => {
        if (calls++ === 0) {
          firstCallArrived();
          await firstCallReleased;
        }
        return inner(request);
      },
    });
    const other = h.sandbox.createShop({});
    await h.shops.add({ code: 'shop2', name: '二号店', serviceSecret: other.serviceSecret, licenseKey: other.licenses[0]!.licenseKey, rmsUrl: h.sandbox.url, rateLimitPerSecond: 0 }, STAFF);
    h.place('card_ok', 1);
    const cycles: SyncRunSummary[] = [];
    const worker = startWorker(h.deps, { intervalMs: 10, onCycle: (s) => cycles.push(s) });
    await firstCall;
    const stopped = worker.stop();
    releaseFirstCall();
    await stopped;
    expect(cycles).toHaveLength(1);
    expect(cycles[0]!.shops.map((s) => [s.shopCode, s.outcome])).toEqual([[SHOP, 'ok'], ['shop2', 'skipped']]);
    expect(cycles[0]!.imported).toBe(1);
    expect(h.sandbox.sandbox.ledger().filter((e) => e.shopId === other.shopId)).toEqual([]);
  });

  it('keeps run records for 30 days', async () => {
    h = await startHarness();
    const old = await h.sync();
    h.advance(31 * 86_400);
    const recent = await h.sync();
    expect((await listSyncRuns(h.store)).map((r) => r.runId)).toEqual([recent.runId]);
    expect(recent.runId).toBeGreaterThan(old.runId);
  });
});
