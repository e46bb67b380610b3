import type { ResolvedDeps, SyncDeps } from './context.ts';
import { resolveDeps } from './context.ts';
import { fullCycle, runForShops, type SyncRunSummary } from './cycle.ts';
import { ORDERS_CURSOR } from './import.ts';
import { checkShopsForNewOrders } from './new-orders.ts';
import { DEFAULT_WORKER_INTERVAL_MS } from './options.ts';

/** Never start cycles more often than this, whatever falls due. */
const MIN_WAKE_MS = 1_000;
/** Wake this long after a lease's end, so the database agrees it has ended. */
const LEASE_END_MARGIN_MS = 100;

export interface WorkerOptions {
  /** Pause between the end of one cycle and the start of the next. */
  readonly intervalMs?: number;
  readonly shopCode?: string;
  /** Called after every cycle (the CLI prints a line, tests count). */
  readonly onCycle?: (summary: SyncRunSummary) => void;
}

export interface RunningWorker {
  /**
   * Finishes the shop in progress (never cuts an RMS call short) and leaves the cycle's other
   * shops to the next worker, then resolves.
   */
  stop(): Promise<void>;
}

/**
 * The sync loop for `juchu worker`, `juchu serve` and `juchu demo`. Several workers may run
 * against one database: each shop is taken under a lease, so a shop's RMS calls stay in one
 * worker at a time, in order, within its rate.
 */
