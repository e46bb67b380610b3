/**
 * searchOrder answers at most 63 days per request and at most 15,000 hits per search. These
 * pure helpers cut a time range into windows that fit, and halve a window that holds too many.
 */
import { SEARCH_REACHABLE_HITS, SEARCH_WINDOW_MAX_DAYS } from '../rms/wire/search-order.ts';

const DAY_MS = 86_400_000;
const SECOND_MS = 1000;

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

/**
 * Aim for slices this full, below the 15,000 RMS lets a search reach: orders do not fall evenly
 * over a day, and a slice that still overflows costs one more search page to find out.
 */
const SLICE_TARGET_HITS = 12_500;

/**
 * A window that reported `total` hits, cut into consecutive slices of equal time that should
 * each hold about 12,500: planned from the count the first page already gave, so one search
 * page is spent on the oversized window however crowded it is (halving spent one per level).
 * Null when the window is a single second and cannot shrink.
 */
export function split(window: TimeWindow, total: number): TimeWindow[] | null {
  const from = window.from.getTime();
  // RMS datetimes have whole seconds and both ends are inclusive: the window holds this many.
  const instants = Math.floor((window.to.getTime() - from) / SECOND_MS) + 1;
  if (instants < 2) return null;
  const parts = Math.min(Math.max(2, Math.ceil(total / SLICE_TARGET_HITS)), instants);
  const firstInstant = (k: number) => from + Math.floor((k * instants) / parts) * SECOND_MS;
  return Array.from({ length: parts }, (_, k) => ({
    from: new Date(firstInstant(k)),
    to: k === parts - 1 ? window.to : new Date(firstInstant(k + 1) - SECOND_MS),
  }));
}

function floorSecond(ms: number): number {
  return Math.floor(ms / SECOND_MS) * SECOND_MS;
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
