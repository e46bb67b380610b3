import type { SyncDeps } from './context.ts';
import { resolveDeps } from './context.ts';
import { fullCycle, runForShops, type SyncRunSummary } from './cycle.ts';
import { DEFAULT_WORKER_INTERVAL_MS } from './options.ts';


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

  const loop = (async () => {
    while (!stopping.signal.aborted) {
      try {
        const summary = await runForShops(resolved, { shopCode: options.shopCode, trigger: 'worker', signal: stopping.signal }, fullCycle);
        options.onCycle?.(summary);
      } catch (err) {
        resolved.logger.error({ err }, 'sync cycle failed');
      }
      if (stopping.signal.aborted) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.intervalMs ?? DEFAULT_WORKER_INTERVAL_MS);
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
