/**
 * How the RMS client waits before trying again. Delays grow exponentially with full jitter
 * (so several workers that failed together do not retry together) and are capped. A 503 is
 * how RMS announces maintenance, which lasts minutes rather than seconds, so it backs off
 * from a longer base.
 */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Base delay after a 503 (maintenance or overload). */
  readonly maintenanceBaseDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  maintenanceBaseDelayMs: 10_000,
};

/** Why the last attempt is worth repeating. */
export type RetryCause = 'transient' | 'throttled' | 'maintenance';

export interface BackoffInput {
  /** 1 after the first failed attempt. */
  readonly attempt: number;
  readonly cause: RetryCause;
  /** From a `Retry-After` header, when RMS sent one. */
  readonly retryAfterMs?: number | null;
}

export function backoffDelay(policy: RetryPolicy, input: BackoffInput, random: () => number = Math.random): number {
  const base = input.cause === 'maintenance' ? policy.maintenanceBaseDelayMs : policy.baseDelayMs;
  const ceiling = Math.min(policy.maxDelayMs, base * 2 ** (input.attempt - 1));
  const jittered = Math.round(random() * ceiling);
  if (input.retryAfterMs != null && input.retryAfterMs > 0) {
    return Math.min(policy.maxDelayMs, Math.max(input.retryAfterMs, jittered));
  }
  return jittered;
}

/** `Retry-After` in seconds or as an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
