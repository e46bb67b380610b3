import { CHANGE_REASON_SIDE, CHANGE_TYPE, formatDatetime, ORDER_PROGRESS, PAYMENT_STATUS } from '../rms/wire/index.ts';
import { processAsyncShipping } from './async-shipping.ts';
import { addChange, AUTO_CANCEL_REASON, isCard, isRpay, reasonSide, setProgress } from './order-changes.ts';
import type { SandboxOrder } from './order-record.ts';
import type { ScheduledEvent } from './scheduler.ts';
import { afterShippingInfoChanged, markShipped, reauthorize, shippingReportComplete, startSettlement } from './shipping-rules.ts';
import type { SandboxState } from './state.ts';

/**
 * Rakuten's side of an order's life: confirmation, payment, automatic cancellation, the
 * shipping batch, settlement and re-authorisation. Every transition takes the instant it
 * happens at, so events replayed lazily carry their own time, not the time they were noticed.
 */
const DAY = 86_400_000;
const { awaitingConfirmation, rakutenProcessing, awaitingShipment, awaitingChangeFix, paymentInProgress, paymentDone, awaitingCancelFix, cancelled } = ORDER_PROGRESS;

/** Reads the clock after applying every event due by then. */
export function currentTime(state: SandboxState): Date {
  const now = state.clock.now();
  runDueEvents(state, now.getTime());
  return now;
}

export function runDueEvents(state: SandboxState, nowMs: number): void {
  for (let event = state.scheduler.popDue(nowMs); event; event = state.scheduler.popDue(nowMs)) {
    applyEvent(state, event);
    state.revision++;
  }
}

function applyEvent(state: SandboxState, event: ScheduledEvent): void {
  if (event.kind === 'asyncShipping') {
    processAsyncShipping(state, event.subject, new Date(event.at));
    return;
  }
  const order = state.orders.get(event.subject);
  if (!order || order.pending.get(event.kind) !== event) return;
  order.pending.delete(event.kind);
  const at = new Date(event.at);
  if (deferredWhileParked(state, order, event)) return;
  switch (event.kind) {
    case 'confirmationDeadline':
      if (order.model.orderProgress === awaitingConfirmation) cancelByRakuten(state, order, at, CHANGE_REASON_SIDE.shop, AUTO_CANCEL_REASON.shopOther);
      return;
    case 'paymentProcessed':
      return paymentProcessed(state, order, at);
    case 'paymentProblemCancel':
      if (order.model.orderProgress === rakutenProcessing) cancelByRakuten(state, order, at, CHANGE_REASON_SIDE.buyer, order.plan === 'unpaid' ? AUTO_CANCEL_REASON.unpaid : AUTO_CANCEL_REASON.buyerOther);
      return;
    case 'cancelFinalize':
      return finalizeCancel(state, order, at);
    case 'shippingBatch':
      if (order.model.orderProgress === awaitingShipment && shippingReportComplete(state, order)) markShipped(state, order, at);
      return;
    case 'settlementStart':
      return startSettlement(state, order, at);
    case 'settlementComplete':
      if (order.model.orderProgress === paymentInProgress) setProgress(order, paymentDone);
      return;
    case 'reauthorize':
      return reauthorize(state, order, at);
    case 'changeFixed':
      return releaseFromChangePending(state, order, at);
  }
}

/** Payment steps of an order parked in 400 wait until it leaves 400. */
function deferredWhileParked(state: SandboxState, order: SandboxOrder, event: ScheduledEvent): boolean {
  const release = order.pending.get('changeFixed');
  if (order.model.orderProgress !== awaitingChangeFix || !release) return false;
  if (event.kind !== 'paymentProcessed' && event.kind !== 'paymentProblemCancel') return false;
  state.schedule(order, event.kind, release.at);
  return true;
}

/** A fresh order enters the sandbox: indexed, its 14-day deadline set, auto-confirmed if the shop says so. */
export function registerOrder(state: SandboxState, order: SandboxOrder): void {
  state.orders.set(order.orderNumber, order);
  insertSorted(order.shop.orders, order);
  if (order.shop.autoConfirm) confirm(state, order, new Date(order.orderedAt));
  else state.schedule(order, 'confirmationDeadline', order.orderedAt + state.settings.confirmationDeadlineDays * DAY);
}

function insertSorted(orders: SandboxOrder[], order: SandboxOrder): void {
  const key = (o: SandboxOrder) => o.orderedAt;
  if (orders.length === 0 || key(orders[orders.length - 1] as SandboxOrder) <= key(order)) {
    orders.push(order);
    return;
  }
  let lo = 0;
  let hi = orders.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(orders[mid] as SandboxOrder) <= key(order)) lo = mid + 1;
    else hi = mid;
  }
  orders.splice(lo, 0, order);
}

/** 100 → 200: Rakuten starts payment processing. */
export function confirm(state: SandboxState, order: SandboxOrder, at: Date): void {
  const stamp = formatDatetime(at);
  setProgress(order, rakutenProcessing);
  order.model.shopOrderCfmDatetime = stamp;
  order.confirmedAt = at.getTime();
  addChange(state, order, {
    changeType: CHANGE_TYPE.orderConfirmed,
    changeTypeDetail: null,
    changeReason: null,
    changeReasonDetail: null,
    changeApplyDatetime: stamp,
    changeFixDatetime: stamp,
    changeCmplDatetime: stamp,
  });
  state.unschedule(order, 'confirmationDeadline');
  if (isRpay(order)) {
    order.payment.status = PAYMENT_STATUS.procRequested;
    order.payment.procRequestedAt = at;
  }
  state.schedule(order, 'paymentProcessed', at.getTime() + state.settings.paymentProcessingSeconds * 1000);
}

