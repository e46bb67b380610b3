/**
 * Crash test (issue 6): a large import plus queued confirmations, edits and shipping reports
 * against the RMS sandbox running as its own process, while the sync worker process is killed
 * with SIGKILL at random moments and restarted each time. At the end:
 *   - every RMS order is in juchu exactly once;
 *   - every operation juchu applied reached RMS exactly once, per the sandbox ledger;
 *   - juchu's state equals RMS's;
 *   - the database integrity check is clean and every status change followed the table.
 *
 *   npm run test:crash                      full size (50 kills, 2,000 orders)
 *   node --import tsx scripts/crash-test.ts --kills 5 --orders 200
 * The database is a fresh SQLite file, or PostgreSQL when JUCHU_TEST_DATABASE_URL is set.
 * CI runs it at reduced size from test/reliability/crash.test.ts.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createApp } from '../src/composition/compose.ts';
import { DomainError } from '../src/domain/errors.ts';
import { RemoteClock } from '../src/ports/clock.ts';
import { randomIds } from '../src/ports/ids.ts';
import { argon2idHasher } from '../src/ports/password-hasher.ts';
import { createSecretBox } from '../src/ports/secret-box.ts';
import { migrate, openDatabase } from '../src/store/database.ts';
import type { Database } from '../src/store/database.ts';
import { spawnTs, watchLines } from '../test/reliability/support/child.ts';
import { integrityProblems } from '../test/reliability/support/database-probe.ts';
import { seeded, sleep, runWhenStarted } from './support/kill-script.ts';
import { effectReport, remoteView, stateMismatches, undelivered } from '../test/reliability/support/exactly-once.ts';
import { illegalTransitions } from '../test/reliability/support/transition-audit.ts';
import { createTestDatabaseUrl } from '../test/support/database.ts';
import { SYSTEM_CALLER } from '../src/app/caller.ts';

export interface CrashTestOptions {
  readonly kills: number;
  readonly orders: number;
  /** Longest wait between a worker's start and its SIGKILL. */
  readonly maxLifeMs: number;
  readonly seed: number;
  readonly log: (line: string) => void;
}

export interface CrashReport {
  readonly engine: string;
  readonly kills: number;
  readonly rmsOrders: number;
  readonly localOrders: number;
  readonly staffActions: number;
  readonly staffRefusals: number;
  readonly operationsApplied: number;
  readonly rmsStateChanges: number;
  readonly rmsCalls: number;
  readonly seconds: number;
  /** Every discrepancy found; empty means lost 0, duplicated 0. */
  readonly problems: readonly string[];
}

const ROOT = join(import.meta.dirname, '..');
const WORKER = join(ROOT, 'test/reliability/support/worker-child.ts');
const SECRET = 'crash-test-secret-0123456789abcdef';
const STAFF = { kind: 'user' as const, userId: 'crash-test', name: 'クラッシュテスト' };
const SHOP = 'crash';

export async function runCrashTest(opts: CrashTestOptions): Promise<CrashReport> {
  const started = Date.now();
  const random = seeded(opts.seed);
  const { url: databaseUrl, drop } = await createTestDatabaseUrl();
  const sandbox = await startSandboxProcess(opts.seed);
  let db: Database | null = null;
  try {
    const control = controlApi(sandbox.url);
    const rmsShop = await control<{ serviceSecret: string; licenses: { licenseKey: string }[] }>('POST', '/sandbox/shops', { name: 'クラッシュテスト店' });
    const licenseKey = rmsShop.licenses[0]!.licenseKey;
    const orderNumbers: string[] = [];
    for (let left = opts.orders; left > 0; left -= 5000) {
      const batch = await control<{ orderNumbers: string[] }>('POST', '/sandbox/orders', { licenseKey, count: Math.min(left, 5000), scenario: 'mixed', spreadDays: 3, seed: opts.seed });
      orderNumbers.push(...batch.orderNumbers);
    }
    opts.log(`sandbox ${sandbox.url}: ${orderNumbers.length} orders; database ${databaseUrl.startsWith('file:') ? 'SQLite' : 'PostgreSQL'}`);

    db = await openDatabase(databaseUrl, { maxConnections: 4 });
    await migrate(db);
    const clockUrl = `${sandbox.url}/sandbox/clock`;
    const clock = await RemoteClock.connect(clockUrl);
    const box = createSecretBox(SECRET);
    const app = createApp(db, { clock, ids: randomIds, hasher: argon2idHasher, secrets: () => box });
    await app.shops.add({ code: SHOP, name: 'クラッシュテスト店', serviceSecret: rmsShop.serviceSecret, licenseKey, rmsUrl: sandbox.url, rateLimitPerSecond: 0 }, STAFF);

    const env = { JUCHU_DATABASE_URL: databaseUrl, JUCHU_SECRET: SECRET, JUCHU_CLOCK_URL: clockUrl };
    const staff = { actions: 0, refusals: 0 };
    for (let kill = 1; kill <= opts.kills; kill++) {
      const worker = spawnTs(WORKER, ['loop'], env);
      // Odd kills land anywhere from the start (often mid-import); even ones after the first
      // cycle, while queued staff work is being delivered.
      const start = waitForLine(worker, kill % 2 === 1 ? 'ready' : 'cycle ');
      const exit = watchLines(worker, (line) => start.see(line));
      await start.promise;
      // Staff keep working while the worker runs; the kill lands wherever the worker is.
      const life = Math.floor(random() * opts.maxLifeMs);
      const work = staffWork(app, clock, random, staff);
      await sleep(life);
      worker.kill('SIGKILL');
      const { signal, stderr } = await exit;
      await work;
      if (signal !== 'SIGKILL') throw new Error(`worker ended by itself before kill ${kill}: ${stderr.slice(0, 500)}`);
      // Rakuten moves on meanwhile: payments are processed, shipping batches run.
      if (kill % 3 === 0) await control('POST', '/sandbox/clock', { advanceSeconds: 15 * 60 });
      opts.log(`kill ${kill}/${opts.kills} after ${life} ms; staff actions so far ${staff.actions}`);
    }

    // After the last kill: let a worker finish everything, ship what became ready, finish again.
    await drain(env, opts.log);
    await control('POST', '/sandbox/clock', { advanceSeconds: 30 * 60 });
    await clock.refresh();
    await shipReadyOrders(app, staff);
    await drain(env, opts.log);

    const rms = await remoteView(sandbox.url, orderNumbers);
    const effects = await effectReport(db, rms);
    const problems = [
      ...(await undelivered(db)).map((op) => `operation not delivered: ${JSON.stringify(op)}`),
      ...effects.problems,
      ...(await stateMismatches(db, rms)),
      ...(await integrityProblems(db)),
      ...(await illegalTransitions(db)),
    ];
    const local = await db.kysely.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return {
      engine: db.dialect,
      kills: opts.kills,
      rmsOrders: orderNumbers.length,
      localOrders: Number(local.n),
      staffActions: staff.actions,
      staffRefusals: staff.refusals,
      operationsApplied: effects.applied,
      rmsStateChanges: effects.rmsEffects,
      rmsCalls: rms.ledger.length,
      seconds: Math.round((Date.now() - started) / 1000),
      problems,
    };
  } finally {
    await db?.close();
    sandbox.process.kill('SIGTERM');
    await drop();
  }
}

