/**
 * Recovery test (issue 14): how long a restarted `juchu serve` takes to finish the RMS work of
 * the process that was killed before it. A shop whose RMS confirms orders itself has orders
 * in 新規受付; staff register a shipping report for every one; the sandbox drops a share of its
 * answers after applying the write; `juchu serve` — as shipped, with its default lease, retry
 * delays and worker interval — is SIGKILLed at random moments and started again each time,
 * the first kill while operations are in flight. Measured from the last start: the moment
 * every operation has reached RMS (or been verified there). Then every report must be in RMS
 * exactly once: one shipping row with its tracking number per order.
 *
 *   node --import tsx scripts/recovery-test.ts                       the issue's size: 12 kills, 200 orders
 *   node --import tsx scripts/recovery-test.ts --kills 2 --orders 50 --seed 7
 * The database is a fresh SQLite file, or PostgreSQL when JUCHU_TEST_DATABASE_URL is set.
 * CI runs it at reduced size from test/reliability/recovery.crash.test.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createApp } from '../src/composition/compose.ts';
import { RemoteClock } from '../src/ports/clock.ts';
import { randomIds } from '../src/ports/ids.ts';
import { argon2idHasher } from '../src/ports/password-hasher.ts';
import { createSecretBox } from '../src/ports/secret-box.ts';
import { migrate, openDatabase, type Database } from '../src/store/database.ts';
import { spawnTs, watchLines } from '../test/reliability/support/child.ts';
import { integrityProblems } from '../test/reliability/support/database-probe.ts';
import { undelivered } from '../test/reliability/support/exactly-once.ts';
import { createTestDatabaseUrl } from '../test/support/database.ts';
import { controlApi, startSandboxProcess } from './crash-test.ts';
import { runWhenStarted, seeded, sleep } from './support/kill-script.ts';
import { SYSTEM_CALLER } from '../src/app/caller.ts';

export interface RecoveryTestOptions {
  readonly kills: number;
  readonly orders: number;
  /** Share of writes the sandbox applies and then leaves unanswered. */
  readonly dropRate: number;
  /** A killed process lives between these (after the first kill, which waits for work in flight). */
  readonly minLifeMs: number;
  readonly maxLifeMs: number;
  /** Give up waiting for the recovery after this long. */
  readonly patienceMs: number;
  readonly seed: number;
  readonly log: (line: string) => void;
}

export interface RecoveryReport {
  readonly engine: string;
  readonly kills: number;
  readonly orders: number;
  /** Operations not yet delivered when the last process started. */
  readonly pendingAtLastStart: number;
  /** From the last start until nothing was left to deliver; null when it did not happen within the patience. */
  readonly recoveryMs: number | null;
  readonly droppedAnswers: number;
  readonly rmsCalls: number;
  /** Every discrepancy found; empty means lost 0, duplicated 0. */
  readonly problems: readonly string[];
}

const ROOT = join(import.meta.dirname, '..');
const JUCHU = join(ROOT, 'bin/juchu.js');
const WORKER = join(ROOT, 'test/reliability/support/worker-child.ts');
const SECRET = 'recovery-test-secret-0123456789ab';
const STAFF = { kind: 'user' as const, userId: 'recovery-test', name: 'リカバリーテスト' };
const SHOP = 'recovery';

interface LedgerEntry {
  readonly operation: string;
  readonly fault: string | null;
}

