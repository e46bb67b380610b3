import { join } from 'node:path';
import { systemClock } from '../src/ports/clock.ts';
import { openDatabase } from '../src/store/database.ts';
import { createApp, realPorts } from '../src/composition/compose.ts';
import { runAlternatingLoad, type LoadResult, type RequestKind } from './http-load.ts';
import { OrderFactory } from './order-factory.ts';
import { JUCHU_BIN, ROOT, startChild, startChildUntil, startSandboxProcess, type Child } from './processes.ts';
import { BENCH_SECRET, benchShopCodes, cachedSqliteSeed } from './seed-database.ts';

export interface ApiLatencyOptions {
  readonly orders: number;
  readonly shops: number;
  readonly concurrency: number;
  readonly warmupMs: number;
  /** Measured time per server, shared among this many alternating turns. */
  readonly durationMs: number;
  readonly rounds: number;
  /** Orders waiting in the sandbox for the sync that runs during the load. */
  readonly syncOrders: number;
  readonly cacheDir: string;
}

export interface ApiLatencyResult extends LoadResult {
  /** The same load on bench/bare-server-process.ts, in turns with juchu's: same SQL and driver, nothing else. */
  readonly bare: LoadResult;
  readonly orders: number;
  readonly concurrency: number;
  readonly rounds: number;
  readonly seededSeconds: number;
  readonly reusedSeed: boolean;
  /** Sync cycles that ran (and ended) during the measurement, and the orders they imported. */
  readonly syncCycles: number;
  readonly syncImported: number;
  readonly syncErrors: readonly string[];
}

/** Every seeded database dates its orders back from this instant, so a cached file stays valid. */
const SEED_NOW = new Date('2026-11-28T00:00:00Z');
const SPREAD_DAYS = 365;

/** A later turn's warm-up: the clients' connections open again before it counts. */
const TURN_WARMUP_MS = 1_000;

const LISTED_STATUSES = ['awaiting_confirmation', 'new', 'completed', 'cancelled'] as const;

/**
 * API latency at scale: a database seeded with `orders` orders, the API server in a process of
 * its own, `concurrency` clients with an API token, and meanwhile `juchu sync --once` cycles
 * importing from a sandbox into the same database, back to back.
 */
export async function benchApiLatency(options: ApiLatencyOptions): Promise<ApiLatencyResult> {
  const path = join(options.cacheDir, `orders-${options.orders}x${options.shops}-v2.sqlite`);
  const seed = await cachedSqliteSeed(path, { orders: options.orders, shops: options.shops, spreadDays: SPREAD_DAYS, now: SEED_NOW });
  const url = `file:${path}`;
  const env = { JUCHU_DATABASE_URL: url, JUCHU_SECRET: BENCH_SECRET, JUCHU_LOG_LEVEL: 'error' };

  const sandbox = await startSandboxProcess(options.syncOrders);
  const liveShop = `live${Date.now().toString(36)}`;
  const token = await prepare(url, liveShop, sandbox);
  const server = await startChildUntil(['--import', 'tsx', join(ROOT, 'bench/server-process.ts')], env, (line) =>
    line.startsWith('{') ? (JSON.parse(line) as { port: number }).port : undefined,
  );
  const sync = syncLoop(env, liveShop);
  try {
    const factory = new OrderFactory({ shopCodes: benchShopCodes(options.shops), now: SEED_NOW, spreadDays: SPREAD_DAYS, total: options.orders });
    const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)]!;
    const someOrder = () => factory.row(Math.floor(Math.random() * options.orders)).order.order_number;
    const someShop = () => (Math.random() < 0.5 ? `&shop=${pick(seed.shopCodes)}` : '');
    const kinds: RequestKind[] = [
      { name: 'list', path: () => `/api/orders?status=${pick(LISTED_STATUSES)}&limit=50${someShop()}` },
      { name: 'counts', path: () => `/api/orders/counts${someShop().replace('&', '?')}` },
      { name: 'search by order number', path: () => `/api/orders?q=${encodeURIComponent(someOrder())}` },
      { name: 'search by buyer name', path: () => `/api/orders?q=${encodeURIComponent(seed.buyerName)}&limit=50` },
      { name: 'detail', path: () => `/api/orders/${encodeURIComponent(someOrder())}` },
    ];
    // Both servers run throughout and take turns under the load, so the sync's import (heavy at
    // first, light later) weighs on each alike; the idle one costs next to nothing.
    const bareServer = await startChildUntil(['--import', 'tsx', join(ROOT, 'bench/bare-server-process.ts')], env, (line) =>
      line.startsWith('{') ? (JSON.parse(line) as { port: number }).port : undefined,
    );
    let load: LoadResult;
    let bare: LoadResult;
    try {
      [load, bare] = (await runAlternatingLoad({
        baseUrls: [server.value, bareServer.value].map((port) => `http://127.0.0.1:${port}`),
        token,
        kinds,
        concurrency: options.concurrency,
        warmupMs: options.warmupMs,
        turnWarmupMs: TURN_WARMUP_MS,
        durationMs: options.durationMs,
        rounds: options.rounds,
      })) as [LoadResult, LoadResult];
    } finally {
      await bareServer.child.stop();
    }
    const synced = await sync.stop();
    return {
      ...load,
      bare,
      orders: options.orders,
      concurrency: options.concurrency,
      rounds: options.rounds,
      seededSeconds: seed.seededSeconds,
      reusedSeed: seed.reused,
      syncCycles: synced.cycles,
      syncImported: synced.imported,
      syncErrors: synced.errors,
    };
  } finally {
    await sync.stop();
    await server.child.stop();
    await sandbox.child.stop();
  }
}

