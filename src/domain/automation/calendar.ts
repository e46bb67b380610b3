import holidayJp from '@holiday-jp/holiday_jp';
import { invalidField } from '../errors.ts';
import { addDays, isLocalDate } from '../jst.ts';
import type { LocalDate } from '../order.ts';
import { PREFECTURES } from '../prefectures.ts';

/**
 * A shop's working calendar: which JST days it ships on, when the same-day cut-off falls, how
 * many working days an order needs, and how long a parcel takes to each prefecture. Public
 * holidays come from @holiday-jp/holiday_jp (a table for 1970–2050 including 振替休日 and
 * 国民の休日); the shop's own closed and working days override both them and the weekly days.
 */
export interface ShopCalendar {
  /** Weekdays the shop does not ship, 0 = Sunday … 6 = Saturday. */
  readonly closedWeekdays: readonly number[];
  /** Japanese public holidays are closed days. */
  readonly holidaysClosed: boolean;
  /** Extra closed days (年末年始, 臨時休業), `YYYY-MM-DD`. */
  readonly closedDates: readonly LocalDate[];
  /** Extra working days that override a weekly closed day or a holiday. */
  readonly workingDates: readonly LocalDate[];
  /** Same-day cut-off, JST `HH:MM`: an order at or after it counts from the next working day. */
  readonly cutoff: string;
  /** Working days between the day an order counts from and its ship date (0 = same day). */
  readonly leadDays: number;
  /** Transit days for a requested delivery date: the default and per-prefecture exceptions. */
  readonly transitDays: number;
  readonly transitDaysByPrefecture: Readonly<Record<string, number>>;
}

/** What a new shop starts with: weekends and holidays closed, a 15:00 cut-off, one lead day. */
export const DEFAULT_CALENDAR: ShopCalendar = {
  closedWeekdays: [0, 6],
  holidaysClosed: true,
  closedDates: [],
  workingDates: [],
  cutoff: '15:00',
  leadDays: 1,
  transitDays: 1,
  transitDaysByPrefecture: { 北海道: 2, 沖縄県: 3 },
};

/**
 * A calendar that leaves this many days in a row without a working day is refused: every date
 * search walks at most this far, so the ship-by rule is bounded whatever a shop enters.
 */
export const MAX_CLOSED_RUN_DAYS = 60;
export const MAX_EXTRA_DATES = 1000;
export const MAX_LEAD_DAYS = 30;
export const MAX_TRANSIT_DAYS = 14;
const CUTOFF_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

const HOLIDAYS = holidayJp.holidays as unknown as Readonly<Record<string, { readonly name: string }>>;

export type DayKind = 'working' | 'weekly' | 'holiday' | 'closed';

export interface CalendarDay {
  readonly date: LocalDate;
  readonly kind: DayKind;
  /** The holiday's name (e.g. 振替休日) when the day is one, working or not. */
  readonly holiday: string | null;
}

/** A calendar prepared for many look-ups (sets instead of arrays). */
export class WorkingDays {
  private readonly closed: ReadonlySet<string>;
  private readonly working: ReadonlySet<string>;
  private readonly weekly: ReadonlySet<number>;

  constructor(readonly calendar: ShopCalendar) {
    this.closed = new Set(calendar.closedDates);
    this.working = new Set(calendar.workingDates);
    this.weekly = new Set(calendar.closedWeekdays);
  }

  day(date: LocalDate): CalendarDay {
    const holiday = holidayName(date);
    return { date, kind: this.kind(date, holiday), holiday };
  }

  isWorking(date: LocalDate): boolean {
    return this.kind(date, holidayName(date)) === 'working';
  }

  private kind(date: LocalDate, holiday: string | null): DayKind {
    if (this.working.has(date)) return 'working';
    if (this.closed.has(date)) return 'closed';
    if (holiday !== null && this.calendar.holidaysClosed) return 'holiday';
    if (this.weekly.has(weekday(date))) return 'weekly';
    return 'working';
  }

  /** The first working day on or after `date`; bounded by MAX_CLOSED_RUN_DAYS. */
  onOrAfter(date: LocalDate): LocalDate {
    return this.walk(date, 1);
  }

  /** The last working day on or before `date`. */
  onOrBefore(date: LocalDate): LocalDate {
    return this.walk(date, -1);
  }

  /** `days` working days after the working day `from`. */
  addWorkingDays(from: LocalDate, days: number): LocalDate {
    let date = from;
    for (let i = 0; i < days; i++) date = this.onOrAfter(addDays(date, 1));
    return date;
  }

