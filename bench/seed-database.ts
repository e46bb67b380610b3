import { existsSync, renameSync, rmSync } from 'node:fs';
import { ShopService } from '../src/app/shop-service.ts';
import { ManualClock } from '../src/ports/clock.ts';
import { createSecretBox } from '../src/ports/secret-box.ts';
import { sql } from 'kysely';
import { migrate, openDatabase, type Database } from '../src/store/database.ts';
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

const ROWS_PER_STATEMENT = 200;
const ROWS_PER_TRANSACTION = 20_000;

export function benchShopCodes(count: number): string[] {
  return Array.from({ length: count }, (_, k) => `bench${String(k + 1).padStart(2, '0')}`);
}

/**
 * A migrated database holding `orders` orders (and one history entry each) in `shops` shops,
 * written straight into the tables in big transactions — the way a migration from another
 * OMS would load them, and thousands of times faster than through the API.
 */
export async function seedOrders(db: Database, options: SeedOptions): Promise<Omit<SeedResult, 'reused'>> {
  const started = performance.now();
  if (db.dialect === 'sqlite') await relaxDurabilityForBulkLoad(db);
  const shopCodes = benchShopCodes(options.shops);
  const clock = new ManualClock(options.now);
  const shops = new ShopService({ db, clock, secrets: () => createSecretBox(BENCH_SECRET) });
  for (const code of shopCodes) {
    await shops.add(
      { code, name: `ベンチ店 ${code}`, serviceSecret: `SP-${code}`, licenseKey: `SL-${code}`, rmsUrl: 'http://127.0.0.1:9', rateLimitPerSecond: 0 },
      { kind: 'system', name: 'bench' },
    );
  }
  const factory = new OrderFactory({ shopCodes, now: options.now, spreadDays: options.spreadDays, total: options.orders });
  const restoreIndexes = db.dialect === 'sqlite' ? await dropSecondaryIndexes(db) : async () => {};
  for (let from = 0; from < options.orders; from += ROWS_PER_TRANSACTION) {
    const to = Math.min(from + ROWS_PER_TRANSACTION, options.orders);
    await db.transaction(async (tx) => {
      for (let i = from; i < to; i += ROWS_PER_STATEMENT) {
        const rows = Array.from({ length: Math.min(ROWS_PER_STATEMENT, to - i) }, (_, k) => factory.row(i + k));
        await tx.insertInto('orders').values(rows.map((r) => r.order)).execute();
        await tx.insertInto('order_history').values(rows.map((r) => r.history)).execute();
      }
    });
  }
  await restoreIndexes();
  return { shopCodes, buyerName: factory.sampleBuyerName(), seededSeconds: (performance.now() - started) / 1000 };
}

/**
 * The seeded SQLite file at `path`, built once and reused by later runs (the key is in the
 * file name, so other sizes get their own file). A half-built file is never reused: seeding
 * writes to a temporary name and renames it when done.
 */
export async function cachedSqliteSeed(path: string, options: SeedOptions): Promise<SeedResult> {
  if (existsSync(path)) {
    const db = await openDatabase(`file:${path}`);
    await migrate(db);
    await db.close();
    const factory = new OrderFactory({ shopCodes: benchShopCodes(options.shops), now: options.now, spreadDays: options.spreadDays, total: 1 });
    return { shopCodes: benchShopCodes(options.shops), buyerName: factory.sampleBuyerName(), seededSeconds: 0, reused: true };
  }
  const building = `${path}.building`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(building + suffix, { force: true });
  const db = await openDatabase(`file:${building}`);
  try {
    await migrate(db);
    const result = await seedOrders(db, options);
    await db.close();
    renameSync(building, path);
    return { ...result, reused: false };
  } catch (err) {
    await db.close();
    throw err;
  }
}

/**
 * A bulk load into a file nobody else uses yet: a big page cache keeps the indexes' pages in
 * memory, and there is nothing to lose in a crash (a half-built file is thrown away).
 */
async function relaxDurabilityForBulkLoad(db: Database): Promise<void> {
  await sql`pragma synchronous = off`.execute(db.kysely);
  await sql`pragma cache_size = -1000000`.execute(db.kysely);
}

/**
 * Building an index once over a million rows is several times faster than keeping it up to
 * date row by row. The definitions come from the schema itself, so they stay the migrations'.
 */
async function dropSecondaryIndexes(db: Database): Promise<() => Promise<void>> {
  const { rows } = await sql<{ name: string; sql: string }>`
    select name, sql from sqlite_master
    where type = 'index' and sql is not null and tbl_name in ('orders', 'order_history')`.execute(db.kysely);
  for (const index of rows) await sql`drop index ${sql.id(index.name)}`.execute(db.kysely);
  return async () => {
    for (const index of rows) await sql.raw(index.sql).execute(db.kysely);
  };
}
