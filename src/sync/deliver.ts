import type { RmsOperation } from '../domain/operations.ts';
import type { Order } from '../domain/order.ts';
import type { ConfirmationOutcome } from '../domain/rms-updates.ts';
import {
  RmsAuthError,
  RmsError,
  RmsMalformedError,
  RmsOutcomeUnknownError,
  RmsUnavailableError,
  describeMessages,
} from '../rms/errors.ts';
import {
  cancelRequest,
  deliveryUpdateApplied,
  deliveryUpdateRequest,
  isCancelledInRms,
  mergedShippingRequest,
  senderUpdateApplied,
  senderUpdateRequest,
  shippingUpdateApplied,
  shippingUpdateRequest,
} from '../rms/mapping.ts';
import type { MessageModel } from '../rms/wire/messages.ts';
import type { OrderModel } from '../rms/wire/order-model.ts';
import { MAX_ORDERS_PER_REQUEST } from '../rms/wire/request-fields.ts';
import { OrderRepository } from '../store/order-repository.ts';
import { OutboxRepository, type ClaimedOperation } from '../store/outbox-repository.ts';
import type { ShopSync } from './context.ts';
import { deliverShippingReportsAsync, recordShippingResult, resolveFromAsyncResult } from './deliver-async.ts';
import { fetchAndUpsert } from './import.ts';
import {
  recordConfirmation,
  recordDeferred,
  recordHeldBack,
  recordRejected,
  recordSucceeded,
  recordUnknown,
} from './outcomes.ts';
import { outboxLeaseMs } from './options.ts';
import { chunks } from './windows.ts';

/**
 * Outbox delivery. Each round claims, under a lease, the next operation of every order that
 * has one (the outbox hands out an order's operations strictly in sequence, so an edit is
 * through before the confirmation behind it), re-reads those orders in RMS 100 at a time,
 * and then sends: updates one by one, confirmations batched up to 100, shipping reports
 * batched through updateOrderShippingAsync when there are many.
 *
 * Exactly once: a write is never repeated on faith. Before every update the order is read
 * from RMS and an operation RMS already reflects is closed without a call; after a write
 * whose outcome is unknown the order is read again and the write is repeated only if RMS
 * does not show it.
 */
const MAX_ROUNDS = 1000;
const CONFIRM_INFO_ACCEPTED = 'ORDER_EXT_API_CONFIRM_ORDER_INFO_101';
const CONFIRM_ERROR_CANCELLED = 'ORDER_EXT_API_CONFIRM_ORDER_ERROR_102';
const CONFIRM_ERROR_ALREADY = 'ORDER_EXT_API_CONFIRM_ORDER_ERROR_103';

export async function deliverOutbox(sync: ShopSync): Promise<void> {
  const { db, clock, options, workerId } = sync.deps;
  const outbox = new OutboxRepository(db.kysely, db.dialect);
  const until = sync.deps.wallClock() + options.outboxBudgetMs;
  for (let round = 0; round < MAX_ROUNDS && sync.deps.wallClock() < until; round++) {
    const claimed = await outbox.claim(sync.shop.code, outboxLeaseMs(options), workerId, {
      now: clock.now(),
      leaseNow: new Date(sync.deps.wallClock()),
      limit: MAX_ORDERS_PER_REQUEST,
    });
    if (claimed.length === 0) return;
    await deliverRound(sync, claimed);
  }
}

