/**
 * Sync throughput with 1, 2 and 3 `juchu worker` processes (the real CLI) on one PostgreSQL:
 * orders imported per second from an in-process sandbox whose every answer takes as long as a
 * round trip to Rakuten, so that a worker spends most of its time waiting on RMS. Then the same
 * with Rakuten's 1 request/s on fewer shops than workers, where the rate limit binds and more
 * workers cannot help. Run alone with `npm run bench -- --only scale-out`.
 */
import { Store } from '../src/store/store.ts';
import { cpus } from 'node:os';
import { ShopService } from '../src/app/shop-service.ts';
import { createSecretBox } from '../src/ports/secret-box.ts';
import { startSandbox, type RunningSandbox } from '../src/sandbox/index.ts';
import { migrate, openDatabase, type Database } from '../src/store/database.ts';
import { postgresDatabases } from './import-sections.ts';
import { cpuSecondsOf, postgresBackendCpu } from './process-cpu.ts';
import { JUCHU_BIN, startChild, type Child } from './processes.ts';
import type { Row, Section } from './report.ts';
import type { BenchSizes } from './run.ts';
import { BENCH_SECRET } from './seed-database.ts';

const WORKER_COUNTS = [1, 2, 3];
/** Rakuten's guideline rate, on fewer shops than workers: the third worker finds nothing to do. */
const LIMITED_SHOPS = 2;
const LIMITED_RATE_PER_SECOND = 1;
/** `juchu worker --interval`: the shortest whole-second pause, so an idle worker notices new shops soon. */
const WORKER_INTERVAL_SECONDS = 1;
const POLL_MS = 50;
const RUN_TIMEOUT_MS = 180_000;
const SANDBOX_START = new Date('2026-05-11T01:00:00Z');

interface ScaleOutRun {
  readonly workers: number;
  readonly shops: number;
  readonly ordersPerShop: number;
  readonly latencyMs: number;
  readonly rateLimitPerSecond: number;
}

interface ScaleOutResult {
  readonly run: ScaleOutRun;
  /** From the first RMS call to the moment every order was stored. */
  readonly seconds: number;
  readonly ordersPerSecond: number;
  /** RMS calls (sandbox ledger) until every order was stored. */
  readonly rmsCalls: number;
  /** CPU seconds spent meanwhile by the workers, by PostgreSQL for them, and by the sandbox (in this process). */
  readonly cpu: { readonly workers: number; readonly postgres: number; readonly sandbox: number };
}

export async function scaleOutSections(sizes: BenchSizes, pgUrl: string): Promise<Section[]> {
  const free = { shops: sizes.scaleOutShops, ordersPerShop: Math.ceil(sizes.scaleOutOrders / sizes.scaleOutShops), latencyMs: sizes.scaleOutLatencyMs, rateLimitPerSecond: 0 };
  const limited = { shops: LIMITED_SHOPS, ordersPerShop: Math.ceil(sizes.scaleOutLimitedOrders / LIMITED_SHOPS), latencyMs: sizes.scaleOutLatencyMs, rateLimitPerSecond: LIMITED_RATE_PER_SECOND };
  const freeResults: ScaleOutResult[] = [];
  for (const workers of WORKER_COUNTS) freeResults.push(await measureWorkers({ ...free, workers }, pgUrl));
  const limitedResults: ScaleOutResult[] = [];
  for (const workers of WORKER_COUNTS) limitedResults.push(await measureWorkers({ ...limited, workers }, pgUrl));
  return [speedupSection(freeResults), plateauSection(limitedResults)];
}

