import { fromJstParts, jstParts, parseDatetime } from '../rms/wire/index.ts';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** ISO 8601 in JST with a colon offset (`2026-02-16T10:42:19.000+09:00`), for the control API. */
export function isoJst(at: Date): string {
  const p = jstParts(at);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}.${pad(at.getUTCMilliseconds(), 3)}+09:00`;
}

export const isoJstOrNull = (at: Date | number | null): string | null => (at === null ? null : isoJst(new Date(at)));

/** 23:59:59 JST of the day containing `at`. */
export function endOfJstDay(at: Date): Date {
  return fromJstParts({ ...jstParts(at), hour: 23, minute: 59, second: 59 });
}

/** An instant given as RMS datetime (`+0900`) or any ISO 8601 text; null when neither. */
export function parseInstant(text: string): Date | null {
  const rms = parseDatetime(text);
  if (rms) return rms;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms);
}
