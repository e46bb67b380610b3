import { jstDate, toJstIso } from '../jst.ts';
import type { LocalDate, Order } from '../order.ts';
import type { WorkingDays } from './calendar.ts';
import { addDays, daysBetween } from './calendar.ts';

export type { ShipByFlag } from './labels.ts';
import type { ShipByFlag } from './labels.ts';

export interface ShipBy {
  readonly date: LocalDate;
  /** How it was found: back from the requested delivery date, or forward from the order. */
  readonly basis: 'deliveryDate' | 'orderDate';
  readonly flags: readonly ShipByFlag[];
  /** The day 楽天ペイ re-authorises, when `reauthorisation` is flagged. */
  readonly reauthorisationDate: LocalDate | null;
}

/** Authorisation lasts 30 days from the order; RMS re-authorises this many days before the date. */
export const AUTHORISATION_DAYS = 30;
export const REAUTHORISATION_LEAD_DAYS = 7;

/**
 * The earliest day the shop can ship an order placed at `orderedAt`: the order counts from
 * its own JST day when that is a working day and the order came before the cut-off (to the
 * minute: 14:59:59 is before a 15:00 cut-off, 15:00:00 is not), otherwise from the next
 * working day; then `leadDays` working days later.
 */
export function earliestShipDate(days: WorkingDays, orderedAt: Date): LocalDate {
  const iso = toJstIso(orderedAt);
  const day = iso.slice(0, 10);
  const beforeCutoff = iso.slice(11, 16) < days.calendar.cutoff;
  const start = beforeCutoff && days.isWorking(day) ? day : days.onOrAfter(addDays(day, 1));
  return days.addWorkingDays(start, days.calendar.leadDays);
}

/**
 * 出荷予定日. With a requested delivery date: that date minus the transit days to the first
 * package's prefecture, moved back to the previous working day; if that is earlier than the
 * shop can ship, the earliest day instead, flagged. Without one: the earliest day. `now`
 * decides `past` only; the date itself depends on the order and the calendar alone.
 */
export function computeShipBy(order: Order, days: WorkingDays, now: Date): ShipBy {
  const earliest = earliestShipDate(days, order.orderedAt);
  const flags: ShipByFlag[] = [];
  let date = earliest;
  let basis: ShipBy['basis'] = 'orderDate';
  if (order.deliveryDate !== null) {
    basis = 'deliveryDate';
    const prefecture = order.packages[0]?.recipient.address.prefecture ?? '';
    const transit = days.calendar.transitDaysByPrefecture[prefecture] ?? days.calendar.transitDays;
    const latest = days.onOrBefore(addDays(order.deliveryDate, -transit));
    if (latest < earliest) flags.push('deliveryUnreachable');
    else date = latest;
  }
  if (date < jstDate(now)) flags.push('past');
  const reauthorisation = daysBetween(jstDate(order.orderedAt), date) > AUTHORISATION_DAYS;
  if (reauthorisation) flags.push('reauthorisation');
  return { date, basis, flags, reauthorisationDate: reauthorisation ? addDays(date, -REAUTHORISATION_LEAD_DAYS) : null };
}
