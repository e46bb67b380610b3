import type { RmsOperationKind } from '../../../src/domain/operations.ts';
import { classifyProgress } from '../../../src/domain/transitions.ts';
import type { RmsProgress } from '../../../src/domain/status.ts';
import type { Database } from '../../../src/store/database.ts';
import type { LedgerEntry } from '../../../src/sandbox/index.ts';
import type { Harness } from './harness.ts';

/** What RMS (the sandbox) says, whether read in-process or over its control API. */
export interface RmsView {
  readonly orderNumbers: readonly string[];
  /** getOrder's orderProgress, whether shopOrderCfmDatetime is set, and its shipping rows that carry a tracking number. */
  order(orderNumber: string): { readonly progress: number; readonly confirmed: boolean; readonly trackingRows: number };
  readonly ledger: readonly LedgerEntry[];
}

/** The in-process sandbox of a test harness. */
export function harnessView(h: Harness): RmsView {
  const sandbox = h.sandbox.sandbox;
  return {
    orderNumbers: [...h.sandbox.state.orders.keys()],
    order: (n) => {
      const { model } = sandbox.findOrder(n);
      return { progress: model.orderProgress, confirmed: model.shopOrderCfmDatetime !== null, trackingRows: trackingRowsOf(model) };
    },
    ledger: sandbox.ledger(),
  };
}

/** A sandbox in another process, through its control API (INTERFACE §5). */
export async function remoteView(sandboxUrl: string, orderNumbers: readonly string[]): Promise<RmsView> {
  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(sandboxUrl + path);
    if (!res.ok) throw new Error(`GET ${path} answered ${res.status}`);
    return (await res.json()) as T;
  };
  const orders = new Map<string, { progress: number; confirmed: boolean; trackingRows: number }>();
  for (const n of orderNumbers) {
    const model = await get<{ orderProgress: number; shopOrderCfmDatetime: string | null } & ShippingRows>(`/sandbox/orders/${n}`);
    orders.set(n, { progress: model.orderProgress, confirmed: model.shopOrderCfmDatetime !== null, trackingRows: trackingRowsOf(model) });
  }
  const { entries } = await get<{ entries: LedgerEntry[] }>('/sandbox/ledger');
  return { orderNumbers, order: (n) => orders.get(n)!, ledger: entries };
}

interface ShippingRows {
  readonly PackageModelList: readonly { readonly ShippingModelList: readonly { readonly shippingNumber: string | null }[] }[];
}

function trackingRowsOf(model: ShippingRows): number {
  return model.PackageModelList.reduce((n, p) => n + p.ShippingModelList.filter((r) => r.shippingNumber).length, 0);
}

const SHIPPING_WRITES = new Set(['updateOrderShipping', 'updateOrderShippingAsync']);

/**
 * The RMS write each kind of outbox operation is delivered with. Shipping reports are left out:
 * an order's queued parcels go out together (one call for several reports, sync or async), so
 * they are checked by the rows RMS holds instead of by calls.
 */
