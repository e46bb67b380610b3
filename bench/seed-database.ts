import { existsSync, renameSync, rmSync } from 'node:fs';
import { Store } from '../src/store/store.ts';
import BetterSqlite3 from 'better-sqlite3';
import { ShopService } from '../src/app/shop-service.ts';
import { ManualClock } from '../src/ports/clock.ts';
import { createSecretBox } from '../src/ports/secret-box.ts';
import { migrate, openDatabase, type Database } from '../src/store/database.ts';
import { SEARCH_KEYS_OF_EVERY_ORDER, SQLITE_INSERT_TRIGGER } from '../src/store/migrations/0006_order_search_keys.ts';
import { OrderFactory } from './order-factory.ts';

/** The secret the benchmark seals its shops' credentials with (never a real shop's). */
export const BENCH_SECRET = 'juchu-benchmark-secret-not-for-production';

export interface SeedOptions {
  readonly orders: number;
  readonly shops: number;
  /** Orders spread back over this many days from `now`. */
  readonly spreadDays: number;
  readonly now: Date;
}

export interface SeedResult {
  readonly shopCodes: readonly string[];
  /** A buyer-name prefix that matches seeded orders. */
  readonly buyerName: string;
  /** Seconds spent seeding; 0 when a cached file was reused. */
  readonly seededSeconds: number;
  readonly reused: boolean;
}

/** Rows per prepared INSERT: few statement executions, well under SQLite's 32,766 parameters. */
const ROWS_PER_STATEMENT = 100;

export function benchShopCodes(count: number): string[] {
  return Array.from({ length: count }, (_, k) => `bench${String(k + 1).padStart(2, '0')}`);
}

/**
 * The seeded SQLite file at `path`, built once and reused by later runs (the key is in the
 * file name, so other sizes get their own file). A half-built file is never reused: seeding
 * writes to a temporary name and renames it when done.
 */
export async function cachedSqliteSeed(path: string, options: SeedOptions): Promise<SeedResult> {
  const shopCodes = benchShopCodes(options.shops);
  if (existsSync(path)) {
    const db = await openDatabase(`file:${path}`);
    await migrate(db);
    await db.close();
    const factory = new OrderFactory({ shopCodes, now: options.now, spreadDays: options.spreadDays, total: 1 });
    return { shopCodes, buyerName: factory.sampleBuyerName(), seededSeconds: 0, reused: true };
  }
  const started = performance.now();
  const building = `${path}.building`;
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(building + suffix, { force: true });
  const db = await openDatabase(`file:${building}`);
  try {
    await migrate(db);
    await addShops(db, shopCodes, options.now);
  } finally {
    await db.close();
  }
  const factory = new OrderFactory({ shopCodes, now: options.now, spreadDays: options.spreadDays, total: options.orders });
  bulkLoad(building, factory, options.orders);
  renameSync(building, path);
  return { shopCodes, buyerName: factory.sampleBuyerName(), seededSeconds: (performance.now() - started) / 1000, reused: false };
}

async function addShops(db: Database, shopCodes: readonly string[], now: Date): Promise<void> {
  const shops = new ShopService({ store: Store.open(db), clock: new ManualClock(now), secrets: () => createSecretBox(BENCH_SECRET) });
  for (const code of shopCodes) {
    await shops.add(
      { code, name: `ベンチ店 ${code}`, serviceSecret: `SP-${code}`, licenseKey: `SL-${code}`, rmsUrl: 'http://127.0.0.1:9', rateLimitPerSecond: 0 },
      { kind: 'system', name: 'bench' },
    );
  }
}

/**
 * `total` orders (and one history entry each) written straight into the migrated file — the
 * way a migration from another OMS would load them. The file is nobody else's until renamed and
 * a half-built one is thrown away, so the load runs without a journal or fsync, in one
 * transaction, through prepared multi-row INSERTs on better-sqlite3 itself, and builds the
 * secondary indexes once at the end, which is several times faster than keeping them up to date.
 */
function bulkLoad(path: string, factory: OrderFactory, total: number): void {
  const sqlite = new BetterSqlite3(path);
  try {
    // Not OFF, which better-sqlite3's defensive mode refuses: the journal only keeps pages that
    // existed before the load (a few, from the migrations), and in memory.
    setJournalMode(sqlite, 'memory');
    sqlite.pragma('synchronous = OFF');
    sqlite.pragma('locking_mode = EXCLUSIVE');
    sqlite.pragma('cache_size = -1000000');
    const sample = factory.row(0);
    const orders = multiRowInsert(sqlite, 'orders', Object.keys(sample.order));
    const history = multiRowInsert(sqlite, 'order_history', Object.keys(sample.history));
    sqlite.transaction(() => {
      const restoreIndexes = dropSecondaryIndexes(sqlite);
      const restoreTrigger = dropSearchKeyTrigger(sqlite);
      for (let from = 0; from < total; from += ROWS_PER_STATEMENT) {
        const rows = Array.from({ length: Math.min(ROWS_PER_STATEMENT, total - from) }, (_, k) => factory.row(from + k));
        orders(rows.map((r) => r.order));
        history(rows.map((r) => r.history));
      }
      restoreIndexes();
      restoreTrigger();
    })();
    setJournalMode(sqlite, 'wal');
  } finally {
    sqlite.close();
  }
}

function setJournalMode(sqlite: BetterSqlite3.Database, mode: 'memory' | 'wal'): void {
  // SQLite answers a mode it cannot switch to with the mode it stays in, so check.
  const [{ journal_mode: now }] = sqlite.pragma(`journal_mode = ${mode}`) as [{ journal_mode: string }];
  if (now !== mode) throw new Error(`could not switch the seed file to journal_mode ${mode} (it is ${now})`);
}

/** Inserts rows (objects with exactly `columns`) with one prepared statement per row count. */
function multiRowInsert(sqlite: BetterSqlite3.Database, table: string, columns: readonly string[]): (rows: readonly object[]) => void {
  const statements = new Map<number, BetterSqlite3.Statement>();
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  return (rows) => {
    let statement = statements.get(rows.length);
    if (!statement) {
      statement = sqlite.prepare(`insert into ${table} (${columns.join(', ')}) values ${Array(rows.length).fill(tuple).join(', ')}`);
      statements.set(rows.length, statement);
    }
    statement.run(rows.flatMap((row) => columns.map((column) => (row as Record<string, unknown>)[column])));
  };
}

/**
 * The search keys (migration 0006) of a million orders, written by a trigger per row, would
 * land all over their index; written once at the end, in key order, they are appended.
 */
function dropSearchKeyTrigger(sqlite: BetterSqlite3.Database): () => void {
  const { sql } = sqlite.prepare(`select sql from sqlite_master where type = 'trigger' and name = ?`).get(SQLITE_INSERT_TRIGGER) as { sql: string };
  sqlite.exec(`drop trigger ${SQLITE_INSERT_TRIGGER}`);
  return () => {
    sqlite.exec(SEARCH_KEYS_OF_EVERY_ORDER);
    sqlite.exec(sql);
  };
}

/** Drops the loaded tables' secondary indexes; the returned function builds them again from the schema's own definitions. */
function dropSecondaryIndexes(sqlite: BetterSqlite3.Database): () => void {
  const indexes = sqlite
    .prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in ('orders', 'order_history')`)
    .all() as { name: string; sql: string }[];
  for (const index of indexes) sqlite.exec(`drop index "${index.name}"`);
  return () => {
    for (const index of indexes) sqlite.exec(index.sql);
  };
}
