import type { RmsOperationKind } from '../../../src/domain/operations.ts';
import { classifyProgress } from '../../../src/domain/transitions.ts';
import type { RmsProgress } from '../../../src/domain/status.ts';
import type { Harness } from './harness.ts';

/** The RMS write each kind of outbox operation is delivered with (shipping reports below the async threshold). */
const WRITE_OF: Readonly<Record<RmsOperationKind, string>> = {
  syncConfirmation: 'confirmOrder',
  syncPostageAndFees: 'updateOrderSender',
  syncItemChanges: 'updateOrderSender',
  syncPlannedShipDate: 'updateOrderShipping',
  syncShippingReport: 'updateOrderShipping',
  syncDeliveryDateTime: 'updateOrderMemo',
  syncCancellation: 'cancelOrder',
};

const CONFIRMED_BEFORE = 'ORDER_EXT_API_CONFIRM_ORDER_ERROR_103';
const CANCELLED_BEFORE = 'ORDER_EXT_API_CONFIRM_ORDER_ERROR_102';

export interface EffectReport {
  /** Every way local and RMS disagree about what was applied; empty = exactly once. */
  readonly problems: string[];
  /** Operations juchu applied in RMS. */
  readonly applied: number;
  /** RMS calls that changed state, per the sandbox ledger. */
  readonly rmsEffects: number;
}

/**
 * Compares what juchu believes it applied (succeeded outbox operations) with what the sandbox
 * ledger says changed RMS state, order by order and write by write. A confirmation is checked
 * against RMS's own record of the confirmation, since confirmOrder batches orders per call;
 * RMS answering ERROR_103 (already confirmed) would mean juchu sent one twice.
 */
export async function effectReport(h: Harness): Promise<EffectReport> {
  const problems: string[] = [];
  const succeeded = await h.db.kysely.selectFrom('outbox').select(['order_number', 'kind', 'rms_message']).where('state', '=', 'succeeded').execute();
  const expected = new Map<string, number>();
  const confirmedLocally = new Set<string>();
  for (const op of succeeded) {
    if (op.kind === 'syncConfirmation') {
      if (!op.rms_message?.includes(CANCELLED_BEFORE)) confirmedLocally.add(op.order_number);
      continue;
    }
    const key = `${op.order_number} ${WRITE_OF[op.kind as RmsOperationKind]}`;
    expected.set(key, (expected.get(key) ?? 0) + 1);
  }
  const ledger = h.sandbox.sandbox.ledger();
  const actual = new Map<string, number>();
  let rmsEffects = 0;
  for (const entry of ledger) {
    if (entry.messageCodes.includes(CONFIRMED_BEFORE)) problems.push(`confirmOrder sent again for an order RMS had confirmed: ${entry.orderNumbers.join(',')}`);
    if (!entry.changedState) continue;
    rmsEffects++;
    if (entry.operation === 'confirmOrder') continue;
    for (const orderNumber of entry.orderNumbers) {
      const key = `${orderNumber} ${entry.operation}`;
      actual.set(key, (actual.get(key) ?? 0) + 1);
    }
  }
  for (const key of new Set([...expected.keys(), ...actual.keys()])) {
    const want = expected.get(key) ?? 0;
    const got = actual.get(key) ?? 0;
    if (want !== got) problems.push(`${key}: juchu applied it ${want}×, RMS changed ${got}×`);
  }
  for (const orderNumber of new Set([...confirmedLocally, ...h.sandbox.state.orders.keys()])) {
    const rms = h.sandbox.sandbox.findOrder(orderNumber);
    const inRms = rms.confirmedAt !== null;
    if (inRms !== confirmedLocally.has(orderNumber) && !(inRms && rms.shop.autoConfirm)) {
      problems.push(`${orderNumber}: confirmed in RMS ${inRms}, by juchu ${confirmedLocally.has(orderNumber)}`);
    }
  }
  return { problems, applied: succeeded.length, rmsEffects };
}

/** Orders whose local status or RMS progress disagrees with RMS. */
export async function stateMismatches(h: Harness): Promise<string[]> {
  const local = await h.db.kysely.selectFrom('orders').select(['order_number', 'status', 'status_before_hold', 'rms_progress']).execute();
  const problems: string[] = [];
  const rmsNumbers = [...h.sandbox.state.orders.keys()];
  const localNumbers = local.map((o) => o.order_number);
  for (const n of rmsNumbers) if (!localNumbers.includes(n)) problems.push(`${n}: in RMS, not in juchu`);
  if (new Set(localNumbers).size !== localNumbers.length) problems.push('an order is stored twice');
  for (const order of local) {
    const rms = h.sandbox.sandbox.findOrder(order.order_number).model.orderProgress as RmsProgress;
    if (Number(order.rms_progress) !== rms) problems.push(`${order.order_number}: RMS ${rms}, juchu saw ${order.rms_progress}`);
    const effective = order.status === 'on_hold' ? order.status_before_hold : order.status;
    const allowed = { awaitingConfirmation: ['awaiting_confirmation'], processing: ['rakuten_processing'], readyToShip: ['new', 'shipped'], shipped: ['completed'], cancelled: ['cancelled'] }[classifyProgress(rms)];
    if (!allowed.includes(effective ?? '')) problems.push(`${order.order_number}: RMS ${rms}, juchu ${order.status}`);
  }
  return problems;
}