async function deliverRound(sync: ShopSync, heads: readonly ClaimedOperation[]): Promise<void> {
  const { claimed, groups } = await withFollowingReports(sync, heads);
  const confirmations = claimed.filter((op) => op.operation.kind === 'syncConfirmation');
  const updates = claimed.filter((op) => op.operation.kind !== 'syncConfirmation');
  let current: Map<string, OrderModel>;
  try {
    current = await readOrders(sync, [...updates, ...confirmations.filter((op) => op.outcomeUnknown)].map((op) => op.orderNumber));
  } catch (err) {
    await putBack(sync, claimed, err);
    return;
  }
  try {
    const open: ClaimedOperation[] = [];
    for (const op of updates) {
      if (op.outcomeUnknown && isShippingRow(op) && (await resolveFromAsyncResult(sync, op, current.get(op.orderNumber) ?? null))) continue;
      open.push(op);
    }
    // Many shipping rows go out in one async request, each order's parcels as one order of it,
    // with 出荷予定日 pushes (the same RMS write) and the rows whose earlier outcome is unknown
    // (the batch skips those the fresh read shows, so a crashed worker's reports are verified
    // and re-sent in bulk). Below that, an order with several parcels sends them in one
    // updateOrderShipping call, whose effect a re-read after a crash sees at once (an async
    // request may still be pending).
    const single = open.filter((op) => isShippingRow(op) && (op.outcomeUnknown || op.operation.kind === 'syncPlannedShipDate')).map((op) => [op]);
    const rowGroups = [...groups, ...single];
    const many = rowGroups.reduce((n, g) => n + g.length, 0) >= sync.deps.options.asyncShippingThreshold;
    const batchedGroups = many ? rowGroups : [];
    const mergedGroups = many ? [] : groups.filter((g) => g.length > 1);
    const handled = new Set([...batchedGroups, ...mergedGroups].flat());
    for (const op of open) {
      if (handled.has(op)) continue;
      await deliverUpdate(sync, op, current.get(op.orderNumber) ?? null);
    }
    for (const group of mergedGroups) await deliverShippingGroup(sync, group, current.get(group[0]!.orderNumber) ?? null);
    if (batchedGroups.length > 0) await deliverShippingReportsAsync(sync, batchedGroups, current);
    await deliverConfirmations(sync, confirmations, current);
  } catch (err) {
    // Only an auth failure ends the round early; whatever was not sent goes back untouched.
    const open = await stillClaimed(sync, claimed);
    await putBack(sync, open, err);
  }
}

/**
 * Each claimed shipping report with the reports of the same order queued right behind it
 * (an order in several boxes), claimed too so they go out together.
 */
async function withFollowingReports(sync: ShopSync, heads: readonly ClaimedOperation[]): Promise<{ claimed: ClaimedOperation[]; groups: ClaimedOperation[][] }> {
  const { db, clock, options, workerId } = sync.deps;
  const outbox = new OutboxRepository(db.kysely, db.dialect);
  const claimed: ClaimedOperation[] = [...heads];
  const groups: ClaimedOperation[][] = [];
  for (const head of heads) {
    if (head.operation.kind !== 'syncShippingReport' || head.outcomeUnknown) continue;
    const following = await outbox.claimFollowingShippingReports(head.orderNumber, head.seq, outboxLeaseMs(options), workerId, { now: clock.now(), leaseNow: new Date(sync.deps.wallClock()) });
    claimed.push(...following);
    groups.push([head, ...following]);
  }
  return { claimed, groups };
}

/** Shipping reports and 出荷予定日 pushes are the same RMS write (a shipping row), so they share the batches. */
function isShippingRow(op: ClaimedOperation): boolean {
  return op.operation.kind === 'syncShippingReport' || op.operation.kind === 'syncPlannedShipDate';
}

/** The orders as RMS has them now, 100 per getOrder. */
export async function readOrders(sync: ShopSync, orderNumbers: readonly string[]): Promise<Map<string, OrderModel>> {
  const found = new Map<string, OrderModel>();
  for (const chunk of chunks([...new Set(orderNumbers)], MAX_ORDERS_PER_REQUEST)) {
    for (const model of (await sync.client.getOrder(chunk)).orders) found.set(model.orderNumber, model);
  }
  return found;
}

