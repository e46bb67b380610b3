import { z } from 'zod';

/**
 * RMS speaks JST only. Datetimes go out as `YYYY-MM-DDThh:mm:ss+0900` (no colon, as in every
 * Rakuten sample); requests may carry `+0900` or `+09:00` because the reference text itself
 * writes the colon form. Dates are bare `YYYY-MM-DD` JST calendar days.
 */
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\+09:?00$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The JST wall-clock parts of an instant. */
export interface JstParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function jstParts(at: Date): JstParts {
  const shifted = new Date(at.getTime() + JST_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
}

/** The instant of a JST wall-clock time; out-of-range parts roll over like Date.UTC. */
export function fromJstParts(p: JstParts): Date {
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - JST_OFFSET_MS);
}

export function formatDatetime(at: Date): string {
  const p = jstParts(at);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}+0900`;
}

export function formatDate(at: Date): string {
  const p = jstParts(at);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** `yyyyMMddHHmmss` in JST, the suffix of an updateOrderShippingAsync requestId. */
export function formatCompactDatetime(at: Date): string {
  const p = jstParts(at);
  return `${p.year}${pad(p.month)}${pad(p.day)}${pad(p.hour)}${pad(p.minute)}${pad(p.second)}`;
}

/** `yyyyMMdd` in JST, the middle part of an order number. */
export function formatCompactDate(at: Date): string {
  const p = jstParts(at);
  return `${p.year}${pad(p.month)}${pad(p.day)}`;
}

function isRealCalendarDay(year: number, month: number, day: number): boolean {
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

/** Parses a wire datetime (`+0900` or `+09:00`); null when the text is not one. */
export function parseDatetime(text: string): Date | null {
  const m = DATETIME_RE.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (!isRealCalendarDay(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  return fromJstParts({ year, month, day, hour, minute, second });
}

/** Parses a wire date to the instant its JST day starts; null when the text is not one. */
export function parseDate(text: string): Date | null {
  const m = DATE_RE.exec(text);
  if (!m) return null;
  const [year, month, day] = m.slice(1, 4).map(Number) as [number, number, number];
  if (!isRealCalendarDay(year, month, day)) return null;
  return fromJstParts({ year, month, day, hour: 0, minute: 0, second: 0 });
}

/** The instant the JST day containing `at` starts. */
export function startOfJstDay(at: Date): Date {
  const p = jstParts(at);
  return fromJstParts({ ...p, hour: 0, minute: 0, second: 0 });
}

/** A wire datetime string in a response (kept as text; convert with parseDatetime). */
export const wireDatetime = z.string().refine((s) => parseDatetime(s) !== null);

/** A wire date string in a response. */
export const wireDate = z.string().refine((s) => parseDate(s) !== null);

/** A datetime in a request, turned into a Date. */
export const requestDatetime = z.string().transform((s, ctx) => {
  const parsed = parseDatetime(s);
  if (!parsed) {
    ctx.addIssue({ code: 'custom', message: 'bad datetime', input: s });
    return z.NEVER;
  }
  return parsed;
});

/** A date in a request, kept as its canonical `YYYY-MM-DD` text after validation. */
export const requestDate = z.string().refine((s) => parseDate(s) !== null);