const WRITE_OF: Readonly<Record<RmsOperationKind, string>> = {
  syncConfirmation: 'confirmOrder',
  syncPostageAndFees: 'updateOrderSender',
  syncItemChanges: 'updateOrderSender',
  syncPlannedShipDate: 'updateOrderShipping',
  syncShippingReport: 'updateOrderShipping',
  syncDeliveryDateTime: 'updateOrderMemo',
  syncCancellation: 'cancelOrder',
  syncSubStatus: 'updateOrderSubStatus',
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
export async function effectReport(db: Database, rms: RmsView): Promise<EffectReport> {
  const problems: string[] = [];
  const succeeded = await db.kysely.selectFrom('outbox').select(['order_number', 'kind', 'rms_message']).where('state', '=', 'succeeded').execute();
  const expected = new Map<string, number>();
  const confirmedLocally = new Set<string>();
  const reportsPerOrder = new Map<string, number>();
  const shippingOpsPerOrder = new Map<string, number>();
  for (const op of succeeded) {
    if (op.kind === 'syncShippingReport' || op.kind === 'syncPlannedShipDate') shippingOpsPerOrder.set(op.order_number, (shippingOpsPerOrder.get(op.order_number) ?? 0) + 1);
    if (op.kind === 'syncShippingReport') {
      reportsPerOrder.set(op.order_number, (reportsPerOrder.get(op.order_number) ?? 0) + 1);
      continue;
    }
    if (op.kind === 'syncPlannedShipDate') continue;
    if (op.kind === 'syncConfirmation') {
      if (!op.rms_message?.includes(CANCELLED_BEFORE)) confirmedLocally.add(op.order_number);
      continue;
    }
    const key = `${op.order_number} ${WRITE_OF[op.kind as RmsOperationKind]}`;
    expected.set(key, (expected.get(key) ?? 0) + 1);
  }
  const ledger = rms.ledger;
  const actual = new Map<string, number>();
  const shippingCalls = new Map<string, number>();
  let rmsEffects = 0;
  for (const entry of ledger) {
    if (entry.messageCodes.includes(CONFIRMED_BEFORE)) problems.push(`confirmOrder sent again for an order RMS had confirmed: ${entry.orderNumbers.join(',')}`);
    if (!entry.changedState) continue;
    rmsEffects++;
    if (entry.operation === 'confirmOrder') continue;
    if (SHIPPING_WRITES.has(entry.operation)) {
      for (const orderNumber of entry.orderNumbers) shippingCalls.set(orderNumber, (shippingCalls.get(orderNumber) ?? 0) + 1);
      continue;
    }
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
  // Shipping: every report juchu closed is one row with a tracking number in RMS (none lost, none
  // doubled), and no order had more shipping calls change RMS than it had shipping operations.
  for (const orderNumber of new Set([...reportsPerOrder.keys(), ...shippingCalls.keys()])) {
    const reports = reportsPerOrder.get(orderNumber) ?? 0;
    const rows = rms.order(orderNumber).trackingRows;
    if (reports !== rows) problems.push(`${orderNumber}: juchu reported ${reports} parcels, RMS holds ${rows} rows with a tracking number`);
    const calls = shippingCalls.get(orderNumber) ?? 0;
    const ops = shippingOpsPerOrder.get(orderNumber) ?? 0;
    if (calls > ops) problems.push(`${orderNumber}: ${calls} shipping calls changed RMS for ${ops} shipping operations`);
  }
  for (const orderNumber of new Set([...confirmedLocally, ...rms.orderNumbers])) {
    const { confirmed: inRms, progress } = rms.order(orderNumber);
    // A confirmation RMS overtook with a cancellation is closed by re-reading the order, with no confirmation in RMS.
    const cancelledFirst = !inRms && classifyProgress(progress as RmsProgress) === 'cancelled';
    if (inRms !== confirmedLocally.has(orderNumber) && !cancelledFirst) {
      problems.push(`${orderNumber}: confirmed in RMS ${inRms}, by juchu ${confirmedLocally.has(orderNumber)}`);
    }
  }
  return { problems, applied: succeeded.length, rmsEffects };
}

/** Local statuses that agree with each class of RMS progress once nothing is left to send. */
const STATUSES_FOR: Readonly<Record<ReturnType<typeof classifyProgress>, readonly string[]>> = {
  awaitingConfirmation: ['awaiting_confirmation'],
  processing: ['rakuten_processing'],
  // 出荷済み: the shipping report is in RMS, which stays 300 until its shipping batch.
  readyToShip: ['new', 'shipped'],
  shipped: ['completed'],
  cancelled: ['cancelled'],
};

/** Orders whose local status or RMS progress disagrees with RMS. */
export async function stateMismatches(db: Database, rms: RmsView): Promise<string[]> {
  const local = await db.kysely.selectFrom('orders').select(['order_number', 'status', 'status_before_hold', 'rms_progress']).execute();
  const problems: string[] = [];
  const rmsNumbers = rms.orderNumbers;
  const localNumbers = local.map((o) => o.order_number);
  for (const n of rmsNumbers) if (!localNumbers.includes(n)) problems.push(`${n}: in RMS, not in juchu`);
  if (new Set(localNumbers).size !== localNumbers.length) problems.push('an order is stored twice');
  for (const order of local) {
    if (!rmsNumbers.includes(order.order_number)) {
      problems.push(`${order.order_number}: in juchu, not in RMS`);
      continue;
    }
    const progress = rms.order(order.order_number).progress as RmsProgress;
    if (Number(order.rms_progress) !== progress) problems.push(`${order.order_number}: RMS ${progress}, juchu saw ${order.rms_progress}`);
    const effective = order.status === 'on_hold' ? order.status_before_hold : order.status;
    if (!STATUSES_FOR[classifyProgress(progress)].includes(effective ?? '')) {
      problems.push(`${order.order_number}: RMS ${progress}, juchu ${order.status}/${order.status_before_hold ?? '-'}`);
    }
  }
  return problems;
}

/**
 * Operations that were neither applied nor refused by RMS with a reason staff can read:
 * anything here after the system settled is an effect lost.
 */
export async function undelivered(db: Database): Promise<{ orderNumber: string; kind: string; state: string; lastError: string | null }[]> {
  const rows = await db.kysely
    .selectFrom('outbox')
    .select(['order_number', 'kind', 'state', 'last_error', 'rms_message'])
    .where('state', '!=', 'succeeded')
    .execute();
  return rows
    .filter((r) => !(r.state === 'failed' && r.rms_message !== null))
    .map((r) => ({ orderNumber: r.order_number, kind: r.kind, state: r.state, lastError: r.last_error }));
}