async function stillClaimed(sync: ShopSync, claimed: readonly ClaimedOperation[]): Promise<ClaimedOperation[]> {
  const outbox = new OutboxRepository(sync.deps.db.kysely, sync.deps.db.dialect);
  const open: ClaimedOperation[] = [];
  for (const op of claimed) {
    const rows = await outbox.listForOrder(op.orderNumber, ['in_flight']);
    if (rows.some((r) => r.id === op.id && r.leaseOwner === sync.deps.workerId)) open.push(op);
  }
  return open;
}

/** Nothing was sent for these: RMS unreachable → try later; credentials refused → hold and stop the shop. */
async function putBack(sync: ShopSync, ops: readonly ClaimedOperation[], err: unknown): Promise<void> {
  if (err instanceof RmsAuthError) {
    for (const op of ops) await recordHeldBack(sync, op, err);
    throw err;
  }
  if (!(err instanceof RmsError)) throw err;
  for (const op of ops) await recordDeferred(sync, op, err);
}

function isApplied(op: RmsOperation, current: OrderModel, order: Order): boolean {
  switch (op.kind) {
    case 'syncPostageAndFees':
    case 'syncItemChanges':
      return senderUpdateApplied(current, order);
    case 'syncPlannedShipDate':
    case 'syncShippingReport':
      return shippingUpdateApplied(current, op);
    case 'syncDeliveryDateTime':
      return deliveryUpdateApplied(current, op);
    case 'syncCancellation':
      return isCancelledInRms(current);
    case 'syncConfirmation':
      return current.orderProgress !== 100;
    case 'syncSubStatus':
      return current.subStatusId === op.subStatusId;
  }
}

function send(sync: ShopSync, op: RmsOperation, current: OrderModel, order: Order): Promise<readonly MessageModel[]> {
  const { client } = sync;
  switch (op.kind) {
    case 'syncPostageAndFees':
    case 'syncItemChanges':
      return client.updateOrderSender(senderUpdateRequest(current, order, op.reductionReason));
    case 'syncPlannedShipDate':
    case 'syncShippingReport':
      return client.updateOrderShipping(shippingUpdateRequest(current, op));
    case 'syncDeliveryDateTime':
      return client.updateOrderMemo(deliveryUpdateRequest(current.orderNumber, op));
    case 'syncCancellation':
      return client.cancelOrder(cancelRequest(current.orderNumber, op.reason));
    case 'syncConfirmation':
      return client.confirmOrder([current.orderNumber]);
    case 'syncSubStatus':
      return client.updateOrderSubStatus(op.subStatusId, [current.orderNumber]);
  }
}

/** One update operation, exactly once: skip it if RMS shows it, verify by re-reading when unsure. */
async function deliverUpdate(sync: ShopSync, op: ClaimedOperation, fresh: OrderModel | null): Promise<void> {
  const order = await new OrderRepository(sync.deps.db.kysely).get(op.orderNumber);
  if (!order || !fresh) {
    await recordRejected(sync, op, order ? 'RMSにこの注文が見つかりません。' : 'juchuにこの注文が見つかりません。');
    return;
  }
  let current = fresh;
  for (let attempt = 1; attempt <= sync.deps.options.maxWriteAttempts; attempt++) {
    if (isApplied(op.operation, current, order)) {
      await recordSucceeded(sync, op, null, attempt > 1 || op.outcomeUnknown);
      return;
    }
    let messages: readonly MessageModel[];
    try {
      messages = await send(sync, op.operation, current, order);
    } catch (err) {
      if (!(err instanceof RmsOutcomeUnknownError || err instanceof RmsMalformedError)) {
        await recordFailure(sync, op, err);
        return;
      }
      if (mayStillBeProcessing(err)) {
        await recordUnknown(sync, op, err);
        return;
      }
      const reread = await rereadOne(sync, op, err);
      if (!reread) return;
      current = reread;
      continue;
    }
    const errors = messages.filter((m) => m.messageType === 'ERROR');
    if (errors.length > 0) await recordRejected(sync, op, errors);
    else await recordSucceeded(sync, op, describeMessages(messages));
    return;
  }
  await recordUnknown(sync, op, new Error(`still unconfirmed after ${sync.deps.options.maxWriteAttempts} attempts`));
}

