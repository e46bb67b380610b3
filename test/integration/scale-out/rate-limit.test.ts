import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEntry, RunningSandbox } from '../../../src/sandbox/index.ts';
import type { Database } from '../../../src/store/database.ts';
import { testEngine } from '../../support/database.ts';
import { countOrders, openScaleOutWorld, STAFF, startWorkerProcesses, stopWorkerProcess, until, type ScaleOutWorld, type WorkerProcess } from './harness.ts';

const WORKERS = 3;
const RATE_LIMIT_PER_SECOND = 2;
/** Enough calls for several cycles, and so several hand-overs of the shop between workers. */
const CALLS = 14;
/**
 * searchOrder answers slower than the limit's interval (500 ms), so that two workers syncing the
 * shop at once would show as overlapping calls even though the shared limit spaces their
 * starts. The other calls answer at once, so that the limit, not RMS, paces them — also across
 * a hand-over: a cycle ends with getOrder, and the next worker's first call follows at once
 * unless the limit it shares holds it back.
 */
const SEARCH_LATENCY_MS = 700;

/**
 * Several worker processes on one database syncing one shop whose license allows 2 requests
 * per second, against a sandbox that refuses the third call in any second with 429: by the
 * sandbox's ledger no second holds more than 2 calls, nothing is refused, and no two calls
 * overlap — the shop passes from worker to worker, and the limit goes with it.
 */
describe(`scale-out: ${WORKERS} worker processes share one license's rate limit (${testEngine})`, () => {
  let world: ScaleOutWorld;
  let sandbox: RunningSandbox;
  let db: Database;
  let workers: WorkerProcess[];

  beforeAll(async () => {
    world = await openScaleOutWorld(31);
    ({ sandbox, db, workers } = world);
    // Idle until the shop is added, so that every worker competes for it from the first call.
    const ids = Array.from({ length: WORKERS }, (_, i) => `limited-${i}`);
    await startWorkerProcesses(ids, world.workerEnv, workers);
  }, 120_000);

  afterAll(() => world?.close(), 60_000);

  it('keeps every second within the limit, refuses nothing, and never overlaps two calls', async () => {
    const rmsShop = sandbox.createShop({});
    const shopId = rmsShop.shopId;
    const licenseKey = rmsShop.licenses[0]!.licenseKey;
    sandbox.generateOrders({ licenseKey, scenario: 'card_ok', count: 3 });
    sandbox.sandbox.updateFaults({ rateLimitPerSecond: RATE_LIMIT_PER_SECOND, rateLimitStatus: 429, latencyMs: SEARCH_LATENCY_MS, operations: ['searchOrder'] });
    await world.shops.add(
      { code: 'limited', name: '制限店', serviceSecret: rmsShop.serviceSecret, licenseKey, rmsUrl: sandbox.url, rateLimitPerSecond: RATE_LIMIT_PER_SECOND },
      STAFF,
    );

    const calls = () => sandbox.sandbox.ledger().filter((e) => e.shopId === shopId);
    await until(
      `${CALLS} calls made by at least two workers`,
      async () => calls().length >= CALLS && (await workersThatCalledRms(db)).length >= 2,
      90_000,
    );
    // Stopped the way an operator drains them: each finishes its cycle, so the ledger is complete.
    await Promise.all(workers.map(stopWorkerProcess));

    const ledger = calls();
    expect(await countOrders(db)).toBe(3);
    expect(ledger.filter((e) => e.fault !== null || e.httpStatus === 429)).toEqual([]);
    expect(busiestSecond(ledger)).toBeLessThanOrEqual(RATE_LIMIT_PER_SECOND);
    expect(overlaps(ledger)).toEqual([]);
    // The shop really did pass between processes, so the limit was shared, not per process.
    expect((await workersThatCalledRms(db)).length).toBeGreaterThanOrEqual(2);
  }, 120_000);
});

/** The most calls that arrived within one wall-clock second (the sandbox's fixed windows). */
function busiestSecond(entries: readonly LedgerEntry[]): number {
  const perSecond = new Map<number, number>();
  for (const e of entries) {
    const second = Math.floor(Date.parse(e.receivedAt) / 1000);
    perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
  }
  return Math.max(0, ...perSecond.values());
}

/** Calls that arrived before the previous one was answered. */
function overlaps(entries: readonly LedgerEntry[]): string[] {
  const byArrival = [...entries].sort((a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt));
  return byArrival.slice(1).flatMap((e, i) => {
    const previous = byArrival[i]!;
    return Date.parse(e.receivedAt) < Date.parse(previous.answeredAt)
      ? [`${e.operation} at ${e.receivedAt} during ${previous.operation} ${previous.receivedAt}–${previous.answeredAt}`]
      : [];
  });
}

async function workersThatCalledRms(db: Database): Promise<string[]> {
  const rows = await db.kysely.selectFrom('sync_runs').select('worker_id').distinct().where('rms_calls', '>', 0).execute();
  return rows.map((r) => r.worker_id);
}
