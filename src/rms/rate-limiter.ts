/**
 * One RMS license key, one request rate — shared by every process that works for the shop.
 * Each request reserves the next free slot (`slot = max(next, now)`, `next = slot + interval`)
 * and waits for it. Where the reservation lives decides who shares it: memory for one process,
 * a database row for every process on the same database (see src/store/sync-rate-limits.ts).
 *
 * This is wall-clock time on purpose: the limit is about real requests per real second, not
 * business time, which a test or the demo may freeze or move.
 */
import type { SlotStore } from '../ports/slot-store.ts';
import type { Sleep } from './retry.ts';
import { realSleep } from './retry.ts';

export interface RateLimiter {
  acquire(): Promise<void>;
}

export interface RateLimiterOptions {
  /** Identifies the license key without revealing it (see `licenseKeyId`). */
  readonly key: string;
  /** Requests per second; 0 = unlimited. */
  readonly perSecond: number;
  readonly store: SlotStore;
  readonly wallNow?: () => number;
  readonly sleep?: Sleep;
}

/**
 * Requests leave this much more than one interval apart. How RMS counts is not documented
 * (fixed windows or sliding, on its own clock); without a margin, a request held up on its
 * way (a busy event loop, a slow slot reservation) and the punctual one after it could land
 * in the same second and be refused. It costs 2.5% of the rate at 1 request/s.
 */
export const SPACING_MARGIN_MS = 25;

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  if (options.perSecond <= 0) return { acquire: async () => {} };
  const intervalMs = 1000 / options.perSecond + SPACING_MARGIN_MS;
  const wallNow = options.wallNow ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  return {
    async acquire() {
      const now = wallNow();
      const slot = await options.store.reserve(options.key, intervalMs, now);
      if (slot > now) await sleep(slot - now);
    },
  };
}

export class MemorySlotStore implements SlotStore {
  private readonly next = new Map<string, number>();

  async reserve(key: string, intervalMs: number, nowMs: number): Promise<number> {
    const slot = Math.max(this.next.get(key) ?? 0, nowMs);
    this.next.set(key, slot + intervalMs);
    return slot;
  }
}
