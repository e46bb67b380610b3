import pino from 'pino';
import type { Logger } from 'pino';
import type { RmsHttp } from '../../../src/rms/http.ts';
import { fetchHttp } from '../../../src/rms/http.ts';
import { createSecretBox } from '../../../src/ports/secret-box.ts';
import { runSyncCycle } from '../../../src/sync/index.ts';
import type { SyncDeps, SyncOptions, SyncRunSummary } from '../../../src/sync/index.ts';
import { TEST_SECRET } from './harness.ts';
import type { Harness } from './harness.ts';

/** What the tests record about backoff: every wait the sync asked for. */
export interface Waits {
  readonly delays: number[];
}

/**
 * Sync dependencies for in-process runs: waits move the harness clock instead of real time
 * (so a six-hour maintenance window passes in milliseconds), and leases follow the same clock.
 */
export function syncDeps(
  h: Harness,
  opts: { http?: RmsHttp; waits?: Waits; workerId?: string; options?: Partial<SyncOptions>; logger?: Logger } = {},
): SyncDeps {
  const box = createSecretBox(TEST_SECRET);
  return {
    db: h.db,
    clock: h.clock,
    logger: opts.logger ?? pino({ level: 'silent' }),
    secrets: () => box,
    http: opts.http ?? fetchHttp,
    sleep: async (ms) => {
      opts.waits?.delays.push(ms);
      h.clock.advance(ms);
      h.sandbox.sandbox.advanceClock(ms / 1000);
    },
    wallClock: () => h.clock.now().getTime(),
    random: () => 0.5,
    ...(opts.workerId ? { workerId: opts.workerId } : {}),
    options: { initialLookbackDays: 7, ...opts.options },
  };
}

export function syncOnce(h: Harness, opts: Parameters<typeof syncDeps>[1] = {}): Promise<SyncRunSummary> {
  return runSyncCycle(syncDeps(h, opts));
}

/** Moves juchu's clock and the sandbox's together. */
export function advance(h: Harness, ms: number): void {
  h.clock.advance(ms);
  h.sandbox.sandbox.advanceClock(ms / 1000);
}