export function startWorker(deps: SyncDeps, options: WorkerOptions = {}): RunningWorker {
  const resolved = resolveDeps(deps);
  const stopping = new AbortController();
  let wake: (() => void) | null = null;

  const intervalMs = options.intervalMs ?? DEFAULT_WORKER_INTERVAL_MS;
  const loop = (async () => {
    while (!stopping.signal.aborted) {
      let pause: Pause = { ms: intervalMs, dueInMs: Number.POSITIVE_INFINITY };
      let cycle: CycleCost = { ms: 0, rmsCalls: 0 };
      let codes: string[] = [];
      const cycleStart = Date.now();
      resolved.newOrderCheckCalls.take();
      // The checks a cycle makes between its chunks are paid for by the pause after it, like those in the pause.
      let checkCalls = 0;
      try {
        const summary = await runForShops(resolved, { shopCode: options.shopCode, trigger: 'worker', signal: stopping.signal }, fullCycle);
        options.onCycle?.(summary);
        checkCalls = resolved.newOrderCheckCalls.take();
        cycle = { ms: Date.now() - cycleStart, rmsCalls: Math.max(summary.rmsCalls - checkCalls, 0) };
        codes = summary.shops.map((s) => s.shopCode);
        pause = await pauseBeforeNextCycle(resolved, summary, intervalMs);
      } catch (err) {
        resolved.logger.error({ err }, 'sync cycle failed');
      }
      const pauseStart = Date.now();
      const left = () => pauseStart + stretchedPause(pause, cycle, checkCalls, intervalMs) - Date.now();
      while (left() > 0 && !stopping.signal.aborted) {
        // Once the checks' calls would stretch the pause past its cap, the rest wait for the cycle.
        const checkIn = roomForCheck(pause.ms, cycle, checkCalls, intervalMs) ? await untilNextCheck(resolved, codes) : Number.POSITIVE_INFINITY;
        if (checkIn <= 0) {
          await checkShopsForNewOrders(resolved, codes);
          checkCalls += resolved.newOrderCheckCalls.take();
          // At most one round of checks an interval, even when a shop's check fails.
          await sleep(Math.min(left(), resolved.options.newOrderCheckIntervalMs));
        } else {
          await sleep(Math.min(left(), Math.max(MIN_WAKE_MS, checkIn)));
        }
      }
    }
  })();

  /** A pause that `stop` cuts short. */
  function sleep(ms: number): Promise<void> {
    if (ms <= 0 || stopping.signal.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        wake = null;
        resolve();
      }, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  return {
    async stop() {
      stopping.abort();
      wake?.();
      await loop;
    },
  };
}

/**
 * The pause after a cycle, at most the interval, and how far ahead the next moment is at which
 * something becomes possible (a lease's end, a retry, a verification), which may lie beyond it.
 */
export interface Pause {
  readonly ms: number;
  readonly dueInMs: number;
}

/** How long a cycle took and the RMS calls it made. */
interface CycleCost {
  readonly ms: number;
  readonly rmsCalls: number;
}

/**
 * The pause, lengthened by the RMS calls the new-order checks made in it: a cycle and its pause
 * spend the calls one cycle spends every pause, so the checks come out of the cycles' share —
 * the worker's RMS calls per hour stay what a cycle every interval makes, and with a large
 * backlog the refresh turns come less often instead. Without calls to go by (a failed
 * cycle) the pause stays as it is.
 */
export function stretchedPause(pause: Pause, cycle: CycleCost, checkCalls: number, intervalMs: number): number {
  if (!stretches(pause.ms, cycle, intervalMs) || checkCalls === 0) return pause.ms;
  // A quiet cycle makes few calls, and each check would then add more than the time it waits:
  // the pause would outgrow the clock and the next cycle never come. Nor does it pass what
  // falls due just after the interval: a dead worker's work is recovery's, not the cycles' share.
  return Math.min(paidFor(pause.ms, cycle, checkCalls), MAX_STRETCH * intervalMs, Math.max(pause.ms, pause.dueInMs));
}

/**
 * Whether one more check (one call at least) still fits in the pause: its calls are paid for
 * by a pause within the cap. Past that, checking on would make more calls per hour than the
 * cycles alone, so new orders wait for the next cycle, which is at most two intervals away.
 */
export function roomForCheck(pauseMs: number, cycle: CycleCost, checkCalls: number, intervalMs: number): boolean {
  return !stretches(pauseMs, cycle, intervalMs) || paidFor(pauseMs, cycle, checkCalls + 1) <= MAX_STRETCH * intervalMs;
}

/**
 * A pause cut short to wake when something falls due (a dead worker's lease, a retry, a
 * verification) is recovery's, not the cycles' share: it is never stretched, nor is one after
 * a cycle without calls to go by.
 */
function stretches(pauseMs: number, cycle: CycleCost, intervalMs: number): boolean {
  return pauseMs >= intervalMs && cycle.rmsCalls > 0;
}

/** The pause at which cycle, pause and checks make the calls per hour of a cycle and its pause. */
function paidFor(pauseMs: number, cycle: CycleCost, checkCalls: number): number {
  return ((cycle.ms + pauseMs) * (cycle.rmsCalls + checkCalls)) / cycle.rmsCalls - cycle.ms;
}

/** A pause stretched by the checks' calls is at most this many intervals. */
const MAX_STRETCH = 2;

/**
 * Milliseconds until the first of these shops is due a new-order check (the interval after its
 * last import); Infinity when checks are off or no shop has been imported yet.
 */
async function untilNextCheck(deps: ResolvedDeps, codes: readonly string[]): Promise<number> {
  const interval = deps.options.newOrderCheckIntervalMs;
  if (interval <= 0 || codes.length === 0) return Number.POSITIVE_INFINITY;
  const cursors = deps.store.syncCursors;
  const lasts = await Promise.all(codes.map((code) => cursors.get(code, ORDERS_CURSOR)));
  const now = deps.clock.now().getTime();
  return Math.min(...lasts.map((last) => (last ? last.getTime() + interval - now : Number.POSITIVE_INFINITY)));
}

/**
 * The interval, or less when something becomes possible sooner: another worker's hold on one
 * of these shops (its shop lease, or its lease on an operation in flight) ends, or the retry
 * delay of an operation whose outcome is unknown runs out. A process restarted after a crash
 * thus takes over its dead predecessor's work the moment the leases end, and an async result
 * or a lost answer is verified seconds later, not an interval later. Operations RMS could not
 * take (429, 503, outage) wait for the interval, and only moments still ahead count (work a
 * failed run left due waits too), so a struggling RMS is not asked every second.
 */
async function pauseBeforeNextCycle(deps: ResolvedDeps, summary: SyncRunSummary, intervalMs: number): Promise<Pause> {
  const codes = summary.shops.map((s) => s.shopCode);
  const outbox = deps.store.outbox;
  const wallNow = deps.wallClock();
  const now = deps.clock.now();
  const [leaseEnd, opLeaseEnd, due] = await Promise.all([
    deps.store.syncLeases.nextForeignLeaseEnd(codes, deps.workerId, new Date(wallNow)),
    outbox.nextForeignLeaseEnd(codes, deps.workerId, new Date(wallNow)),
    outbox.nextVerificationAfter(codes, now),
  ]);
  const waits = [
    ...[leaseEnd, opLeaseEnd].filter((end) => end !== null).map((end) => end.getTime() - wallNow + LEASE_END_MARGIN_MS),
    ...(due ? [due.getTime() - now.getTime()] : []),
  ];
  const dueInMs = Math.max(MIN_WAKE_MS, Math.min(...waits));
  return { ms: Math.min(intervalMs, dueInMs), dueInMs };
}
