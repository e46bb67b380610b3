import { z } from 'zod';
import { DEFAULT_CALENDAR, MAX_EXTRA_DATES, MAX_LEAD_DAYS, MAX_TRANSIT_DAYS, checkCalendar } from '../../domain/automation/calendar.ts';
import type { ShopCalendar } from '../../domain/automation/calendar.ts';
import { DomainError } from '../../domain/errors.ts';
import { PREFECTURES } from '../../domain/prefectures.ts';
import { defineConcern } from '../settings/concern.ts';

const localDate = z.iso.date();

/** The shop calendar as the settings store keeps it (docs/AUTOMATION.md). */
export const CalendarDocumentSchema = z
  .strictObject({
    closedWeekdays: z.array(z.number().int().min(0).max(6)).max(7),
    holidaysClosed: z.boolean(),
    closedDates: z.array(localDate).max(MAX_EXTRA_DATES),
    workingDates: z.array(localDate).max(MAX_EXTRA_DATES),
    cutoff: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'cutoff: HH:MM'),
    leadDays: z.number().int().min(0).max(MAX_LEAD_DAYS),
    transitDays: z.number().int().min(0).max(MAX_TRANSIT_DAYS),
    transitDaysByPrefecture: z.partialRecord(z.enum(PREFECTURES), z.number().int().min(0).max(MAX_TRANSIT_DAYS)),
  })
  .superRefine((calendar, ctx) => {
    // The rules a schema cannot say: a day both closed and working, 60 closed days in a row.
    try {
      checkCalendar(calendar);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      const { field, problem } = (err.details ?? {}) as { field?: string; problem?: string };
      ctx.addIssue({ code: 'custom', message: problem ?? err.message, path: field ? [field] : [] });
    }
  });

/** 店舗カレンダー: a settings concern; a shop that never saved one has DEFAULT_CALENDAR. */
export const calendarConcern = defineConcern({
  id: 'calendar',
  schema: CalendarDocumentSchema,
  defaults: (): z.output<typeof CalendarDocumentSchema> => structuredClone(DEFAULT_CALENDAR) as z.output<typeof CalendarDocumentSchema>,
  editors: 'shop-staff',
});

export type CalendarDocument = z.output<typeof CalendarDocumentSchema>;

export function toShopCalendar(document: CalendarDocument): ShopCalendar {
  return document as ShopCalendar;
}