/** A few staff actions of every kind that reaches RMS, on whatever orders are in the right status now. */
async function staffWork(app: ReturnType<typeof createApp>, clock: RemoteClock, random: () => number, staff: { actions: number; refusals: number }): Promise<void> {
  await clock.refresh();
  const act = async (run: () => Promise<unknown>) => {
    try {
      await run();
      staff.actions++;
    } catch (err) {
      // The worker changed the order meanwhile (VERSION_CONFLICT) or moved it on: staff would reload.
      if (!(err instanceof DomainError)) throw err;
      staff.refusals++;
    }
  };
  const awaiting = await app.orders.list(SYSTEM_CALLER, { statuses: ['awaiting_confirmation'] }, { limit: 12 });
  for (const order of awaiting.items) {
    const pick = random();
    if (pick < 0.3) {
      await act(() => app.orders.edit(SYSTEM_CALLER, order.orderNumber, order.version, { deliveryDate: '2026-12-24', shippingTerm: 1416 }, STAFF));
    } else if (pick < 0.45 && order.packages[0]!.postagePrice.kind === 'undetermined') {
      await act(() => app.orders.edit(SYSTEM_CALLER, order.orderNumber, order.version, { packages: [{ basketId: order.packages[0]!.basketId, postagePrice: 700 }] }, STAFF));
    } else {
      await act(() => app.orders.confirm(SYSTEM_CALLER, order.orderNumber, order.version, STAFF));
    }
  }
  await shipReadyOrders(app, staff, 8);
}

async function shipReadyOrders(app: ReturnType<typeof createApp>, staff: { actions: number; refusals: number }, limit = 200): Promise<void> {
  const ready = await app.orders.list(SYSTEM_CALLER, { statuses: ['new'] }, { limit });
  for (const order of ready.items) {
    for (const pkg of order.packages) {
      try {
        await app.orders.registerShipment(SYSTEM_CALLER, order.orderNumber, undefined, { basketId: pkg.basketId, deliveryCompany: '1001', shippingNumber: `${pkg.basketId}`.padStart(12, '0'), shippingDate: '2026-11-03' }, STAFF);
        staff.actions++;
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        staff.refusals++;
      }
    }
  }
}

async function drain(env: Record<string, string>, log: (line: string) => void): Promise<void> {
  const worker = spawnTs(WORKER, ['drain'], env);
  const { code, stderr } = await watchLines(worker, (line) => log(`  drain: ${line}`));
  if (code !== 0) throw new Error(`the final worker failed (exit ${code}): ${stderr.slice(0, 1000)}`);
}

export async function startSandboxProcess(seed: number): Promise<{ url: string; process: ChildProcess }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/juchu.js'), 'sandbox', '--port', '0', '--smtp-port', '0', '--orders', '0', '--seed', String(seed)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const listening = waitForLine(child, 'RMS sandbox listening on ');
  void watchLines(child, (line) => listening.see(line));
  const line = await listening.promise;
  return { url: line.slice('RMS sandbox listening on '.length).trim(), process: child };
}

export function waitForLine(child: ChildProcess, prefix: string): { promise: Promise<string>; see(line: string): void } {
  let resolve!: (line: string) => void;
  let reject!: (err: Error) => void;
  const promise = new Promise<string>((res, rej) => ((resolve = res), (reject = rej)));
  child.once('exit', (code) => reject(new Error(`process exited (${code}) before printing "${prefix}"`)));
  return { promise, see: (line) => line.startsWith(prefix) && resolve(line) };
}

export function controlApi(base: string) {
  return async <T = unknown>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(base + path, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
    return JSON.parse(text) as T;
  };
}

await runWhenStarted(import.meta.url, { kills: 50, orders: 2000, 'max-life-ms': 4000 }, (o) =>
  runCrashTest({ kills: o.kills, orders: o.orders, maxLifeMs: o['max-life-ms'], seed: o.seed, log: (line) => console.error(line) }),
);