function paymentProcessed(state: SandboxState, order: SandboxOrder, at: Date): void {
  if (order.model.orderProgress !== rakutenProcessing) return;
  const payment = order.payment;
  if (order.plan !== 'succeeds') {
    if (order.plan === 'cardDeclined') {
      payment.status = PAYMENT_STATUS.procNg;
      payment.procNgAt = at;
    } else {
      payment.status = PAYMENT_STATUS.procWaiting;
    }
    state.schedule(order, 'paymentProblemCancel', at.getTime() + state.settings.paymentProblemCancelDays * DAY);
    return;
  }
  if (isRpay(order)) {
    payment.status = PAYMENT_STATUS.procCompleted;
    payment.procCompletedAt = at;
    if (isCard(order)) payment.authorizedAt = at;
  }
  const stamp = formatDatetime(at);
  setProgress(order, awaitingShipment);
  order.model.orderFixDatetime = stamp;
  order.model.shippingInstDatetime = stamp;
  order.fixedAt = at.getTime();
  afterShippingInfoChanged(state, order, at);
}

/** Cancellation decided by Rakuten (deadline, unpaid, payment failed) or by the buyer: straight to 900. */
export function cancelByRakuten(state: SandboxState, order: SandboxOrder, at: Date, side: number, reasonDetail: number): void {
  const stamp = formatDatetime(at);
  addChange(state, order, {
    changeType: CHANGE_TYPE.cancelFixed,
    changeTypeDetail: null,
    changeReason: side,
    changeReasonDetail: reasonDetail,
    changeApplyDatetime: stamp,
    changeFixDatetime: stamp,
    changeCmplDatetime: stamp,
  });
  closeCancelled(state, order, at);
}

function closeCancelled(state: SandboxState, order: SandboxOrder, at: Date): void {
  setProgress(order, cancelled);
  state.unscheduleAll(order);
  const payment = order.payment;
  if (payment.status === PAYMENT_STATUS.none) return;
  if (payment.billingRequestedAt) {
    payment.status = PAYMENT_STATUS.cancelCompleted;
    payment.cancelledAt = at;
  } else {
    payment.status = PAYMENT_STATUS.procCancelCompleted;
    payment.procCancelledAt = at;
  }
}

/** cancelOrder: a cancel request (800) that Rakuten fixes (900) after a delay. */
export function requestCancel(state: SandboxState, order: SandboxOrder, at: Date, reasonCode: number): void {
  addChange(state, order, {
    changeType: CHANGE_TYPE.cancelRequested,
    changeTypeDetail: null,
    changeReason: reasonSide(reasonCode),
    changeReasonDetail: reasonCode,
    changeApplyDatetime: formatDatetime(at),
    changeFixDatetime: null,
    changeCmplDatetime: null,
  });
  state.unscheduleAll(order);
  setProgress(order, awaitingCancelFix);
  const delay = state.settings.cancelFinalizeSeconds * 1000;
  if (delay === 0) finalizeCancel(state, order, at);
  else state.schedule(order, 'cancelFinalize', at.getTime() + delay);
}

/** cancelOrderAfterShipping: the whole cancellation at once. */
export function cancelAfterShipping(state: SandboxState, order: SandboxOrder, at: Date, reasonCode: number): void {
  cancelByRakuten(state, order, at, reasonSide(reasonCode), reasonCode);
}

function finalizeCancel(state: SandboxState, order: SandboxOrder, at: Date): void {
  if (order.model.orderProgress !== awaitingCancelFix) return;
  const stamp = formatDatetime(at);
  const request = [...(order.model.ChangeReasonModelList ?? [])].reverse().find((c) => c.changeType === CHANGE_TYPE.cancelRequested);
  if (request) {
    request.changeType = CHANGE_TYPE.cancelFixed;
    request.changeFixDatetime = stamp;
    request.changeCmplDatetime = stamp;
  }
  closeCancelled(state, order, at);
}

/** Optional reading of 400: an amount change on a 楽天市場共通決済 order in 200/300 waits there. */
export function parkAfterAmountChange(state: SandboxState, order: SandboxOrder, at: Date): boolean {
  const progress = order.model.orderProgress;
  if (!state.settings.parkAfterAmountChange || !isRpay(order) || (progress !== rakutenProcessing && progress !== awaitingShipment)) return false;
  order.progressBeforePark = progress;
  setProgress(order, awaitingChangeFix);
  state.schedule(order, 'changeFixed', at.getTime() + state.settings.changePendingSeconds * 1000);
  return true;
}

function releaseFromChangePending(state: SandboxState, order: SandboxOrder, at: Date): void {
  if (order.model.orderProgress !== awaitingChangeFix) return;
  const stamp = formatDatetime(at);
  for (const c of order.model.ChangeReasonModelList ?? []) {
    if (c.changeType === CHANGE_TYPE.changeRequested) {
      c.changeType = CHANGE_TYPE.changeCompleted;
      c.changeFixDatetime = stamp;
      c.changeCmplDatetime = stamp;
    }
  }
  const back = order.progressBeforePark ?? awaitingShipment;
  setProgress(order, back);
  order.progressBeforePark = null;
  // A shipping report completed while parked still has to reach the batch.
  if (back === awaitingShipment) afterShippingInfoChanged(state, order, at);
}
