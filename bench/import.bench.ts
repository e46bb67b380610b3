/**
 * What importing costs: RMS calls per imported order against the minimum the API allows
 * (ceil(N/100) getOrder + ceil(N/1000) searchOrder pages), and juchu's own processing time per
 * order (the import's wall time less the time spent waiting for RMS).
 *
 *   node --import tsx bench/import.bench.ts [orders] [postgres://…]
 *
 * Runs `juchu import --since`'s code in-process against the in-process sandbox over real HTTP,
 * on a fresh SQLite file (or a fresh PostgreSQL database when a URL is given).
 */
import { Store } from '../src/store/store.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import pino from 'pino';
import { ShopService } from '../src/app/shop-service.ts';
import { createSecretBox } from '../src/ports/secret-box.ts';
import { fetchHttp, type RmsHttp } from '../src/rms/http.ts';
import { startSandbox } from '../src/sandbox/index.ts';
import { migrate, openDatabase, type Database } from '../src/store/database.ts';
import { runImport } from '../src/sync/index.ts';

export interface BenchImportOptions {
  readonly orders?: number;
  /** Days over which the orders were placed (more than 63 exercises window splitting). */
  readonly spreadDays?: number;
  /** A PostgreSQL server URL; the benchmark creates and drops its own database there. */
  readonly postgresUrl?: string;
  /** Runs on the migrated database with the shop added, before the timed import (e.g. to add sorting rules). */
  readonly prepare?: (db: Database, shopCode: string) => Promise<void>;
}

const START = new Date('2026-03-02T01:00:00Z');
const DAY_MS = 86_400_000;

export async function benchImport(opts: BenchImportOptions = {}): Promise<Record<string, number>> {
  const orders = opts.orders ?? 5_000;
  const spreadDays = opts.spreadDays ?? 20;
  const sandbox = await startSandbox({ port: 0, seed: 1, clock: 'frozen', startAt: START });
  const target = await freshDatabase(opts.postgresUrl);
  try {
    const rmsShop = sandbox.createShop({});
    const licenseKey = rmsShop.licenses[0]!.licenseKey;
    // 14-day auto-cancellation and the rest of Rakuten's rules apply; placing orders in the
    // sandbox is setup, not measured.
    sandbox.generateOrders({ licenseKey, scenario: 'mixed', count: orders, spreadDays });
    const box = createSecretBox('bench-secret-0000000000001');
    const clock = { now: () => sandbox.clock.now() };
    await new ShopService({ store: Store.open(target.db), clock, secrets: () => box }).add(
      { code: 'bench', name: 'ベンチ店', serviceSecret: rmsShop.serviceSecret, licenseKey, rmsUrl: sandbox.url, rateLimitPerSecond: 0 },
      { kind: 'system', name: 'bench' },
    );
    await opts.prepare?.(target.db, 'bench');

    const calls = new Map<string, number>();
    let waitingMs = 0;
    const counting: RmsHttp = async (request) => {
      const operation = new URL(request.url).pathname.split('/').filter(Boolean).at(-1) ?? '?';
      calls.set(operation, (calls.get(operation) ?? 0) + 1);
      const started = performance.now();
      try {
        return await fetchHttp(request);
      } finally {
        waitingMs += performance.now() - started;
      }
    };

    const started = performance.now();
    const summary = await runImport(
      { db: target.db, clock, logger: pino({ level: 'silent' }), secrets: () => box, http: counting },
      { since: new Date(START.getTime() - (spreadDays + 1) * DAY_MS) },
    );
    const totalMs = performance.now() - started;

    const getOrder = calls.get('getOrder') ?? 0;
    const searchOrder = calls.get('searchOrder') ?? 0;
    const other = [...calls.values()].reduce((a, b) => a + b, 0) - getOrder - searchOrder;
    const imported = summary.imported;
    const minimum = Math.ceil(imported / 100) + Math.ceil(imported / 1000);
    return {
      orders: imported,
      failed: summary.failed,
      getOrderCalls: getOrder,
      searchOrderCalls: searchOrder,
      otherCalls: other,
      minimumCalls: minimum,
      callsPerOrder: (getOrder + searchOrder) / imported,
      minimumCallsPerOrder: minimum / imported,
      ratioToMinimum: (getOrder + searchOrder) / minimum,
      totalMs,
      rmsWaitMs: waitingMs,
      localMsPerOrder: (totalMs - waitingMs) / imported,
      ordersPerSecond: imported / (totalMs / 1000),
    };
  } finally {
    await sandbox.close();
    await target.drop();
  }
}

async function freshDatabase(postgresUrl: string | undefined): Promise<{ db: Database; drop(): Promise<void> }> {
  if (!postgresUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'juchu-bench-import-'));
    const db = await openDatabase(`file:${join(dir, 'juchu.db')}`);
    await migrate(db);
    return { db, drop: async () => (await db.close(), rmSync(dir, { recursive: true, force: true })) };
  }
  const name = `juchu_bench_import_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase(url.toString());
  await migrate(db);
  return {
    db,
    drop: async () => {
      await db.close();
      await admin.query(`drop database if exists ${name}`);
      await admin.end();
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [orders, postgresUrl] = process.argv.slice(2);
  const figures = await benchImport({ orders: orders ? Number(orders) : undefined, postgresUrl });
  for (const [name, value] of Object.entries(figures)) {
    process.stdout.write(`${name.padEnd(22)} ${Number.isInteger(value) ? value : value.toFixed(4)}\n`);
  }
}