/**
 * One order's queued parcels in one updateOrderShipping call. Reports RMS already shows are
 * closed without a call; after an unknown outcome each report is re-read on its own later.
 */
async function deliverShippingGroup(sync: ShopSync, ops: readonly ClaimedOperation[], fresh: OrderModel | null): Promise<void> {
  if (!fresh) {
    for (const op of ops) await recordRejected(sync, op, 'RMSにこの注文が見つかりません。');
    return;
  }
  const open: ClaimedOperation[] = [];
  for (const op of ops) {
    if (shippingUpdateApplied(fresh, op.operation as ShippingReport)) await recordSucceeded(sync, op, null, true);
    else open.push(op);
  }
  if (open.length === 0) return;
  const { request, dataNumbers } = mergedShippingRequest(fresh, open.map((op) => op.operation as ShippingReport));
  let messages: readonly MessageModel[];
  try {
    messages = await sync.client.updateOrderShipping(request);
  } catch (err) {
    if (err instanceof RmsOutcomeUnknownError || err instanceof RmsMalformedError) {
      for (const op of open) await recordUnknown(sync, op, err);
      return;
    }
    if (err instanceof RmsError && (err.kind === 'rejected' || err.kind === 'invalidRequest') && 'messages' in err) {
      await recordShippingResult(sync, open, dataNumbers, err.messages as readonly MessageModel[]);
      return;
    }
    for (const op of open) await recordFailure(sync, op, err);
    return;
  }
  await recordShippingResult(sync, open, dataNumbers, messages);
}

type ShippingReport = Extract<RmsOperation, { kind: 'syncShippingReport' }>;

/**
 * No answer within the timeout: RMS may still be working on the request, so a re-read now
 * could miss a write about to land and send it a second time. Such an operation is verified
 * by a later run, once its retry delay (seconds, growing with its attempts) has passed. (A
 * dropped connection or a 5xx is an answer of sorts: RMS is done with the request, and the
 * order is re-read at once.)
 */
function mayStillBeProcessing(err: RmsError): boolean {
  return err instanceof RmsOutcomeUnknownError && err.timedOut;
}

/** After an unknown outcome: the order as RMS has it now, or null when even that cannot be read. */
async function rereadOne(sync: ShopSync, op: ClaimedOperation, cause: Error): Promise<OrderModel | null> {
  try {
    const current = (await readOrders(sync, [op.orderNumber])).get(op.orderNumber);
    if (current) return current;
    await recordRejected(sync, op, 'RMSにこの注文が見つかりません。');
    return null;
  } catch (err) {
    if (err instanceof RmsAuthError) throw err;
    await recordUnknown(sync, op, cause);
    return null;
  }
}

async function recordFailure(sync: ShopSync, op: ClaimedOperation, err: unknown): Promise<void> {
  if (err instanceof RmsAuthError) throw err;
  if (err instanceof RmsUnavailableError) return recordDeferred(sync, op, err);
  if (err instanceof RmsError && (err.kind === 'rejected' || err.kind === 'invalidRequest')) {
    return recordRejected(sync, op, 'messages' in err ? (err.messages as readonly MessageModel[]) : err.message);
  }
  throw err;
}

function confirmationOutcome(message: MessageModel | undefined): ConfirmationOutcome | 'rejected' | null {
  if (!message) return null;
  switch (message.messageCode) {
    case CONFIRM_INFO_ACCEPTED:
      return 'accepted';
    case CONFIRM_ERROR_ALREADY:
      return 'alreadyConfirmed';
    case CONFIRM_ERROR_CANCELLED:
      return 'cancelled';
    default:
      return message.messageType === 'ERROR' ? 'rejected' : null;
  }
}

