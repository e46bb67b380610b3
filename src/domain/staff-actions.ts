import { applyEvent, entry, statusMove, statusOf } from './action.ts';
import type { ActionContext, ActionResult } from './action.ts';
import { MAX_SHIPMENTS_PER_PACKAGE, MAX_TRACKING_NUMBER_LENGTH, findCarrier } from './carriers.ts';
import { DomainError, invalidField } from './errors.ts';
import { isLocalDate } from './jst.ts';
import { isDetermined } from './money.ts';
import type { RmsOperation } from './operations.ts';
import type { LocalDate, Order, Package, Shipment } from './order.ts';
import { isAcceptedReason } from './reasons.ts';
import type { StatusMove } from './history.ts';
import { computeTotals } from './totals.ts';
import { allowedActions } from './transitions.ts';
import { automationOf } from './automation/order-automation.ts';

export const MAX_HOLD_REASON_CHARS = 200;
import type { OrderEvent, StaffAction } from './transitions.ts';

/** Staff actions other than edits: confirm, ship, hold, release, cancel. */

function requireAllowed(order: Order, action: StaffAction): void {
  if (!allowedActions(order).includes(action)) {
    throw new DomainError(
      'INVALID_TRANSITION',
      { status: order.status, statusBeforeHold: order.statusBeforeHold, action },
      `Action ${action} is not allowed in status ${order.status}.`,
    );
  }
}

function moved(order: Order, event: OrderEvent): { next: Order; move: StatusMove; before: unknown; after: unknown } {
  const next = applyEvent(order, event);
  return { next, move: statusMove(order, next), before: statusOf(order), after: statusOf(next) };
}

/**
 * 注文確認. RMS refuses to confirm while any amount is undetermined (ERROR_105), so neither do
 * we: staff set the postage first.
 */
export function confirmOrder(order: Order, ctx: ActionContext): ActionResult {
  requireAllowed(order, 'confirm');
  const totals = computeTotals(order);
  if (!isDetermined(totals.requestPrice)) {
    throw new DomainError('POSTAGE_UNDETERMINED', {
      packages: order.packages.filter((p) => !isDetermined(p.postagePrice) || !isDetermined(p.deliveryPrice)).map((p) => p.basketId),
    });
  }
  const { next, move, before, after } = moved(order, { type: 'staffConfirmed' });
  return {
    order: next,
    operations: [{ kind: 'syncConfirmation' }],
    history: [entry(ctx, 'confirmed', { code: 'confirmed', params: move }, before, after)],
  };
}

export interface ShipmentInput {
  basketId: number;
  /** RMS carrier code, e.g. "1001". */
  deliveryCompany: string;
  shippingNumber: string | null;
  shippingDate: LocalDate;
}

/** The row 出荷予定日連携 left in RMS: the planned date, no tracking number yet. */
function isPlannedShipDateRow(order: Order, s: Shipment): boolean {
  return s.shippingNumber === null && s.shippingDate !== null && s.shippingDate === order.plannedShipDate;
}

/**
 * 出荷登録. 楽天ペイ makes the shipping report mandatory, with the tracking number for every
 * carrier that issues one. The order counts as shipped once every package has a shipment.
 * A row RMS already holds without a tracking number (the planned ship date) is completed
 * rather than duplicated.
 */
