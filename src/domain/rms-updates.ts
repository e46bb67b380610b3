import { applyEvent, entry, statusMove, statusOf } from './action.ts';
import { localAutomationFields } from './automation/order-automation.ts';
import type { ActionContext, ActionResult } from './action.ts';
import { DomainError } from './errors.ts';
import type { HistoryAction, HistoryEntry, HistoryMessage, HistoryParams } from './history.ts';
import { amountToNullable, isDetermined, sameAmount } from './money.ts';
import type { RmsOperation, RmsOperationKind } from './operations.ts';
import type { Order, Package, RmsAmounts, Shipment } from './order.ts';
import { CHANGE_REASONS } from './reasons.ts';
import { same } from './same-data.ts';
import type { OrderStatus } from './status.ts';
import { computeTotals } from './totals.ts';
import { classifyProgress, transition } from './transitions.ts';
import type { OrderEvent } from './transitions.ts';

/** Changes found in RMS are RMS's doing, whoever ran the sync. */
const RMS = { kind: 'rms' } as const;

export interface SnapshotOptions {
  /**
   * Operations for this order still waiting in the outbox. While one is, the local values it
   * carries win over RMS's older ones: an import must never undo a staff edit on its way out.
   */
  readonly pendingOperations?: readonly RmsOperationKind[];
}

/**
 * Imports an order from RMS or brings a known one up to date. RMS's fields are taken as they
 * are; the local ones (status under its hold, planned ship date, the 減額理由 of a pending
 * edit, version) are kept, and the status moves by the transition table. History records
 * what changed in RMS. When nothing changed at all, the result's order is `existing` itself,
 * so callers can skip the write.
 */
export function applyRmsSnapshot(existing: Order | null, snapshot: Order, ctx: ActionContext, options: SnapshotOptions = {}): ActionResult {
  const updated = existing === null ? imported(snapshot, ctx) : refreshed(existing, snapshot, ctx, new Set(options.pendingOperations ?? []));
  const confirmed = autoConfirm(updated.order, ctx);
  const result = confirmed
    ? { order: confirmed.order, operations: [...updated.operations, ...confirmed.operations], history: [...updated.history, ...confirmed.history] }
    : updated;
  if (existing !== null && result.operations.length === 0 && same(result.order, existing)) {
    return { order: existing, operations: [], history: [] };
  }
  return result;
}

function imported(snapshot: Order, ctx: ActionContext): ActionResult {
  const state = transition(null, { type: 'imported', progress: snapshot.rmsProgress });
  if (!state.ok) throw new DomainError('INVALID_TRANSITION', { orderNumber: snapshot.orderNumber });
  const order: Order = { ...snapshot, ...state.state, reductionReason: null };
  const message: HistoryMessage = { code: 'imported', params: { progress: order.rmsProgress, to: statusOf(order) } };
  return { order, operations: [], history: [entry({ now: ctx.now, actor: RMS }, 'imported', message, null, { ...statusOf(order), rmsProgress: order.rmsProgress })] };
}