/** A shop connected to the sandbox (rate limit off) and a read-only API token for the clients. */
async function prepare(url: string, shopCode: string, sandbox: { url: string; serviceSecret: string; licenseKey: string }): Promise<string> {
  const db = await openDatabase(url);
  try {
    const actor = { kind: 'system', name: 'bench' } as const;
    const app = createApp(db, realPorts(systemClock, () => BENCH_SECRET));
    await app.shops.add(
      { code: shopCode, name: 'ベンチ同期店', serviceSecret: sandbox.serviceSecret, licenseKey: sandbox.licenseKey, rmsUrl: sandbox.url, rateLimitPerSecond: 0 },
      actor,
    );
    const { token } = await app.tokens.create({ name: `bench ${shopCode}`, role: 'viewer' }, actor);
    return token;
  } finally {
    await db.close();
  }
}

/**
 * `juchu sync --once --shop` again and again until stopped; the first cycle imports the
 * sandbox's orders, later ones re-read the open ones. Stopping ends the cycle in progress
 * (an import resumes from its cursor, so that loses nothing).
 */
function syncLoop(env: Record<string, string>, shopCode: string) {
  let stopping = false;
  let current: Child | null = null;
  const totals = { cycles: 0, imported: 0, errors: [] as string[] };
  const running = (async () => {
    while (!stopping && totals.errors.length < 3) {
      const lines: string[] = [];
      current = startChild([JUCHU_BIN, 'sync', '--once', '--shop', shopCode, '--json'], env, (line) => lines.push(line));
      const code = await current.exited;
      if (stopping) break;
      totals.cycles++;
      if (code === 0) totals.imported += importedCount(lines.join('\n'));
      else totals.errors.push(`exit ${code}: ${(current.stderr() || lines.join(' ')).trim().split('\n')[0] ?? ''}`);
    }
  })();
  return {
    stop: async () => {
      stopping = true;
      await current?.stop();
      await running;
      return totals;
    },
  };
}

/** The `imported` figure of `juchu sync --once --json`, wherever the summary puts it. */
function importedCount(stdout: string): number {
  try {
    const summary = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { imported?: number; shops?: { imported?: number }[] };
    return summary.imported ?? (summary.shops ?? []).reduce((sum, s) => sum + (s.imported ?? 0), 0);
  } catch {
    return 0;
  }
}