export async function runRecoveryTest(opts: RecoveryTestOptions): Promise<RecoveryReport> {
  const random = seeded(opts.seed);
  const { url: databaseUrl, drop } = await createTestDatabaseUrl();
  const sandbox = await startSandboxProcess(opts.seed);
  let db: Database | null = null;
  let serve: ChildProcess | null = null;
  try {
    const control = controlApi(sandbox.url);
    // RMS confirms this shop's orders itself; after payment processing they are 新規受付 (300).
    const rmsShop = await control<{ serviceSecret: string; licenses: { licenseKey: string }[] }>('POST', '/sandbox/shops', { name: 'リカバリーテスト店', autoConfirm: true });
    const licenseKey = rmsShop.licenses[0]!.licenseKey;
    const { orderNumbers } = await control<{ orderNumbers: string[] }>('POST', '/sandbox/orders', { licenseKey, count: opts.orders, scenario: 'card_ok', seed: opts.seed });
    await control('POST', '/sandbox/clock', { advanceSeconds: 30 * 60 });

    db = await openDatabase(databaseUrl, { maxConnections: 4 });
    await migrate(db);
    const clockUrl = `${sandbox.url}/sandbox/clock`;
    const clock = await RemoteClock.connect(clockUrl);
    const box = createSecretBox(SECRET);
    const app = createApp(db, { clock, ids: randomIds, hasher: argon2idHasher, secrets: () => box });
    // The shop's RMS rate as registered by default (1 request a second).
    await app.shops.add({ code: SHOP, name: 'リカバリーテスト店', serviceSecret: rmsShop.serviceSecret, licenseKey, rmsUrl: sandbox.url }, STAFF);
    const env = { JUCHU_DATABASE_URL: databaseUrl, JUCHU_SECRET: SECRET, JUCHU_CLOCK_URL: clockUrl };
    await importAll(env, opts.log);
    const ready = await app.orders.list(SYSTEM_CALLER, { statuses: ['new'] }, { limit: opts.orders });
    if (ready.items.length !== opts.orders) throw new Error(`only ${ready.items.length} of ${opts.orders} orders reached 新規受付`);
    for (const order of ready.items) {
      await app.orders.registerShipment(
        SYSTEM_CALLER,
        order.orderNumber,
        order.version,
        { basketId: order.packages[0]!.basketId, deliveryCompany: '1001', shippingNumber: trackingNumber(order.orderNumber), shippingDate: '2026-11-03' },
        STAFF,
      );
    }
    const faultsFrom = (await ledger(sandbox.url)).length;
    await control('PUT', '/sandbox/faults', { dropAfterApplyRate: opts.dropRate, seed: opts.seed });
    opts.log(`sandbox ${sandbox.url}: ${opts.orders} shipping reports queued; database ${db.dialect}`);

    const serveEnv = { ...env, JUCHU_PORT: String(await freePort()), JUCHU_LOG_LEVEL: 'error' };
    for (let kill = 1; kill <= opts.kills; kill++) {
      serve = startServe(serveEnv);
      const started = Date.now();
      // The first kill lands while operations are on their way to RMS; the others anywhere.
      if (kill === 1) await waitFor(async () => (await inFlight(db!)) > 0, 60_000, 'operations in flight');
      else await sleep(opts.minLifeMs + Math.floor(random() * (opts.maxLifeMs - opts.minLifeMs)));
      serve.kill('SIGKILL');
      await exited(serve);
      opts.log(`kill ${kill}/${opts.kills} after ${Date.now() - started} ms; ${(await undelivered(db)).length} operations undelivered`);
    }

    serve = startServe(serveEnv);
    const lastStart = Date.now();
    const pendingAtLastStart = (await undelivered(db)).length;
    let recoveryMs: number | null = null;
    while (Date.now() - lastStart < opts.patienceMs) {
      if ((await undelivered(db)).length === 0) {
        recoveryMs = Date.now() - lastStart;
        break;
      }
      await sleep(250);
    }
    opts.log(`after the last start: ${pendingAtLastStart} undelivered; all delivered after ${recoveryMs ?? `more than ${opts.patienceMs}`} ms`);
    serve.kill('SIGTERM');
    await exited(serve);
    serve = null;

    const problems = [
      ...(await undelivered(db)).map((op) => `operation not delivered: ${JSON.stringify(op)}`),
      ...(await failed(db)),
      ...(await shippingRowProblems(sandbox.url, orderNumbers)),
      ...(await integrityProblems(db)),
    ];
    if (recoveryMs === null) problems.push(`not recovered within ${opts.patienceMs} ms of the last start`);
    const entries = (await ledger(sandbox.url)).slice(faultsFrom);
    return {
      engine: db.dialect,
      kills: opts.kills,
      orders: opts.orders,
      pendingAtLastStart,
      recoveryMs,
      droppedAnswers: entries.filter((e) => e.fault === 'dropped').length,
      rmsCalls: entries.length,
      problems,
    };
  } finally {
    if (serve) {
      serve.kill('SIGKILL');
      await exited(serve);
    }
    await db?.close();
    sandbox.process.kill('SIGTERM');
    await drop();
  }
}

function trackingNumber(orderNumber: string): string {
  return `7${orderNumber.replace(/\D/g, '').slice(-11)}`;
}

/** `juchu serve` as an operator runs it: the API and the sync worker, default settings. */
function startServe(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [JUCHU, 'serve'], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Imports the orders with a short-lived worker (setup, not under test). */
async function importAll(env: Record<string, string>, log: (line: string) => void): Promise<void> {
  const worker = spawnTs(WORKER, ['drain'], env);
  const { code, stderr } = await watchLines(worker, (line) => log(`  import: ${line}`));
  if (code !== 0) throw new Error(`the import failed (exit ${code}): ${stderr.slice(0, 1000)}`);
}

async function inFlight(db: Database): Promise<number> {
  const row = await db.kysely.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('state', '=', 'in_flight').executeTakeFirstOrThrow();
  return Number(row.n);
}

async function failed(db: Database): Promise<string[]> {
  const rows = await db.kysely.selectFrom('outbox').select(['order_number', 'rms_message']).where('state', '=', 'failed').execute();
  return rows.map((r) => `${r.order_number}: refused by RMS: ${r.rms_message}`);
}

/** Each order holds its tracking number in exactly one shipping row: the report is neither lost nor doubled. */
async function shippingRowProblems(sandboxUrl: string, orderNumbers: readonly string[]): Promise<string[]> {
  const problems: string[] = [];
  for (const n of orderNumbers) {
    const res = await fetch(`${sandboxUrl}/sandbox/orders/${n}`);
    const model = (await res.json()) as { PackageModelList: { ShippingModelList: { shippingNumber: string | null }[] }[] };
    const rows = model.PackageModelList.flatMap((p) => p.ShippingModelList).filter((s) => s.shippingNumber === trackingNumber(n));
    if (rows.length !== 1) problems.push(`${n}: ${rows.length} shipping rows with its tracking number in RMS`);
  }
  return problems;
}

async function ledger(sandboxUrl: string): Promise<LedgerEntry[]> {
  const res = await fetch(`${sandboxUrl}/sandbox/ledger`);
  return ((await res.json()) as { entries: LedgerEntry[] }).entries;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

await runWhenStarted(import.meta.url, { kills: 12, orders: 200, 'drop-rate': 0.3 }, (o) =>
  runRecoveryTest({ kills: o.kills, orders: o.orders, dropRate: o['drop-rate'], minLifeMs: 1_000, maxLifeMs: 8_000, patienceMs: 300_000, seed: o.seed, log: (line) => console.error(line) }),
);
