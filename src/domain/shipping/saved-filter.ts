import { addDays, daysBetween } from '../jst.ts';
import type { LocalDate } from '../order.ts';
import type { OrderStatus } from '../status.ts';
import type { CarrierProfileId } from './profile.ts';

/**
 * A saved filter of the 出荷作業 page: the selection staff use day after day, under a name.
 * The ship-by day is kept as days from the day the filter is used (0: today's and overdue
 * 出荷予定日, 1: tomorrow's too), since a fixed date would be stale the next morning.
 */
export interface SavedSelection {
  readonly carrier: CarrierProfileId;
  readonly statuses: readonly OrderStatus[];
  readonly exported: 'any' | 'no' | 'yes';
  /** Null: any 出荷予定日. */
  readonly shipByDays: number | null;
}

export const MAX_SHIP_BY_DAYS = 60;
export const MAX_FILTER_NAME_LENGTH = 40;

/** The ship-by day a saved filter means on `today` (JST), or null. */
export function shipByOn(selection: SavedSelection, today: LocalDate): LocalDate | null {
  return selection.shipByDays === null ? null : addDays(today, selection.shipByDays);
}

/** A ship-by day picked on `today`, as a saved filter keeps it (a day in the past counts as today). */
export function shipByDaysFrom(shipBy: LocalDate | null, today: LocalDate): number | null {
  return shipBy === null ? null : Math.min(MAX_SHIP_BY_DAYS, Math.max(0, daysBetween(today, shipBy)));
}
