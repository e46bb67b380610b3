import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_RETRY_POLICY, parseRetryAfter } from '../../../src/rms/retry.ts';

describe('backoff', () => {
  it('stays within the capped exponential ceiling for every attempt and cause', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.constantFrom('transient', 'throttled', 'maintenance' as const), fc.double({ min: 0, max: 0.999, noNaN: true }), (attempt, cause, r) => {
        const delay = backoffDelay(DEFAULT_RETRY_POLICY, { attempt, cause }, () => r);
        const base = cause === 'maintenance' ? DEFAULT_RETRY_POLICY.maintenanceBaseDelayMs : DEFAULT_RETRY_POLICY.baseDelayMs;
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(Math.min(DEFAULT_RETRY_POLICY.maxDelayMs, base * 2 ** (attempt - 1)));
      }),
    );
  });

  it('backs off longer after a 503 than after a transient failure', () => {
    const transient = backoffDelay(DEFAULT_RETRY_POLICY, { attempt: 1, cause: 'transient' }, () => 0.5);
    const maintenance = backoffDelay(DEFAULT_RETRY_POLICY, { attempt: 1, cause: 'maintenance' }, () => 0.5);
    expect(maintenance).toBeGreaterThan(transient);
  });

  it('honours Retry-After, up to the cap', () => {
    expect(backoffDelay(DEFAULT_RETRY_POLICY, { attempt: 1, cause: 'throttled', retryAfterMs: 7_000 }, () => 0)).toBe(7_000);
    expect(backoffDelay(DEFAULT_RETRY_POLICY, { attempt: 1, cause: 'throttled', retryAfterMs: 600_000 }, () => 0)).toBe(DEFAULT_RETRY_POLICY.maxDelayMs);
  });

  it('reads Retry-After in seconds or as an HTTP date', () => {
    const now = Date.parse('2026-03-02T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter('Mon, 02 Mar 2026 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});
