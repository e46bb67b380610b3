import { readFileSync } from 'node:fs';
import { openDatabase } from '../src/store/database.ts';
import { JUCHU_BIN, runChild, startChild, startSandboxProcess } from './processes.ts';
import { BENCH_SECRET } from './seed-database.ts';

export interface ImportProcessOptions {
  readonly databaseUrl: string;
  readonly orders: number;
  /** The shop's RMS requests per second (0 = unlimited). */
  readonly rateLimitPerSecond: number;
  /** When the orders were placed; default: evenly over the last day. */
  readonly placement?: OrderPlacement;
}

/** Orders placed over the last `spreadDays`, evenly or as a shop's day goes (sandbox/order-times.ts). */
export interface OrderPlacement {
  readonly spreadDays: number;
  readonly shape: 'even' | 'daytime';
}

export interface ImportProcessResult {
  readonly orders: number;
  /** Wall time of `juchu import`, from spawn to exit (includes Node's start-up). */
  readonly seconds: number;
  readonly ordersPerSecond: number;
  /** The import process's peak resident set (VmHWM), in MiB. */
  readonly peakRssMiB: number;
  /** From the sandbox's ledger: every call the import made. */
  readonly calls: { readonly getOrder: number; readonly searchOrder: number; readonly other: number };
  /** ceil(N/100) getOrder + ceil(N/1000) searchOrder. */
  readonly minimumCalls: number;
  /** Orders in the database afterwards (should equal `orders`). */
  readonly stored: number;
}

const SHOP = 'benchimport';
const POLL_MS = 100;

/**
 * One `juchu import --since` in a process of its own, from a sandbox process holding `orders`
 * orders placed within the last day, into a fresh database. The import process is the worker
 * code path exactly as operators run it; its peak RSS comes from /proc, polled while it runs.
 */
export async function runImportProcess(options: ImportProcessOptions): Promise<ImportProcessResult> {
  const sandbox = await startSandboxProcess(options.placement ? 0 : options.orders);
  const env = { JUCHU_DATABASE_URL: options.databaseUrl, JUCHU_SECRET: BENCH_SECRET, JUCHU_LOG_LEVEL: 'error' };
  try {
    if (options.placement) await placeOrders(sandbox, options.orders, options.placement);
    await must([JUCHU_BIN, 'migrate'], env);
    await must(
      [JUCHU_BIN, 'shop', 'add', '--code', SHOP, '--name', 'ベンチ取込店', '--service-secret', sandbox.serviceSecret, '--license-key', sandbox.licenseKey,
        '--rms-url', sandbox.url, '--rate-limit', String(options.rateLimitPerSecond)],
      env,
    );
    const since = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    const started = performance.now();
    const child = startChild([JUCHU_BIN, 'import', '--since', since, '--shop', SHOP], env);
    let peakKiB = 0;
    const poll = setInterval(() => (peakKiB = Math.max(peakKiB, highWaterMarkKiB(child.process.pid))), POLL_MS);
    const code = await child.exited;
    clearInterval(poll);
    const seconds = (performance.now() - started) / 1000;
    if (code !== 0) throw new Error(`juchu import exited with ${code}: ${child.stderr()}`);
    const calls = await ledgerCounts(sandbox.url);
    return {
      orders: options.orders,
      seconds,
      ordersPerSecond: options.orders / seconds,
      peakRssMiB: peakKiB / 1024,
      calls,
      minimumCalls: Math.ceil(options.orders / 100) + Math.ceil(options.orders / 1000),
      stored: await storedOrders(env),
    };
  } finally {
    await sandbox.child.stop();
  }
}

async function placeOrders(sandbox: { url: string; licenseKey: string }, count: number, placement: OrderPlacement): Promise<void> {
  const res = await fetch(`${sandbox.url}/sandbox/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ licenseKey: sandbox.licenseKey, count, scenario: 'mixed', ...placement }),
  });
  if (!res.ok) throw new Error(`POST /sandbox/orders answered ${res.status}: ${await res.text()}`);
}

async function must(args: readonly string[], env: Record<string, string>): Promise<string> {
  const { code, stdout, stderr } = await runChild(args, env);
  if (code !== 0) throw new Error(`${args.slice(1).join(' ')} exited with ${code}: ${stderr || stdout}`);
  return stdout;
}

/** VmHWM of a live process; 0 once it is gone (the last poll before exit has the figure). */
function highWaterMarkKiB(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

async function ledgerCounts(sandboxUrl: string): Promise<ImportProcessResult['calls']> {
  const res = await fetch(`${sandboxUrl}/sandbox/ledger`);
  const { entries } = (await res.json()) as { entries: { operation: string }[] };
  const count = (op: string) => entries.filter((e) => e.operation === op).length;
  return { getOrder: count('getOrder'), searchOrder: count('searchOrder'), other: entries.length - count('getOrder') - count('searchOrder') };
}

async function storedOrders(env: Record<string, string>): Promise<number> {
  const db = await openDatabase(env.JUCHU_DATABASE_URL!);
  try {
    const row = await db.kysely.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await db.close();
  }
}