/** What RMS's progress says about a confirmation whose answer was lost; null while still 100. */
function outcomeFromProgress(current: OrderModel): ConfirmationOutcome | null {
  if (current.orderProgress === 100) return null;
  return isCancelledInRms(current) ? 'cancelled' : 'accepted';
}

/**
 * 注文確認済み連携, 100 orders per confirmOrder. Each order's message decides: INFO_101
 * accepted, ERROR_103 already confirmed (the order is re-read), ERROR_102 cancelled in RMS
 * (the seed's path to キャンセル), anything else (e.g. ERROR_105, amounts undetermined) is
 * refused with RMS's message for staff.
 */
async function deliverConfirmations(sync: ShopSync, ops: readonly ClaimedOperation[], current: ReadonlyMap<string, OrderModel>): Promise<void> {
  const pending = new Map<string, ClaimedOperation>();
  for (const op of ops) {
    const known = op.outcomeUnknown ? current.get(op.orderNumber) : undefined;
    const outcome = known ? outcomeFromProgress(known) : null;
    if (outcome) await recordConfirmation(sync, op, outcome, 'RMSを再取得して確認');
    else pending.set(op.orderNumber, op);
  }
  const reread: string[] = [];
  for (let attempt = 1; attempt <= sync.deps.options.maxWriteAttempts && pending.size > 0; attempt++) {
    for (const chunk of chunks([...pending.keys()], MAX_ORDERS_PER_REQUEST)) {
      let messages: readonly MessageModel[];
      try {
        messages = await sync.client.confirmOrder(chunk);
      } catch (err) {
        if (!(err instanceof RmsOutcomeUnknownError || err instanceof RmsMalformedError)) {
          for (const n of chunk) await recordFailure(sync, pending.get(n)!, err);
          chunk.forEach((n) => pending.delete(n));
          continue;
        }
        if (mayStillBeProcessing(err)) {
          for (const n of chunk) await recordUnknown(sync, pending.get(n)!, err);
          chunk.forEach((n) => pending.delete(n));
          continue;
        }
        await settleFromRms(sync, chunk, pending, err);
        continue;
      }
      for (const n of chunk) {
        const op = pending.get(n)!;
        const message = messages.find((m) => m.orderNumber === n);
        const outcome = confirmationOutcome(message);
        if (outcome === null) continue; // no word on this order: re-read below, then resend if needed
        pending.delete(n);
        if (outcome === 'rejected') await recordRejected(sync, op, [message!]);
        else await recordConfirmation(sync, op, outcome, `${message!.messageCode}: ${message!.message}`);
        if (outcome === 'alreadyConfirmed') reread.push(n);
      }
      const silent = chunk.filter((n) => pending.has(n));
      if (silent.length > 0) await settleFromRms(sync, silent, pending, new Error('confirmOrder gave no message for the order'));
    }
  }
  for (const op of pending.values()) {
    await recordUnknown(sync, op, new Error('confirmation still unconfirmed'));
  }
  // ERROR_103: RMS confirmed it some other way; bring in what RMS has now.
  if (reread.length > 0) await fetchAndUpsert(sync, reread);
}

/** Confirmations whose answer was lost: RMS's progress tells which went through; the rest are resent. */
async function settleFromRms(sync: ShopSync, orderNumbers: readonly string[], pending: Map<string, ClaimedOperation>, cause: Error): Promise<void> {
  let current: Map<string, OrderModel>;
  try {
    current = await readOrders(sync, orderNumbers);
  } catch (err) {
    if (err instanceof RmsAuthError) throw err;
    for (const n of orderNumbers) {
      await recordUnknown(sync, pending.get(n)!, cause);
      pending.delete(n);
    }
    return;
  }
  for (const n of orderNumbers) {
    const model = current.get(n);
    const outcome = model ? outcomeFromProgress(model) : null;
    if (!outcome) continue;
    await recordConfirmation(sync, pending.get(n)!, outcome, 'RMSを再取得して確認');
    pending.delete(n);
  }
}
