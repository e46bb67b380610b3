import type { LocalDate } from './order.ts';

/**
 * Japan has no daylight saving time, so JST is always UTC+9: wall-clock arithmetic in JST is
 * plain millisecond arithmetic on a shifted instant. Instants stay UTC everywhere else; these
 * helpers only decide which JST day or wall-clock time an instant falls on.
 */
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `YYYY-MM-DDThh:mm:ss+09:00`: ISO 8601 with the JST offset, as the HTTP API shows instants. */
export function toJstIso(at: Date): string {
  const s = new Date(at.getTime() + JST_OFFSET_MS);
  return (
    `${pad(s.getUTCFullYear(), 4)}-${pad(s.getUTCMonth() + 1)}-${pad(s.getUTCDate())}` +
    `T${pad(s.getUTCHours())}:${pad(s.getUTCMinutes())}:${pad(s.getUTCSeconds())}+09:00`
  );
}

/** The JST calendar day an instant falls on. */
export function jstDate(at: Date): LocalDate {
  return toJstIso(at).slice(0, 10);
}

/** True for a real calendar day written `YYYY-MM-DD` (no 2026-02-30). */
export function isLocalDate(text: string): boolean {
  const m = LOCAL_DATE_RE.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
