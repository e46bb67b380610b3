import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR, WorkingDays, addDays, checkCalendar, yearDays } from '../../../src/domain/automation/calendar.ts';
import type { ShopCalendar } from '../../../src/domain/automation/calendar.ts';
import { computeShipBy, earliestShipDate } from '../../../src/domain/automation/ship-by.ts';
import { jstDate } from '../../../src/domain/jst.ts';
import { errorCode, order, pkg } from '../domain/fixtures.ts';

const jst = (text: string): Date => new Date(`${text}+09:00`);
const NEW_YEAR: ShopCalendar = { ...DEFAULT_CALENDAR, closedDates: ['2026-12-29', '2026-12-30', '2026-12-31', '2027-01-02', '2027-01-03'] };
const days = new WorkingDays(NEW_YEAR);
const hokkaido = pkg({ recipient: { ...pkg().recipient, address: { ...pkg().recipient.address, prefecture: '北海道' } } });

describe('ship-by date: known dates (default calendar: weekends and holidays closed, 15:00 cut-off, one lead day)', () => {
  const cases: ReadonlyArray<[what: string, orderedAt: string, deliveryDate: string | null, expected: string, flags: string[]]> = [
    ['a Monday morning ships Tuesday', '2026-11-16T10:00:00', null, '2026-11-17', []],
    ['one minute before the cut-off counts from the same day', '2026-11-16T14:59:59', null, '2026-11-17', []],
    ['at the cut-off counts from the next working day', '2026-11-16T15:00:00', null, '2026-11-18', []],
    ['Friday evening skips the weekend and 勤労感謝の日 (Mon 11-23)', '2026-11-20T16:00:00', null, '2026-11-25', []],
    ['a Saturday order counts from Monday', '2026-11-21T09:00:00', null, '2026-11-25', []],
    ['GW: 5/4, 5/5 and the 振替休日 5/6 are closed', '2026-05-01T16:00:00', null, '2026-05-08', []],
    ['シルバーウィーク: 敬老の日 9-21, 国民の休日 9-22 and 秋分の日 9-23 are closed', '2026-09-18T16:00:00', null, '2026-09-25', []],
    ['年末年始 closed days carry over the year boundary', '2026-12-28T14:00:00', null, '2027-01-04', []],
    ['delivery Friday to 東京都 (1 transit day): ship Thursday', '2026-11-16T10:00:00', '2026-11-27', '2026-11-26', []],
    ['delivery Monday to 北海道 (2 transit days): Saturday moves back to Friday', '2026-11-16T10:00:00', '2026-11-30', '2026-11-27', []],
    ['delivery too soon: the earliest day, flagged', '2026-11-16T10:00:00', '2026-11-17', '2026-11-17', ['deliveryUnreachable']],
    ['delivery over 30 days out: re-authorisation flagged', '2026-11-16T10:00:00', '2027-01-20', '2027-01-19', ['reauthorisation']],
  ];
  for (const [what, orderedAt, deliveryDate, expected, flags] of cases) {
    it(what, () => {
      const o = order({ orderedAt: jst(orderedAt), deliveryDate, packages: [what.includes('北海道') ? hokkaido : pkg()] });
      const shipBy = computeShipBy(o, days, jst(orderedAt));
      expect(shipBy.date).toBe(expected);
      expect(shipBy.flags).toEqual(flags);
    });
  }

  it('flags a date already past when the order is imported late, without moving it', () => {
    const shipBy = computeShipBy(order({ orderedAt: jst('2026-11-16T10:00:00') }), days, jst('2026-11-30T10:00:00'));
    expect(shipBy).toMatchObject({ date: '2026-11-17', flags: ['past'] });
  });

  it('names the re-authorisation day, 7 days before the date', () => {
    const shipBy = computeShipBy(order({ orderedAt: jst('2026-11-16T10:00:00'), deliveryDate: '2027-01-20' }), days, jst('2026-11-16T10:00:00'));
    expect(shipBy.reauthorisationDate).toBe('2027-01-12');
  });
});

const calendars = fc.record({
  closedWeekdays: fc.subarray([0, 1, 2, 3, 4, 5, 6], { maxLength: 5 }),
  holidaysClosed: fc.boolean(),
  closedDates: fc.array(fc.integer({ min: 0, max: 800 }).map((n) => addDays('2025-06-01', n)), { maxLength: 30 }),
  workingDates: fc.constant([] as string[]),
  cutoff: fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
  leadDays: fc.integer({ min: 0, max: 5 }),
  transitDays: fc.integer({ min: 0, max: 5 }),
  transitDaysByPrefecture: fc.constant({}),
});
/** Instants from 2025-12-01 to 2027-02-01, so every run crosses a year boundary now and then. */
const instants = fc.integer({ min: Date.parse('2025-12-01T00:00:00Z'), max: Date.parse('2027-02-01T00:00:00Z') }).map((ms) => new Date(ms));