  private walk(date: LocalDate, step: 1 | -1): LocalDate {
    let d = date;
    for (let i = 0; i <= MAX_CLOSED_RUN_DAYS; i++, d = addDays(d, step)) {
      if (this.isWorking(d)) return d;
    }
    throw invalidField('calendar', `no working day within ${MAX_CLOSED_RUN_DAYS} days of ${date}`);
  }
}

export function holidayName(date: LocalDate): string | null {
  return Object.hasOwn(HOLIDAYS, date) ? HOLIDAYS[date]!.name : null;
}

/** The days of a year as the calendar page shows them. */
export function yearDays(calendar: ShopCalendar, year: number): CalendarDay[] {
  const days = new WorkingDays(calendar);
  const out: CalendarDay[] = [];
  for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addDays(d, 1)) out.push(days.day(d));
  return out;
}

/**
 * Checks a calendar a shop wants to save and returns it normalised (dates sorted and unique).
 * Refuses one that leaves MAX_CLOSED_RUN_DAYS days in a row without a working day, naming the
 * first day of that run. With a working weekday, only the extra closed days can make such a
 * run (holidays never fill a week), so the days around them are the ones checked; with every
 * weekday closed the calendar is refused outright.
 */
export function checkCalendar(input: ShopCalendar): ShopCalendar {
  const weekdays = [...new Set(input.closedWeekdays)].sort();
  if (weekdays.some((d) => !Number.isInteger(d) || d < 0 || d > 6)) throw invalidField('closedWeekdays', 'weekdays are 0 (Sunday) to 6 (Saturday)');
  if (weekdays.length === 7) throw invalidField('closedWeekdays', `every weekday closed: no working day for ${MAX_CLOSED_RUN_DAYS} days`);
  for (const field of ['closedDates', 'workingDates'] as const) {
    if (input[field].length > MAX_EXTRA_DATES) throw invalidField(field, `at most ${MAX_EXTRA_DATES} dates`);
    const bad = input[field].find((d) => !isLocalDate(d));
    if (bad !== undefined) throw invalidField(field, `${bad} is not a calendar date written YYYY-MM-DD`);
  }
  const both = input.closedDates.find((d) => input.workingDates.includes(d));
  if (both !== undefined) throw invalidField('workingDates', `${both} is both a closed and a working day`);
  if (!CUTOFF_RE.test(input.cutoff)) throw invalidField('cutoff', 'a JST time written HH:MM');
  checkDays('leadDays', input.leadDays, MAX_LEAD_DAYS);
  checkDays('transitDays', input.transitDays, MAX_TRANSIT_DAYS);
  for (const [prefecture, days] of Object.entries(input.transitDaysByPrefecture)) {
    if (!(PREFECTURES as readonly string[]).includes(prefecture)) throw invalidField('transitDaysByPrefecture', `${prefecture} is not a prefecture`);
    checkDays('transitDaysByPrefecture', days, MAX_TRANSIT_DAYS);
  }
  const calendar: ShopCalendar = {
    closedWeekdays: weekdays,
    holidaysClosed: input.holidaysClosed,
    closedDates: [...new Set(input.closedDates)].sort(),
    workingDates: [...new Set(input.workingDates)].sort(),
    cutoff: input.cutoff,
    leadDays: input.leadDays,
    transitDays: input.transitDays,
    transitDaysByPrefecture: { ...input.transitDaysByPrefecture },
  };
  const days = new WorkingDays(calendar);
  const closed = calendar.closedDates;
  if (closed.length === 0) return calendar;
  let run = 0;
  const last = addDays(closed.at(-1)!, MAX_CLOSED_RUN_DAYS);
  for (let d = addDays(closed[0]!, -MAX_CLOSED_RUN_DAYS); d <= last; d = addDays(d, 1)) {
    run = days.isWorking(d) ? 0 : run + 1;
    if (run >= MAX_CLOSED_RUN_DAYS) {
      throw invalidField('closedDates', `no working day for ${MAX_CLOSED_RUN_DAYS} days from ${addDays(d, 1 - MAX_CLOSED_RUN_DAYS)}`);
    }
  }
  return calendar;
}

function checkDays(field: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 0 || value > max) throw invalidField(field, `a whole number of days from 0 to ${max}`);
}

/** 0 = Sunday, for a `YYYY-MM-DD` day (the date itself, no time zone involved). */
export function weekday(date: LocalDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

// Day arithmetic lives with the other JST date helpers, where the web can take it without the holiday table.
export { addDays, daysBetween } from '../jst.ts';
