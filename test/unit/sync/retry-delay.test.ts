import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SYNC_OPTIONS, outboxLeaseMs, retryDelayMs, syncOptions } from '../../../src/sync/options.ts';

describe('retry delays and leases', () => {
  it('starts at seconds, doubles with each attempt and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(DEFAULT_SYNC_OPTIONS, n))).toEqual([5_000, 10_000, 20_000, 40_000, 60_000, 60_000]);
  });

  it('never shrinks with more attempts and never leaves [base, cap]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 600_000 }), fc.integer({ min: 1, max: 10_000 }), (base, extra, attempts) => {
        const options = syncOptions({ transientRetryDelayMs: base, transientRetryMaxDelayMs: base + extra });
        const delay = retryDelayMs(options, attempts);
        expect(delay).toBeGreaterThanOrEqual(base);
        expect(delay).toBeLessThanOrEqual(base + extra);
        expect(retryDelayMs(options, attempts + 1)).toBeGreaterThanOrEqual(delay);
      }),
    );
  });

  it('keeps an operation leased for the shop lease plus the longest request sent before it ran out', () => {
    expect(outboxLeaseMs(DEFAULT_SYNC_OPTIONS)).toBe(DEFAULT_SYNC_OPTIONS.leaseMs + DEFAULT_SYNC_OPTIONS.timeoutMs);
    // The restarted process's bound: a minute after the last renewal, well within issue 14's 90 s.
    expect(outboxLeaseMs(DEFAULT_SYNC_OPTIONS)).toBeLessThanOrEqual(60_000);
  });
});
