import { entry } from '../action.ts';
import type { ActionContext, ActionResult } from '../action.ts';
import { plannedShipDateOperations } from '../edits.ts';
import { DomainError } from '../errors.ts';
import type { Order } from '../order.ts';
import type { OrderStatus } from '../status.ts';
import type { WorkingDays } from './calendar.ts';
import { computeShipBy } from './ship-by.ts';
import type { ShipBy } from './ship-by.ts';

/**
 * What automation keeps on an order. `shipByPush` makes 出荷予定日連携 happen once: `waiting`
 * until the order is in 楽天処理中 or 新規受付, then `queued`; `never` for orders that were
 * already shipped, reported or cancelled when first imported.
 */
export interface OrderAutomation {
  readonly shipBy: ShipBy | null;
  readonly shipByPush: 'waiting' | 'queued' | 'never';
  /** The rule whose hold is on the order now. */
  readonly holdRuleId: number | null;
  /** Rules whose hold staff released: the same rule never holds the order again. */
  readonly releasedHoldRuleIds: readonly number[];
}

export const NO_AUTOMATION: OrderAutomation = { shipBy: null, shipByPush: 'waiting', holdRuleId: null, releasedHoldRuleIds: [] };

export function automationOf(order: Order): OrderAutomation {
  return order.automation ?? NO_AUTOMATION;
}

/** The status an order is in, or would be in without its hold. */
export function statusBeneath(order: Order): OrderStatus {
  return order.status === 'on_hold' ? (order.statusBeforeHold ?? 'new') : order.status;
}

/**
 * The order's local automation fields that are set, for carrying over a refresh from RMS.
 * Unset ones stay absent rather than `undefined`, so an unchanged order still compares equal
 * to the stored one and is not rewritten.
 */
export function localAutomationFields(order: Order): Pick<Order, 'holdReason' | 'workState' | 'automation'> {
  const fields: { holdReason?: string | null; workState?: string | null; automation?: OrderAutomation } = {};
  if (order.holdReason !== undefined) fields.holdReason = order.holdReason;
  if (order.workState !== undefined) fields.workState = order.workState;
  if (order.automation !== undefined) fields.automation = order.automation;
  return fields;
}

const CLOSED: readonly OrderStatus[] = ['shipped', 'completed', 'cancelled'];
const PUSHABLE: readonly OrderStatus[] = ['rakuten_processing', 'new'];

/**
 * The ship-by date on import (and on any later sight of an order that has none yet), and its
 * one push to RMS once the order is in 楽天処理中 or 新規受付. A date staff entered is theirs:
 * it is never recomputed and pushed by the edit that set it. `days` is null when the shop's
 * calendar could not be read; the order is then left as it is.
 */
export function planShipBy(before: Order | null, order: Order, days: WorkingDays | null, ctx: ActionContext): ActionResult {
  let automation = automationOf(order);
  const result: ActionResult = { order, operations: [], history: [] };
  if (before === null && CLOSED.includes(statusBeneath(order))) {
    return { ...result, order: { ...order, automation: { ...automation, shipByPush: 'never' } } };
  }
  let next = order;
  if (days !== null && automation.shipBy === null && order.plannedShipDate === null && !CLOSED.includes(statusBeneath(order))) {
    let shipBy: ShipBy;
    try {
      shipBy = computeShipBy(order, days, ctx.now);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      result.history.push(entry(ctx, 'shipByComputed', { code: 'shipByFailed', params: { error: err.message } }, null, null));
      return result;
    }
    automation = { ...automation, shipBy };
    next = { ...next, plannedShipDate: shipBy.date, automation };
    const params = { date: shipBy.date, basis: shipBy.basis, flags: shipBy.flags, reauthorisationDate: shipBy.reauthorisationDate };
    result.history.push(entry(ctx, 'shipByComputed', { code: 'shipByComputed', params }, { plannedShipDate: null }, { plannedShipDate: shipBy.date, flags: shipBy.flags }));
  }
  if (automation.shipBy !== null && automation.shipByPush === 'waiting' && next.plannedShipDate !== null && PUSHABLE.includes(statusBeneath(next))) {
    const date = next.plannedShipDate;
    const operations = plannedShipDateOperations(next, date);
    automation = { ...automation, shipByPush: 'queued' };
    next = { ...next, automation };
    result.operations.push(...operations);
    if (operations.length > 0) {
      result.history.push(entry(ctx, 'shipByComputed', { code: 'shipByQueued', params: { date } }, null, { plannedShipDate: date }));
    }
  }
  return { ...result, order: next };
}
