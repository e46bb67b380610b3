import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatCompactDatetime,
  formatDate,
  formatDatetime,
  parseDate,
  parseDatetime,
  requestDatetime,
  startOfJstDay,
} from '../../../src/rms/wire/index.ts';

describe('RMS datetime wire format', () => {
  it('formats instants in JST with +0900 and no colon', () => {
    const at = new Date('2026-02-16T01:42:19Z');
    expect(formatDatetime(at)).toBe('2026-02-16T10:42:19+0900');
    expect(formatDate(at)).toBe('2026-02-16');
    expect(formatCompactDatetime(at)).toBe('20260216104219');
  });

  it('uses the JST calendar day, not the UTC one', () => {
    const lateUtc = new Date('2026-02-16T15:30:00Z');
    expect(formatDate(lateUtc)).toBe('2026-02-17');
    expect(startOfJstDay(lateUtc).toISOString()).toBe('2026-02-16T15:00:00.000Z');
  });

  it('parses +0900 and +09:00 alike', () => {
    expect(parseDatetime('2026-02-16T10:42:19+0900')?.toISOString()).toBe('2026-02-16T01:42:19.000Z');
    expect(parseDatetime('2026-02-16T10:42:19+09:00')?.toISOString()).toBe('2026-02-16T01:42:19.000Z');
  });

  it('rejects other offsets, separators and impossible dates', () => {
    for (const text of ['2026-02-16 10:42:19', '2026-02-16T10:42:19Z', '2026-02-16T10:42:19+0000', '2026-02-30T10:00:00+0900', '2026-02-16T24:00:00+0900', '2026/02/16T10:42:19+0900']) {
      expect(parseDatetime(text)).toBeNull();
    }
    expect(parseDate('2018/01/25')).toBeNull();
    expect(parseDate('2026-02-29')).toBeNull();
    expect(parseDate('2028-02-29')?.toISOString()).toBe('2028-02-28T15:00:00.000Z');
  });

  it('round-trips every second', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1) / 1000, max: Date.UTC(2099, 11, 31) / 1000 }), (seconds) => {
        const at = new Date(seconds * 1000);
        expect(parseDatetime(formatDatetime(at))?.getTime()).toBe(at.getTime());
        expect(parseDate(formatDate(at))?.getTime()).toBe(startOfJstDay(at).getTime());
      }),
    );
  });

  it('turns request datetimes into Dates and flags bad ones', () => {
    expect(requestDatetime.parse('2026-02-16T00:00:00+0900')).toEqual(new Date('2026-02-15T15:00:00Z'));
    expect(requestDatetime.safeParse('2026-02-16').success).toBe(false);
  });
});
