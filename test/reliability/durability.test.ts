import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.ts';
import { createTestDatabaseUrl, testEngine } from '../support/database.ts';
import { spawnTs, watchLines } from './support/child.ts';
import { integrityProblems } from './support/database-probe.ts';
import { createHarness } from './support/harness.ts';
import type { Harness } from './support/harness.ts';
import { SYSTEM_CALLER } from '../../src/app/caller.ts';

/** Kills of the writing process: a few in CI, many for docs/RELIABILITY.md (JUCHU_DURABILITY_KILLS). */
const KILLS = Number(process.env.JUCHU_DURABILITY_KILLS ?? 3);
/** Each round starts a fresh Node process, which takes seconds on a busy machine. */
const ROUND_TIMEOUT_MS = 40_000;
const ORDERS_PER_ROUND = 12;
const CHILD = join(import.meta.dirname, 'support/durability-child.ts');

/** The URL as juchu would be given it in production: without the test suite's speed-ups. */
function withoutTestOptions(url: string): string {
  const parsed = new URL(url);
  const options = parsed.searchParams.get('options');
  if (options !== null) parsed.searchParams.set('options', options.replace(/-c synchronous_commit=off/g, '').trim());
  return parsed.toString();
}

describe(`durability on ${testEngine}`, () => {
  let h: Harness;
  let drop: () => Promise<void>;
  let url: string;

  beforeAll(async () => {
    ({ url, drop } = await createTestDatabaseUrl());
    h = await createHarness({ databaseUrl: url });
  });

  afterAll(async () => {
    await h.close();
    await drop();
  });

  it('the engine acknowledges a commit only once it is on disk (SQLite: WAL + synchronous=FULL; PostgreSQL: fsync + synchronous_commit)', async () => {
    if (h.db.dialect === 'sqlite') {
      const { rows: journal } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(h.db.kysely);
      const { rows: sync } = await sql<{ synchronous: number }>`pragma synchronous`.execute(h.db.kysely);
      expect(journal[0]?.journal_mode).toBe('wal');
      expect(sync[0]?.synchronous).toBe(2);
    } else {
      // The test databases trade commit durability for speed; juchu itself must not.
      const production = await openDatabase(withoutTestOptions(url), { maxConnections: 1 });
      try {
        const { rows: fsync } = await sql<{ fsync: string }>`show fsync`.execute(production.kysely);
        const { rows: commit } = await sql<{ synchronous_commit: string }>`show synchronous_commit`.execute(production.kysely);
        expect(fsync[0]?.fsync).toBe('on');
        expect(commit[0]?.synchronous_commit).toBe('on');
      } finally {
        await production.close();
      }
    }
  });

  it(`an acknowledged change and its outbox entry survive SIGKILL of the process that made it (${KILLS} kills)`, async () => {
    const shop = await h.addShop('durable');
    let acknowledged = 0;
    for (let round = 0; round < KILLS; round++) {
      const orderNumbers = await h.seedOrders(shop, { count: ORDERS_PER_ROUND });
      // Kill right after the k-th acknowledgement, while the next transaction is under way.
      const killAfter = 1 + Math.floor(Math.random() * (ORDERS_PER_ROUND - 1));
      const acked: string[] = [];
      const child = spawnTs(CHILD, [url, ...orderNumbers]);
      const exit = watchLines(child, (line) => {
        if (!line.startsWith('ack ')) return;
        acked.push(line.slice(4));
        if (acked.length === killAfter) child.kill('SIGKILL');
      });
      const { signal, stderr } = await exit;
      expect(signal, stderr).toBe('SIGKILL');
      // Acks the child wrote before the signal landed may still be on their way: they count too.
      expect(acked.length).toBeGreaterThanOrEqual(killAfter);
      acknowledged += acked.length;

      for (const orderNumber of orderNumbers) {
        const { order, pendingOperations } = await h.app.orders.details(SYSTEM_CALLER, orderNumber);
        const queued = pendingOperations.filter((op) => op.operation.kind === 'syncConfirmation');
        if (acked.includes(orderNumber)) {
          expect(order.status, orderNumber).toBe('confirmation_queued');
          expect(queued, orderNumber).toHaveLength(1);
          expect(queued[0]!.state).toBe('pending');
        } else {
          // The one in flight at the kill is all or nothing: never a status without its operation.
          expect(queued.length === 1, orderNumber).toBe(order.status === 'confirmation_queued');
        }
      }
      expect(await integrityProblems(h.db)).toEqual([]);
    }
    console.info(`durability (${testEngine}): ${KILLS} kills, ${acknowledged} acknowledged changes, lost 0`);
  }, KILLS * ROUND_TIMEOUT_MS);
});
