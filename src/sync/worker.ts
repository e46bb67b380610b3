import { OutboxRepository } from '../store/outbox-repository.ts';
import { SyncLeaseRepository } from '../store/sync-leases.ts';
import type { ResolvedDeps, SyncDeps } from './context.ts';
import { resolveDeps } from './context.ts';
import { fullCycle, runForShops, type SyncRunSummary } from './cycle.ts';
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
      let pause = intervalMs;
      try {
        const summary = await runForShops(resolved, { shopCode: options.shopCode, trigger: 'worker', signal: stopping.signal }, fullCycle);
        options.onCycle?.(summary);
        pause = await pauseBeforeNextCycle(resolved, summary, intervalMs);
      } catch (err) {
        resolved.logger.error({ err }, 'sync cycle failed');
      }
      if (stopping.signal.aborted) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pause);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  })();

  return {
    async stop() {
      stopping.abort();
      wake?.();
      await loop;
    },
  };
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
async function pauseBeforeNextCycle(deps: ResolvedDeps, summary: SyncRunSummary, intervalMs: number): Promise<number> {
  const codes = summary.shops.map((s) => s.shopCode);
  const outbox = new OutboxRepository(deps.db.kysely, deps.db.dialect);
  const wallNow = deps.wallClock();
  const now = deps.clock.now();
  const [leaseEnd, opLeaseEnd, due] = await Promise.all([
    new SyncLeaseRepository(deps.db.kysely).nextForeignLeaseEnd(codes, deps.workerId, new Date(wallNow)),
    outbox.nextForeignLeaseEnd(codes, deps.workerId, new Date(wallNow)),
    outbox.nextVerificationAfter(codes, now),
  ]);
  const waits = [
    ...[leaseEnd, opLeaseEnd].filter((end) => end !== null).map((end) => end.getTime() - wallNow + LEASE_END_MARGIN_MS),
    ...(due ? [due.getTime() - now.getTime()] : []),
  ];
  return Math.min(intervalMs, Math.max(MIN_WAKE_MS, Math.min(...waits)));
}