describe('ship-by date: properties', () => {
  it('is never a closed day and never before the order date, with or without a delivery date', () => {
    fc.assert(
      fc.property(calendars, instants, fc.option(fc.integer({ min: 0, max: 40 })), (calendar, orderedAt, deliveryIn) => {
        const wd = new WorkingDays(calendar);
        const deliveryDate = deliveryIn === null ? null : addDays(jstDate(orderedAt), deliveryIn);
        const shipBy = computeShipBy(order({ orderedAt, deliveryDate }), wd, orderedAt);
        expect(wd.isWorking(shipBy.date)).toBe(true);
        expect(shipBy.date >= jstDate(orderedAt)).toBe(true);
        if (deliveryDate !== null && !shipBy.flags.includes('deliveryUnreachable')) expect(shipBy.date <= deliveryDate).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('moves by a whole working day at the cut-off minute, and not within the minute before it', () => {
    fc.assert(
      fc.property(calendars, fc.integer({ min: 0, max: 700 }), (calendar, n) => {
        const wd = new WorkingDays(calendar);
        const day = wd.onOrAfter(addDays('2026-01-01', n));
        const at = jst(`${day}T${calendar.cutoff}:00`);
        const before = earliestShipDate(wd, new Date(at.getTime() - 1000));
        const justBefore = earliestShipDate(wd, new Date(at.getTime() - 60_000));
        const after = earliestShipDate(wd, at);
        expect(before).toBe(justBefore);
        if (calendar.cutoff === '00:00') expect(after).toBe(wd.addWorkingDays(wd.onOrAfter(addDays(day, 1)), calendar.leadDays));
        else expect(after).toBe(wd.addWorkingDays(before, 1));
      }),
      { numRuns: 300 },
    );
  });

  it('never ships on a 振替休日 when holidays are closed', () => {
    const substitutes = yearDays(DEFAULT_CALENDAR, 2026).concat(yearDays(DEFAULT_CALENDAR, 2027)).filter((d) => d.holiday?.includes('振替休日'));
    expect(substitutes.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(fc.constantFrom(...substitutes), fc.integer({ min: 0, max: 23 }), (day, hour) => {
        const orderedAt = jst(`${addDays(day.date, -1)}T${String(hour).padStart(2, '0')}:30:00`);
        expect(computeShipBy(order({ orderedAt }), new WorkingDays(DEFAULT_CALENDAR), orderedAt).date).not.toBe(day.date);
      }),
    );
  });
});

describe('shop calendar', () => {
  it('refuses a calendar with no working day for 60 days, and accepts 59', () => {
    const closed = (n: number) => Array.from({ length: n }, (_, i) => addDays('2026-12-01', i));
    const allWeek: ShopCalendar = { ...DEFAULT_CALENDAR, closedWeekdays: [0, 1, 2, 3, 4, 5, 6], workingDates: [] };
    expect(errorCode(() => checkCalendar(allWeek))).toBe('VALIDATION_FAILED');
    const long = { ...DEFAULT_CALENDAR, closedWeekdays: [], holidaysClosed: false };
    expect(errorCode(() => checkCalendar({ ...long, closedDates: closed(60) }))).toBe('VALIDATION_FAILED');
    expect(checkCalendar({ ...long, closedDates: closed(59) }).closedDates).toHaveLength(59);
  });

  it('refuses a bad cut-off, lead days, prefecture, or a day both closed and working', () => {
    expect(errorCode(() => checkCalendar({ ...DEFAULT_CALENDAR, cutoff: '24:00' }))).toBe('VALIDATION_FAILED');
    expect(errorCode(() => checkCalendar({ ...DEFAULT_CALENDAR, leadDays: 31 }))).toBe('VALIDATION_FAILED');
    expect(errorCode(() => checkCalendar({ ...DEFAULT_CALENDAR, transitDaysByPrefecture: { 東京: 1 } }))).toBe('VALIDATION_FAILED');
    expect(errorCode(() => checkCalendar({ ...DEFAULT_CALENDAR, closedDates: ['2026-12-01'], workingDates: ['2026-12-01'] }))).toBe('VALIDATION_FAILED');
  });

  it('an extra working day overrides a holiday and a weekly closed day', () => {
    const wd = new WorkingDays({ ...DEFAULT_CALENDAR, workingDates: ['2026-11-23', '2026-11-21'] });
    expect(wd.day('2026-11-23')).toEqual({ date: '2026-11-23', kind: 'working', holiday: '勤労感謝の日' });
    expect(wd.isWorking('2026-11-21')).toBe(true);
    expect(wd.day('2026-11-22').kind).toBe('weekly');
  });

  it('the year view has every day of the year', () => {
    expect(yearDays(DEFAULT_CALENDAR, 2028)).toHaveLength(366);
    expect(yearDays(DEFAULT_CALENDAR, 2027)).toHaveLength(365);
  });
});
