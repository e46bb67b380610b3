import { InvalidArgumentError } from 'commander';

/** Commander parsers that refuse bad values up front, so commander names the option (exit 2). */
export function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('must be a whole number ≥ 0');
  return Number(value);
}

const JST_OFFSET_MS = 9 * 3_600_000;

/** `YYYY-MM-DD` read as the start of that day in JST. */
export function jstDayStart(value: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match) {
    const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
    const utc = new Date(Date.UTC(year, month - 1, day));
    // Date.UTC rolls 2026-02-31 over into March; such a date is not one.
    if (utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day) return new Date(utc.getTime() - JST_OFFSET_MS);
  }
  throw new InvalidArgumentError('must be a date YYYY-MM-DD');
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
