/**
 * searchOrder answers at most 63 days per request and at most 15,000 hits per search. These
 * pure helpers cut a time range into windows that fit and tell a window that holds too many
 * (import.ts continues such a window from the last order time it reached).
 */
import { SEARCH_REACHABLE_HITS, SEARCH_WINDOW_MAX_DAYS } from '../rms/wire/search-order.ts';

const DAY_MS = 86_400_000;
/** RMS datetimes have whole seconds. */
export const SECOND_MS = 1000;

export interface TimeWindow {
  readonly from: Date;
  readonly to: Date;
}

/** Consecutive windows covering [from, to], each at most `maxDays` long; empty when from > to. */
export function planWindows(from: Date, to: Date, maxDays: number = SEARCH_WINDOW_MAX_DAYS): TimeWindow[] {
  const windows: TimeWindow[] = [];
  const span = maxDays * DAY_MS;
  // RMS datetimes have whole seconds and both ends are inclusive: the next window starts a second later.
  for (let start = floorSecond(from.getTime()); start <= to.getTime(); start += span + SECOND_MS) {
    windows.push({ from: new Date(start), to: new Date(Math.min(start + span, to.getTime())) });
  }
  return windows;
}

/** Whether a window's hits exceed what RMS lets a search reach. */
export function tooManyHits(total: number): boolean {
  return total > SEARCH_REACHABLE_HITS;
}

export function floorSecond(ms: number): number {
  return Math.floor(ms / SECOND_MS) * SECOND_MS;
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