function refreshed(existing: Order, snapshot: Order, ctx: ActionContext, pending: ReadonlySet<RmsOperationKind>): ActionResult {
  const amountsPending = pending.has('syncItemChanges') || pending.has('syncPostageAndFees');
  const deliveryPending = pending.has('syncDeliveryDateTime');
  const shipmentsPending = pending.has('syncShippingReport');
  let order: Order = {
    ...snapshot,
    status: existing.status,
    statusBeforeHold: existing.statusBeforeHold,
    confirmedAt: snapshot.confirmedAt ?? existing.confirmedAt,
    plannedShipDate: existing.plannedShipDate,
    ...localAutomationFields(existing),
    reductionReason: amountsPending ? existing.reductionReason : null,
    version: existing.version,
    packages: snapshot.packages.map((pkg) => keepPendingPackage(pkg, existing.packages.find((p) => p.basketId === pkg.basketId), amountsPending, shipmentsPending)),
    paymentCharge: amountsPending ? existing.paymentCharge : snapshot.paymentCharge,
    deliveryDate: deliveryPending ? existing.deliveryDate : snapshot.deliveryDate,
    shippingTerm: deliveryPending ? existing.shippingTerm : snapshot.shippingTerm,
  };
  const say = (action: HistoryAction, message: HistoryMessage, before: unknown, after: unknown): HistoryEntry =>
    entry({ now: ctx.now, actor: RMS }, action, message, before, after);
  const history: HistoryEntry[] = [];
  const operations: RmsOperation[] = [];

  if (snapshot.rmsProgress !== existing.rmsProgress) {
    order = applyEvent(order, { type: 'rmsProgressChanged', progress: snapshot.rmsProgress });
    const progress = {
      fromProgress: existing.rmsProgress,
      toProgress: snapshot.rmsProgress,
      status: order.status === existing.status && order.statusBeforeHold === existing.statusBeforeHold ? null : statusMove(existing, order),
    };
    const before = { ...statusOf(existing), rmsProgress: existing.rmsProgress };
    const after = { ...statusOf(order), rmsProgress: order.rmsProgress };
    const foundCancelled = classifyProgress(snapshot.rmsProgress) === 'cancelled' && classifyProgress(existing.rmsProgress) !== 'cancelled';
    if (foundCancelled) {
      // The seed's path: an order cancelled while awaiting confirmation is settled by sending
      // the confirmation, whose answer (ERROR_102) moves it to キャンセル.
      const viaConfirmation = beneath(existing) === 'awaiting_confirmation' && beneath(order) === 'confirmation_queued';
      if (viaConfirmation) operations.push({ kind: 'syncConfirmation' });
      const params = { ...progress, reason: cancelReason(snapshot), settlingByConfirmation: viaConfirmation };
      history.push(say('rmsCancelled', { code: 'rmsCancelled', params }, before, after));
    } else {
      history.push(say('rmsProgressChanged', { code: 'rmsProgressChanged', params: progress }, before, after));
    }
  }

  // The seed's path waits for the confirmation's answer; with no confirmation left to answer
  // (it failed, or never went), RMS's word settles it, so no order stays 注文確認連携待ち forever.
  if (beneath(existing) === 'confirmation_queued' && classifyProgress(snapshot.rmsProgress) === 'cancelled' && !pending.has('syncConfirmation')) {
    const was = order;
    order = applyEvent(order, { type: 'confirmationFoundCancelled' });
    history.push(say('rmsCancelled', { code: 'rmsCancelledWithoutConfirmation', params: statusMove(was, order) }, statusOf(was), statusOf(order)));
  }

  const amountChanges = changedRmsAmounts(existing.rmsAmounts, snapshot.rmsAmounts);
  if (amountChanges.length > 0) {
    history.push(
      say(
        'rmsAmountsChanged',
        {
          code: 'rmsAmountsChanged',
          params: {
            changes: amountChanges.map((field) => ({ field, before: amountToNullable(existing.rmsAmounts[field]), after: amountToNullable(snapshot.rmsAmounts[field]) })),
          },
        },
        Object.fromEntries(amountChanges.map((f) => [f, amountToNullable(existing.rmsAmounts[f])])),
        Object.fromEntries(amountChanges.map((f) => [f, amountToNullable(snapshot.rmsAmounts[f])])),
      ),
    );
  }

  if (existing.subStatusId !== snapshot.subStatusId || existing.subStatusName !== snapshot.subStatusName) {
    history.push(
      say(
        'rmsSubStatusChanged',
        { code: 'rmsSubStatusChanged', params: { before: existing.subStatusName, after: snapshot.subStatusName } },
        { subStatusId: existing.subStatusId, subStatusName: existing.subStatusName },
        { subStatusId: snapshot.subStatusId, subStatusName: snapshot.subStatusName },
      ),
    );
  }

  const shipmentChanges = changedShipments(existing, order);
  if (shipmentChanges.length > 0) {
    history.push(
      say(
        'rmsShipmentsChanged',
        { code: 'rmsShipmentsChanged', params: { packages: shipmentChanges } },
        existing.packages.map((p) => ({ basketId: p.basketId, shipments: p.shipments })),
        order.packages.map((p) => ({ basketId: p.basketId, shipments: p.shipments })),
      ),
    );
  }

  if (existing.deliveryDate !== order.deliveryDate || existing.shippingTerm !== order.shippingTerm) {
    history.push(
      say(
        'rmsDeliveryChanged',
        {
          code: 'rmsDeliveryChanged',
          params: {
            before: { deliveryDate: existing.deliveryDate, shippingTerm: existing.shippingTerm },
            after: { deliveryDate: order.deliveryDate, shippingTerm: order.shippingTerm },
          },
        },
        { deliveryDate: existing.deliveryDate, shippingTerm: existing.shippingTerm },
        { deliveryDate: order.deliveryDate, shippingTerm: order.shippingTerm },
      ),
    );
  }

  return { order, operations, history };
}

/** The status an order is in, or would be in without its hold. */
function beneath(order: Order): OrderStatus {
  return order.status === 'on_hold' ? (order.statusBeforeHold ?? 'new') : order.status;
}

function keepPendingPackage(pkg: Package, local: Package | undefined, amountsPending: boolean, shipmentsPending: boolean): Package {
  if (local === undefined) return pkg;
  const items = amountsPending
    ? pkg.items.map((item) => {
        const mine = local.items.find((i) => i.itemDetailId === item.itemDetailId);
        return mine ? { ...item, units: mine.units, price: mine.price } : item;
      })
    : pkg.items;
  return {
    ...pkg,
    postagePrice: amountsPending ? local.postagePrice : pkg.postagePrice,
    deliveryPrice: amountsPending ? local.deliveryPrice : pkg.deliveryPrice,
    items,
    shipments: shipmentsPending ? local.shipments : pkg.shipments,
  };
}

