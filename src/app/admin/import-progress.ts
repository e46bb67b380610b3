import { MAX_ORDERS_PER_REQUEST } from '../../domain/rms-limits.ts';
import type { ShopImportProgress } from '../../store/admin/shop-imports.ts';

export interface ImportProgressView {
  readonly state: 'waiting' | 'running' | 'finished' | 'stalled';
  readonly found: number;
  readonly imported: number;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
  readonly elapsedSeconds: number;
  /** Seconds left at the shop's rate limit (getOrder takes 100 orders a call); null when nothing is known yet. */
  readonly remainingSeconds: number | null;
  readonly error: string | null;
}

/**
 * Where a first import stands and how long the rest should take. At a rate limit of N requests
 * a second the orders still to fetch need ceil(left / 100) getOrder calls, one every 1/N s; an
 * unlimited (sandbox) shop is estimated from its own pace so far.
 */
export function describeImport(progress: ShopImportProgress, rateLimitPerSecond: number, now: Date): ImportProgressView {
  const end = progress.finishedAt ?? now;
  const elapsedSeconds = Math.max(0, Math.round((end.getTime() - progress.startedAt.getTime()) / 1000));
  const left = Math.max(0, progress.found - progress.imported);
  const state = progress.finishedAt ? 'finished' : progress.error ? 'stalled' : progress.found === 0 && progress.imported === 0 ? 'waiting' : 'running';
  let remainingSeconds: number | null = null;
  if (state === 'finished') remainingSeconds = 0;
  else if (progress.found > 0 && rateLimitPerSecond > 0) remainingSeconds = Math.ceil(Math.ceil(left / MAX_ORDERS_PER_REQUEST) / rateLimitPerSecond);
  else if (progress.imported > 0) remainingSeconds = Math.ceil((elapsedSeconds / progress.imported) * left);
  return {
    state,
    found: progress.found,
    imported: progress.imported,
    startedAt: progress.startedAt,
    finishedAt: progress.finishedAt,
    elapsedSeconds,
    remainingSeconds,
    error: progress.error,
  };
}
