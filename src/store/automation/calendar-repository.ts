import type { Kysely } from 'kysely';
import { DEFAULT_CALENDAR, type ShopCalendar } from '../../domain/automation/calendar.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Tables } from '../tables.ts';
import './tables.ts';

export interface StoredCalendar {
  readonly calendar: ShopCalendar;
  /** 0 while the shop still has the default calendar. */
  readonly version: number;
}

/** Each shop's calendar; a shop that never saved one has DEFAULT_CALENDAR. */
export class CalendarRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  async get(shopCode: string): Promise<StoredCalendar> {
    const row = await this.db.selectFrom('automation_calendars').select(['calendar', 'version']).where('shop_code', '=', shopCode).executeTakeFirst();
    return row ? { calendar: { ...DEFAULT_CALENDAR, ...(JSON.parse(row.calendar) as ShopCalendar) }, version: Number(row.version) } : { calendar: DEFAULT_CALENDAR, version: 0 };
  }

  /** Saves over `version` (0 for the default); someone else's save in between → VERSION_CONFLICT. */
  async save(shopCode: string, calendar: ShopCalendar, version: number, now: Date): Promise<StoredCalendar> {
    const values = { calendar: JSON.stringify(calendar), version: version + 1, updated_at: now.toISOString() };
    const written =
      version === 0
        ? await this.db
            .insertInto('automation_calendars')
            .values({ shop_code: shopCode, ...values })
            .onConflict((oc) => oc.column('shop_code').doNothing())
            .executeTakeFirst()
            .then((r) => Number(r.numInsertedOrUpdatedRows ?? 0))
        : await this.db
            .updateTable('automation_calendars')
            .set(values)
            .where('shop_code', '=', shopCode)
            .where('version', '=', version)
            .executeTakeFirst()
            .then((r) => Number(r.numUpdatedRows));
    if (written !== 1) throw new DomainError('VERSION_CONFLICT', { shopCode, version }, `the calendar of ${shopCode} was changed by someone else`);
    return { calendar, version: version + 1 };
  }
}
