import { findCarrier } from '../domain/carriers.ts';
import { CHANGE_TYPE, formatDatetime, fromJstParts, jstParts, ORDER_PROGRESS, parseDate, PAYMENT_STATUS } from '../rms/wire/index.ts';
import { addChange, isCard, isRpay, setProgress } from './order-changes.ts';
import type { SandboxOrder } from './order-record.ts';
import type { SandboxState } from './state.ts';

/**
 * After shipping information: the complete report, the daily batch to 500, settlement to
 * 600 and 700, and the re-authorisation a far-off ship date calls for.
 */
const DAY = 86_400_000;
const { rakutenProcessing, awaitingShipment, awaitingChangeFix, shipped, paymentInProgress } = ORDER_PROGRESS;

/** Every row of every live basket has a carrier, a ship date and (if the carrier issues them) a tracking number. */
export function shippingReportComplete(state: SandboxState, order: SandboxOrder): boolean {
  const packages = order.model.PackageModelList.filter((p) => p.packageDeleteFlag !== 1);
  return packages.every(
    (p) =>
      p.ShippingModelList.length > 0 &&
      p.ShippingModelList.every((row) => {
        if (!row.deliveryCompany || !row.shippingDate) return false;
        const needsTracking = state.settings.requireTrackingForAllCarriers || (findCarrier(row.deliveryCompany)?.hasTracking ?? true);
        return !needsTracking || Boolean(row.shippingNumber);
      }),
  );
}

/** The first daily batch strictly after `at`. */
export function nextBatchTime(at: Date, hourJst: number): Date {
  const p = jstParts(at);
  const today = fromJstParts({ ...p, hour: hourJst, minute: 0, second: 0 });
  return today.getTime() > at.getTime() ? today : new Date(today.getTime() + DAY);
}

/** After shipping rows changed (or the order reached 300): stamp the report, queue the batch, re-plan re-authorisation. */
export function afterShippingInfoChanged(state: SandboxState, order: SandboxOrder, at: Date): void {
  const complete = shippingReportComplete(state, order);
  if (complete && order.reportedAt === null) {
    order.reportedAt = at.getTime();
    order.model.shippingCmplRptDatetime = formatDatetime(at);
  }
  if (complete && order.model.orderProgress === awaitingShipment) {
    state.schedule(order, 'shippingBatch', nextBatchTime(at, state.settings.shippingBatchHourJst).getTime());
  } else if (!complete) {
    state.unschedule(order, 'shippingBatch');
  }
  planReauthorization(state, order, at);
}

export function markShipped(state: SandboxState, order: SandboxOrder, at: Date): void {
  setProgress(order, shipped);
  if (isRpay(order)) {
    order.payment.status = PAYMENT_STATUS.billingRequested;
    order.payment.billingRequestedAt = at;
  }
  state.unschedule(order, 'reauthorize');
  state.schedule(order, 'settlementStart', at.getTime() + state.settings.settlementStartSeconds * 1000);
}

export function startSettlement(state: SandboxState, order: SandboxOrder, at: Date): void {
  if (order.model.orderProgress !== shipped) return;
  setProgress(order, paymentInProgress);
  if (isRpay(order)) {
    order.payment.status = PAYMENT_STATUS.fixed;
    order.payment.fixedAt = at;
  }
  order.paymentFixedAt = at.getTime();
  state.schedule(order, 'settlementComplete', at.getTime() + state.settings.settlementCompleteSeconds * 1000);
}

/** The latest registered ship date, as the instant its JST day starts. */
function latestShippingDate(order: SandboxOrder): Date | null {
  let latest: Date | null = null;
  for (const p of order.model.PackageModelList) {
    for (const row of p.ShippingModelList) {
      const d = row.shippingDate ? parseDate(row.shippingDate) : null;
      if (d && (!latest || d > latest)) latest = d;
    }
  }
  return latest;
}

/**
 * An authorisation lasts authorizationValidityDays. A ship date beyond that makes Rakuten
 * re-authorise reauthorizationLeadDays before the date (at the start of that JST day).
 */
function planReauthorization(state: SandboxState, order: SandboxOrder, at: Date): void {
  const authorizedAt = order.payment.authorizedAt;
  const shipDate = latestShippingDate(order);
  const preShipment = [rakutenProcessing, awaitingShipment, awaitingChangeFix].includes(order.model.orderProgress as 200 | 300 | 400);
  const { authorizationValidityDays, reauthorizationLeadDays } = state.settings;
  if (!isCard(order) || !authorizedAt || !shipDate || !preShipment || shipDate.getTime() - authorizedAt.getTime() <= authorizationValidityDays * DAY) {
    state.unschedule(order, 'reauthorize');
    return;
  }
  const when = Math.max(shipDate.getTime() - reauthorizationLeadDays * DAY, at.getTime());
  state.schedule(order, 'reauthorize', when);
}

export function reauthorize(state: SandboxState, order: SandboxOrder, at: Date): void {
  const preShipment = [rakutenProcessing, awaitingShipment, awaitingChangeFix].includes(order.model.orderProgress as 200 | 300 | 400);
  if (!preShipment) return;
  const stamp = formatDatetime(at);
  order.payment.authorizedAt = at;
  order.payment.procCompletedAt = at;
  order.payment.reauthorizations.push(at);
  addChange(state, order, {
    changeType: CHANGE_TYPE.reauthorisation,
    changeTypeDetail: null,
    changeReason: null,
    changeReasonDetail: null,
    changeApplyDatetime: stamp,
    changeFixDatetime: stamp,
    changeCmplDatetime: stamp,
  });
  planReauthorization(state, order, at);
}