/** In the order RMS's amount block lists them, which is the order history names them in. */
const RMS_AMOUNT_FIELDS: readonly (keyof RmsAmounts)[] = ['goodsPrice', 'postagePrice', 'deliveryPrice', 'paymentCharge', 'totalPrice', 'requestPrice'];

function changedRmsAmounts(before: RmsAmounts, after: RmsAmounts): (keyof RmsAmounts)[] {
  return RMS_AMOUNT_FIELDS.filter((f) => !sameAmount(before[f], after[f]));
}

/** The reason code on RMS's latest cancellation record (changeType 0–2), if it is one juchu knows. */
function cancelReason(order: Order): number | null {
  const record = [...order.changeReasons].reverse().find((r) => r.changeType !== null && r.changeType <= 2 && r.changeReasonDetail !== null);
  return CHANGE_REASONS.find((r) => r.code === record?.changeReasonDetail)?.code ?? null;
}

/** The same shipment, whether or not RMS has issued its shippingDetailId yet. */
function sameShipment(a: Shipment, b: Shipment): boolean {
  return a.deliveryCompany === b.deliveryCompany && a.shippingNumber === b.shippingNumber && a.shippingDate === b.shippingDate;
}

function changedShipments(before: Order, after: Order): HistoryParams['rmsShipmentsChanged']['packages'][number][] {
  const parts: HistoryParams['rmsShipmentsChanged']['packages'][number][] = [];
  for (const [i, pkg] of after.packages.entries()) {
    const old = before.packages.find((p) => p.basketId === pkg.basketId)?.shipments ?? [];
    const added = pkg.shipments.filter((s) => !old.some((o) => sameShipment(o, s)));
    const removed = old.filter((o) => !pkg.shipments.some((s) => sameShipment(o, s)));
    if (added.length === 0 && removed.length === 0) continue;
    parts.push({
      package: after.packages.length > 1 ? i + 1 : null,
      added: added.map((s) => ({ carrier: s.deliveryCompany, shippingNumber: s.shippingNumber, shippingDate: s.shippingDate })),
      removed: removed.length,
    });
  }
  return parts;
}

/**
 * Auto-confirm shops (自動注文確認 ON) should never hold an order in 注文確認待ち; if RMS still
 * delivers one (its own setting off), juchu confirms it rather than let the 14-day deadline
 * run out. An undetermined amount still waits for staff: RMS would refuse it.
 */
function autoConfirm(order: Order, ctx: ActionContext): ActionResult | null {
  if (!ctx.shop.autoConfirm || order.status !== 'awaiting_confirmation') return null;
  if (!isDetermined(computeTotals(order).requestPrice)) return null;
  const next = applyEvent(order, { type: 'staffConfirmed' });
  return {
    order: next,
    operations: [{ kind: 'syncConfirmation' }],
    history: [entry(ctx, 'autoConfirmed', { code: 'autoConfirmed', params: statusMove(order, next) }, statusOf(order), statusOf(next))],
  };
}

export type ConfirmationOutcome = 'accepted' | 'alreadyConfirmed' | 'cancelled';

type ConfirmationCode = 'confirmationAccepted' | 'confirmationAlreadyConfirmed' | 'confirmationFoundCancelled';

const OUTCOMES: Readonly<Record<ConfirmationOutcome, { event: OrderEvent; action: 'confirmationAccepted' | 'confirmationFoundCancelled'; code: ConfirmationCode }>> = {
  accepted: { event: { type: 'confirmationAccepted' }, action: 'confirmationAccepted', code: 'confirmationAccepted' },
  alreadyConfirmed: { event: { type: 'confirmationAccepted' }, action: 'confirmationAccepted', code: 'confirmationAlreadyConfirmed' },
  cancelled: { event: { type: 'confirmationFoundCancelled' }, action: 'confirmationFoundCancelled', code: 'confirmationFoundCancelled' },
};

/** What confirmOrder answered: INFO_101, ERROR_103 (already confirmed) or ERROR_102 (cancelled). */
export function applyConfirmationOutcome(order: Order, outcome: ConfirmationOutcome, ctx: ActionContext): ActionResult {
  const { event, action, code } = OUTCOMES[outcome];
  const moved = applyEvent(order, event);
  const next = outcome === 'accepted' && moved.confirmedAt === null ? { ...moved, confirmedAt: ctx.now } : moved;
  return { order: next, operations: [], history: [entry(ctx, action, { code, params: statusMove(order, next) }, statusOf(order), statusOf(next))] };
}