export function registerShipment(order: Order, input: ShipmentInput, ctx: ActionContext): ActionResult {
  requireAllowed(order, 'registerShipment');
  const at = order.packages.findIndex((p) => p.basketId === input.basketId);
  const pkg = order.packages[at];
  if (pkg === undefined) throw invalidField('basketId', `no package ${input.basketId} in this order`);
  const carrier = findCarrier(input.deliveryCompany);
  if (!carrier) throw invalidField('deliveryCompany', `unknown carrier code ${input.deliveryCompany}`);
  const shippingNumber = input.shippingNumber?.trim() || null;
  if (shippingNumber === null && carrier.hasTracking) {
    throw new DomainError('TRACKING_NUMBER_REQUIRED', { field: 'shippingNumber', deliveryCompany: carrier.code });
  }
  if (shippingNumber !== null && [...shippingNumber].length > MAX_TRACKING_NUMBER_LENGTH) {
    throw invalidField('shippingNumber', `at most ${MAX_TRACKING_NUMBER_LENGTH} characters`);
  }
  if (!isLocalDate(input.shippingDate)) throw invalidField('shippingDate', 'must be a calendar date written YYYY-MM-DD');

  const planned = pkg.shipments.find((s) => isPlannedShipDateRow(order, s));
  const shipment: Shipment = {
    shippingDetailId: planned?.shippingDetailId ?? null,
    deliveryCompany: carrier.code,
    shippingNumber,
    shippingDate: input.shippingDate,
  };
  const shipments = planned ? pkg.shipments.map((s) => (s === planned ? shipment : s)) : [...pkg.shipments, shipment];
  if (shipments.length > MAX_SHIPMENTS_PER_PACKAGE) {
    throw invalidField('basketId', `at most ${MAX_SHIPMENTS_PER_PACKAGE} shipments per package`);
  }
  const packages = order.packages.map((p, n): Package => (n === at ? { ...p, shipments } : p));
  const everyPackageShipped = packages.every((p, n) => n === at || p.shipments.some((s) => !isPlannedShipDateRow(order, s)));
  const { next, move, before, after } = moved(
    { ...order, packages },
    { type: everyPackageShipped ? 'shipmentRegistered' : 'partialShipmentRegistered' },
  );
  const operation: RmsOperation = {
    kind: 'syncShippingReport',
    basketId: pkg.basketId,
    deliveryCompany: carrier.code,
    shippingNumber,
    shippingDate: input.shippingDate,
  };
  const params = { ...move, package: order.packages.length > 1 ? at + 1 : null, carrier: carrier.code, shippingNumber, shippingDate: input.shippingDate };
  return {
    order: next,
    operations: [operation],
    history: [entry(ctx, 'shipmentRegistered', { code: 'shipmentRegistered', params }, { ...(before as object), shipments: pkg.shipments }, { ...(after as object), shipments })],
  };
}

/** 保留: a local overlay; RMS is not told. The reason is shown to staff until the release. */
export function holdOrder(order: Order, ctx: ActionContext, reason: string | null = null): ActionResult {
  requireAllowed(order, 'hold');
  const holdReason = reason?.trim() || null;
  if (holdReason !== null && holdReason.length > MAX_HOLD_REASON_CHARS) throw invalidField('reason', `at most ${MAX_HOLD_REASON_CHARS} characters`);
  const { next, move, before, after } = moved(order, { type: 'held' });
  return {
    order: { ...next, holdReason },
    operations: [],
    history: [entry(ctx, 'held', { code: 'held', params: { ...move, reason: holdReason } }, before, { ...(after as object), holdReason })],
  };
}

/** A hold a sorting rule put on is remembered as released, so that rule does not hold the order again. */
export function releaseOrder(order: Order, ctx: ActionContext): ActionResult {
  requireAllowed(order, 'release');
  const { next, move, before, after } = moved(order, { type: 'released' });
  const automation = automationOf(order);
  const released =
    automation.holdRuleId === null
      ? next
      : { ...next, automation: { ...automation, holdRuleId: null, releasedHoldRuleIds: [...automation.releasedHoldRuleIds, automation.holdRuleId] } };
  return { order: { ...released, holdReason: null }, operations: [], history: [entry(ctx, 'released', { code: 'released', params: move }, before, after)] };
}

/**
 * 店舗側キャンセル. The seed's shops cancel in RMS by hand after moving the order to キャンセル;
 * shops that enabled it have cancelOrder sent for them instead.
 */
export function cancelOrder(order: Order, input: { reason: number }, ctx: ActionContext): ActionResult {
  requireAllowed(order, 'cancel');
  if (!isAcceptedReason(input.reason)) throw invalidField('reason', `unknown cancel reason code ${input.reason}`);
  const { next, move, before, after } = moved(order, { type: 'staffCancelled' });
  const viaApi = ctx.shop.cancelViaApi;
  const params = { ...move, reason: input.reason };
  return {
    order: next,
    operations: viaApi ? [{ kind: 'syncCancellation', reason: input.reason }] : [],
    history: [entry(ctx, 'cancelled', viaApi ? { code: 'cancelledSentToRms', params } : { code: 'cancelledFinishInRms', params }, { ...(before as object), reason: null }, { ...(after as object), reason: input.reason })],
  };
}
