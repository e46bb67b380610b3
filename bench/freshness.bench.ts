/**
 * Freshness: how long a new RMS order takes to be readable through juchu's API while a
 * `juchu worker` loop keeps a shop fresh at Rakuten's 1 request/s, and what that costs in RMS
 * calls per hour. Each scenario runs twice in one process: with the worker's new-order checks
 * (the default) and with `newOrderCheckIntervalMs: 0`, the scheduling before them (new orders
 * only at each cycle's start), which is the baseline.
 *
 *   - `new`: 1,000 orders in 新規受付, re-read in turns by every cycle;
 *   - `ship-by`: 1,000 orders that arrive in 楽天処理中 with auto-confirm ON, so each has a
 *     出荷予定日 push queued when the worker starts (delivered 100 per updateOrderShippingAsync).
 *
 * The new orders arrive in 注文確認待ち and juchu confirms them (the shop's auto-confirm in juchu).
 *
 * While the worker runs, new orders are placed in the sandbox one at a time, a few seconds
 * apart at random; each is asked for (GET /api/orders/:n, with an API token, on a server
 * built in this process) every 200 ms until it answers 200. Calls per hour come from the
 * sandbox ledger, from the end of the worker's first cycle to the end of its last: whole
 * periods of cycle, pause and checks.
 *
 *   node --import tsx bench/freshness.bench.ts [backlog] [new]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import { createApp, realPorts } from '../src/composition/compose.ts';
import { startSandbox } from '../src/sandbox/index.ts';
import { buildServer } from '../src/server/app.ts';
import { migrate, openDatabase } from '../src/store/database.ts';
import type { Database } from '../src/store/database.ts';
import { resolveDeps, startWorker } from '../src/sync/index.ts';
import { fullCycle, runForShops } from '../src/sync/cycle.ts';
import { importNewOrders } from '../src/sync/import.ts';
import { summarise } from './stats.ts';

export type FreshnessScenario = 'new' | 'ship-by';

export interface FreshnessOptions {
  readonly backlog: number;
  /** New orders placed one at a time while the worker runs. */
  readonly fresh: number;
  /** Mean gap between two new orders (each gap drawn between half and 1.5 times it). */
  readonly spacingMs: number;
  /** The worker runs this long after the last order is placed, so that every one is read. */
  readonly tailMs: number;
}

export interface FreshnessRun {
  readonly scenario: FreshnessScenario;
  readonly checks: boolean;
  readonly waitsMs: readonly number[];
  readonly p50Ms: number;
  readonly p95Ms: number;
  /** New orders not readable when the run ended. */
  readonly unread: number;
  /** RMS calls over `seconds`: whole worker periods (see below), or the whole run. */
  readonly calls: number;
  readonly refused: number;
  readonly seconds: number;
  readonly cycles: number;
  readonly callsPerHour: number;
  /** Outbox operations open when the worker started, and still open at the end. */
  readonly queuedOperations: number;
  readonly openOperations: number;
  /** Load average (1/5/15 min) at the end of the run: the machine is shared. */
  readonly load: string;
}

const START = new Date('2026-03-02T01:00:00Z');
const SECRET = 'bench-secret-freshness-00001';

/** Every scenario with and without checks (the bench section runs the ship-by baseline only on request). */
export async function benchFreshness(options: FreshnessOptions): Promise<FreshnessRun[]> {
  const runs: FreshnessRun[] = [];
  for (const scenario of ['new', 'ship-by'] as const) {
    for (const checks of [false, true]) runs.push(await freshnessRun(scenario, checks, options));
  }
  return runs;
}