/** One measurement: a fresh database and sandbox, `workers` processes started idle, then the shops registered at once. */
async function measureWorkers(run: ScaleOutRun, pgUrl: string): Promise<ScaleOutResult> {
  process.stderr.write(`bench: scale-out ${run.workers} worker(s), ${run.shops} shops × ${run.ordersPerShop} orders, rate ${run.rateLimitPerSecond || 'unlimited'}\n`);
  const databases = postgresDatabases(pgUrl);
  const sandbox = await startSandbox({ port: 0, seed: 7, clock: 'frozen', startAt: SANDBOX_START });
  const workers: Child[] = [];
  try {
    const databaseUrl = await databases.fresh();
    const db = await openDatabase(databaseUrl, { maxConnections: 2 });
    try {
      await migrate(db);
      sandbox.sandbox.updateFaults({ latencyMs: run.latencyMs });
      const rmsShops = Array.from({ length: run.shops }, () => sandbox.createShop({}));
      for (const shop of rmsShops) sandbox.generateOrders({ shopId: shop.shopId, count: run.ordersPerShop, scenario: 'card_ok' });
      const env = { JUCHU_DATABASE_URL: databaseUrl, JUCHU_SECRET: BENCH_SECRET, JUCHU_CLOCK_URL: `${sandbox.url}/sandbox/clock`, JUCHU_LOG_LEVEL: 'warn' };
      for (let i = 0; i < run.workers; i++) workers.push(startChild([JUCHU_BIN, 'worker', '--interval', String(WORKER_INTERVAL_SECONDS)], env));
      // Every worker has started and run an (empty) cycle: process start-up is not measured.
      await waitFor('the workers to start', workers, async () => (await workersThatRan(db)) === run.workers);

      const before = await cpuSnapshot(db, workers);
      await registerShops(db, sandbox, rmsShops, run.rateLimitPerSecond);
      const total = run.shops * run.ordersPerShop;
      await waitFor(`${total} orders to be imported`, workers, async () => (await countOrders(db)) >= total);
      const storedMs = Date.now();
      const after = await cpuSnapshot(db, workers);
      const calls = sandbox.sandbox.ledger().map((e) => Date.parse(e.receivedAt)).filter((at) => at <= storedMs);
      const seconds = (storedMs - Math.min(...calls)) / 1000;
      return { run, seconds, ordersPerSecond: total / seconds, rmsCalls: calls.length, cpu: cpuSpent(before, after) };
    } finally {
      // Killed, not drained: a worker may have begun another cycle over every shop, and the database goes anyway.
      for (const w of workers) w.process.kill('SIGKILL');
      await Promise.all(workers.map((w) => w.exited));
      await db.close();
    }
  } finally {
    await databases.drop();
    await sandbox.close();
  }
}

/**
 * Every shop in one transaction: a worker that saw only some of them would sync those, then
 * pause a whole interval before seeing the rest.
 */
async function registerShops(db: Database, sandbox: RunningSandbox, rmsShops: ReturnType<RunningSandbox['createShop']>[], rateLimitPerSecond: number): Promise<void> {
  await Store.open(db).transaction(async (tx) => {
    const shops = new ShopService({ store: tx, clock: sandbox.clock, secrets: () => createSecretBox(BENCH_SECRET) });
    for (const [k, rms] of rmsShops.entries()) {
      await shops.add(
        { code: `scale${String(k).padStart(2, '0')}`, name: `スケール店 ${k}`, serviceSecret: rms.serviceSecret, licenseKey: rms.licenses[0]!.licenseKey, rmsUrl: sandbox.url, rateLimitPerSecond },
        { kind: 'system', name: 'bench' },
      );
    }
  });
}

/** Polls `check`; gives up when a worker dies (with its stderr) or after RUN_TIMEOUT_MS. */
async function waitFor(what: string, workers: readonly Child[], check: () => Promise<boolean>): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    const dead = workers.find((w) => w.process.exitCode !== null);
    if (dead) throw new Error(`a worker exited while waiting for ${what}: ${dead.stderr()}`);
    if (Date.now() - started > RUN_TIMEOUT_MS) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

async function workersThatRan(db: Database): Promise<number> {
  const row = await db.kysely.selectFrom('sync_runs').select((eb) => eb.fn.count<number>('worker_id').distinct().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function countOrders(db: Database): Promise<number> {
  const row = await db.kysely.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

interface CpuSnapshot {
  readonly workers: number;
  readonly postgres: Map<number, number>;
  readonly sandbox: NodeJS.CpuUsage;
}

async function cpuSnapshot(db: Database, workers: readonly Child[]): Promise<CpuSnapshot> {
  const workerSeconds = workers.reduce((sum, w) => sum + cpuSecondsOf(w.process.pid), 0);
  return { workers: workerSeconds, postgres: await postgresBackendCpu(db), sandbox: process.cpuUsage() };
}

function cpuSpent(before: CpuSnapshot, after: CpuSnapshot): ScaleOutResult['cpu'] {
  // A backend opened meanwhile started from nothing.
  const postgres = [...after.postgres].reduce((sum, [pid, seconds]) => sum + seconds - (before.postgres.get(pid) ?? 0), 0);
  const sandbox = process.cpuUsage(before.sandbox);
  return { workers: after.workers - before.workers, postgres, sandbox: (sandbox.user + sandbox.system) / 1e6 };
}

/**
 * The fastest a shop's import can go at `perSecond`: its license look-up, searchOrder pages
 * and one getOrder per 100 orders, the first call at once and each further one a slot later.
 */
function apiBoundSeconds(ordersPerShop: number, perSecond: number): number {
  const calls = 1 + Math.ceil(ordersPerShop / 1000) + Math.ceil(ordersPerShop / 100);
  return (calls - 1) / perSecond;
}

function measured(r: ScaleOutResult): string {
  const { workers, postgres, sandbox } = r.cpu;
  const cores = (workers + postgres + sandbox) / r.seconds;
  return (
    `${r.ordersPerSecond.toFixed(0)} orders/s (${r.seconds.toFixed(1)} s, ${r.rmsCalls} calls; ` +
    `CPU s workers ${workers.toFixed(1)} + PostgreSQL ${postgres.toFixed(1)} + sandbox ${sandbox.toFixed(1)} = ${cores.toFixed(2)} cores)`
  );
}

function workersLabel(n: number): string {
  return `${n} worker${n === 1 ? '' : 's'}`;
}

function speedupSection(results: readonly ScaleOutResult[]): Section {
  const one = results[0]!;
  const { shops, ordersPerShop, latencyMs } = one.run;
  const waiting = (one.rmsCalls * latencyMs) / 1000 / one.seconds;
  const cores = cpus().length;
  return {
    title: `Sync throughput with 1–3 workers (PostgreSQL, ${shops} shops × ${ordersPerShop} orders, RMS answers in ${latencyMs} ms, no rate limit)`,
    note:
      `Each worker a \`juchu worker --interval ${WORKER_INTERVAL_SECONDS}\` process, started and idle before the shops are registered (in one transaction); time from the first RMS call to the last order stored. ` +
      `One worker spends ${(waiting * 100).toFixed(0)}% of that time waiting on RMS (calls × latency). Workers overlap those waits, so throughput grows with them as long as CPU is free: ` +
      `the rest is CPU — the workers', PostgreSQL's and the sandbox's — on ${cores} cores shared with whatever else runs (see the load average at the top); "cores" is how much of the machine the run got. ` +
      `Two things keep a short run under linear besides CPU: the workers wake from their ${WORKER_INTERVAL_SECONDS}-second pause at different moments, and the last shops leave the others idle. ` +
      `Extra calls beyond one worker's are shops synced again by a worker that began its next cycle before the last shop was done.`,
    rows: results.map((r) => ({
      name: workersLabel(r.run.workers),
      value: measured(r),
      baseline: r === one ? '' : `${one.ordersPerSecond.toFixed(0)} orders/s with 1 worker`,
      ratio: r === one ? '' : `× ${(r.ordersPerSecond / one.ordersPerSecond).toFixed(2)} speedup`,
      target: '',
      met: null,
    })),
  };
}

function plateauSection(results: readonly ScaleOutResult[]): Section {
  const { shops, ordersPerShop, rateLimitPerSecond } = results[0]!.run;
  const boundFor = (workers: number) => (shops * ordersPerShop) / (Math.ceil(shops / Math.min(workers, shops)) * apiBoundSeconds(ordersPerShop, rateLimitPerSecond));
  return {
    title: `Sync throughput under Rakuten's rate limit (${shops} shops × ${ordersPerShop} orders, ${rateLimitPerSecond} request/s per license)`,
    note:
      `A shop is synced by one worker at a time and never faster than its license's rate, so workers beyond the number of shops add nothing: the API-bound rate (each shop's import at ${rateLimitPerSecond} request/s, shops side by side as far as there are workers) is the ceiling. ` +
      `A run stays below it when storing a getOrder's 100 orders takes longer than the rest of that call's slot, as on a busy machine: the next call then waits for the worker, not for the limit.`,
    rows: results.map((r): Row => ({
      name: workersLabel(r.run.workers),
      value: measured(r),
      baseline: `${boundFor(r.run.workers).toFixed(0)} orders/s API-bound`,
      ratio: `${((r.ordersPerSecond / boundFor(r.run.workers)) * 100).toFixed(0)}% of the bound`,
      target: '',
      met: null,
    })),
  };
}