export async function freshnessRun(scenario: FreshnessScenario, checks: boolean, options: FreshnessOptions): Promise<FreshnessRun> {
  const sandbox = await startSandbox({ port: 0, seed: 17, clock: 'running', startAt: START, settings: { asyncResultDelaySeconds: 0 } });
  // Rakuten's 1 request/s: the sandbox refuses what goes beyond it.
  sandbox.sandbox.updateFaults({ rateLimitPerSecond: 1 });
  const dir = mkdtempSync(join(tmpdir(), 'juchu-bench-freshness-'));
  const db = await openDatabase(`file:${join(dir, 'juchu.db')}`);
  const clock = { now: () => sandbox.clock.now() };
  try {
    await migrate(db);
    const rmsShop = sandbox.createShop({ autoConfirm: true });
    const licenseKey = rmsShop.licenses[0]!.licenseKey;
    sandbox.generateOrders({ licenseKey, scenario: 'card_ok', count: options.backlog, spreadDays: 1 });
    // Auto-confirm takes them to 楽天処理中 at once; 新規受付 (300) once the payment is processed.
    if (scenario === 'new') sandbox.sandbox.advanceClock(600);
    // The new orders wait in 注文確認待ち for juchu's confirmation (the shop confirms in juchu, not in RMS).
    rmsShop.autoConfirm = false;
    const actor = { kind: 'system', name: 'bench' } as const;
    const juchu = createApp(db, realPorts(clock, () => SECRET));
    await juchu.shops.add(
      { code: 'bench', name: 'ベンチ店', serviceSecret: rmsShop.serviceSecret, licenseKey, rmsUrl: sandbox.url, rateLimitPerSecond: 1, autoConfirm: true },
      actor,
    );
    const syncDeps = juchu.syncDeps(pino({ level: 'silent' }), { options: checks ? {} : { newOrderCheckIntervalMs: 0 } });
    const resolved = resolveDeps(syncDeps);
    // The backlog is in juchu before the worker starts: imported (and, for `new`, its pushes
    // delivered) by a full cycle; for `ship-by` imported only, so every push is still queued.
    if (scenario === 'new') await runForShops(resolved, { trigger: 'bench' }, fullCycle);
    else await runForShops(resolved, { trigger: 'bench' }, async (sync) => void (await importNewOrders(sync)));

    const { token } = await juchu.tokens.create({ name: 'bench', role: 'viewer' }, actor);
    const server = await buildServer({ app: juchu, logger: false, secret: SECRET });
    const readable = async (orderNumber: string) =>
      (await server.inject({ method: 'GET', url: `/api/orders/${encodeURIComponent(orderNumber)}`, headers: { authorization: `Bearer ${token}` } })).statusCode === 200;

    const queued = await openOperations(db);
    const started = Date.now();
    const cycleEnds: number[] = [];
    const worker = startWorker(syncDeps, { onCycle: () => cycleEnds.push(Date.now()) });
    const waits: number[] = [];
    const pending = new Map<string, number>();
    const poll = setInterval(() => {
      void (async () => {
        for (const [n, placedAt] of pending) {
          if (!(await readable(n))) continue;
          if (pending.delete(n)) waits.push(Date.now() - placedAt);
        }
      })();
    }, 200);
    try {
      for (let i = 0; i < options.fresh; i++) {
        await pause(options.spacingMs * (0.5 + Math.random()));
        const [n] = sandbox.generateOrders({ licenseKey, scenario: 'card_ok', count: 1 });
        pending.set(n!, Date.now());
      }
      await pause(options.tailMs);
    } finally {
      clearInterval(poll);
      await worker.stop();
    }
    const ended = Date.now();
    // Whole periods (a cycle's end to a later cycle's end, checks between included) when there
    // are two: a run's length cuts a worker's period at a different point for each scheduling.
    const [from, to] = cycleEnds.length >= 2 ? [cycleEnds[0]!, cycleEnds.at(-1)!] : [started, ended];
    const calls = sandbox.sandbox.ledger().filter((e) => {
      const at = Date.parse(e.receivedAt);
      return at > from && at <= to;
    });
    const open = await openOperations(db);
    await server.close();
    const summary = summarise(waits);
    const seconds = (to - from) / 1000;
    return {
      scenario,
      checks,
      waitsMs: waits,
      p50Ms: summary.p50,
      p95Ms: summary.p95,
      unread: pending.size,
      calls: calls.length,
      refused: calls.filter((e) => e.httpStatus === 429).length,
      seconds,
      cycles: cycleEnds.length,
      callsPerHour: (calls.length / seconds) * 3600,
      queuedOperations: queued,
      openOperations: open,
      load: loadavg().map((l) => l.toFixed(1)).join(' / '),
    };
  } finally {
    await sandbox.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function openOperations(db: Database): Promise<number> {
  const row = await db.kysely
    .selectFrom('outbox')
    .where('state', 'in', ['pending', 'unknown', 'in_flight'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [backlog, fresh] = process.argv.slice(2);
  const runs = await benchFreshness({ backlog: backlog ? Number(backlog) : 1_000, fresh: fresh ? Number(fresh) : 20, spacingMs: 3_000, tailMs: 50_000 });
  for (const r of runs) process.stdout.write(`${JSON.stringify({ ...r, waitsMs: r.waitsMs.map((w) => Math.round(w)) })}\n`);
}
