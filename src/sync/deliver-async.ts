import { RmsAuthError, RmsError, RmsMalformedError, RmsOutcomeUnknownError } from '../rms/errors.ts';
import { shippingUpdateApplied, shippingUpdateRequest } from '../rms/mapping.ts';
import type { MessageModel } from '../rms/wire/messages.ts';
import type { OrderModel } from '../rms/wire/order-model.ts';
import { MAX_ORDERS_PER_REQUEST } from '../rms/wire/request-fields.ts';
import { ASYNC_RESULT_RETENTION_DAYS, type UpdateOrderShippingRequest } from '../rms/wire/shipping.ts';
import type { ClaimedOperation } from '../store/outbox-repository.ts';
import { SyncAsyncRequestRepository } from '../store/sync-async-requests.ts';
import type { ShopSync } from './context.ts';
import { recordDeferred, recordRejected, recordSucceeded, recordUnknown } from './outcomes.ts';
import { chunks } from './windows.ts';

/**
 * 出荷報告 in bulk: updateOrderShippingAsync takes up to 100 orders and answers with a request
 * id; getResultUpdateOrderShippingAsync later tells, per order, what became of it. Until the
 * result is read the reports are "unknown" and the result is asked for again at every run
 * (after the operation's retry delay, seconds); a report is re-sent only when the order does
 * not show it and `asyncResultGraceMs` has passed since the request — RMS may still be
 * working on it.
 */
const DAY_MS = 86_400_000;

/** 出荷報告 and 出荷予定日連携 are both updateOrderShipping rows. */
type ShippingReport = Extract<ClaimedOperation['operation'], { kind: 'syncShippingReport' | 'syncPlannedShipDate' }>;

interface Sendable {
  readonly op: ClaimedOperation;
  readonly request: UpdateOrderShippingRequest;
}

export async function deliverShippingReportsAsync(
  sync: ShopSync,
  ops: readonly ClaimedOperation[],
  current: ReadonlyMap<string, OrderModel>,
): Promise<void> {
  const sendable: Sendable[] = [];
  for (const op of ops) {
    const model = current.get(op.orderNumber);
    const report = op.operation as ShippingReport;
    if (!model) await recordRejected(sync, op, 'RMSにこの注文が見つかりません。');
    else if (shippingUpdateApplied(model, report)) await recordSucceeded(sync, op, null, true);
    else sendable.push({ op, request: shippingUpdateRequest(model, report) });
  }
  for (const batch of chunks(sendable, MAX_ORDERS_PER_REQUEST)) await sendBatch(sync, batch);
}

async function sendBatch(sync: ShopSync, batch: readonly Sendable[]): Promise<void> {
  const { clock, db } = sync.deps;
  let messages: readonly MessageModel[];
  try {
    messages = await sync.client.updateOrderShippingAsync({ OrderShippingModelList: batch.map((b) => b.request) });
  } catch (err) {
    if (err instanceof RmsAuthError || !(err instanceof RmsError)) throw err;
    for (const { op } of batch) {
      if (err instanceof RmsOutcomeUnknownError || err instanceof RmsMalformedError) await recordUnknown(sync, op, err);
      else if (err.kind === 'unavailable') await recordDeferred(sync, op, err);
      else await recordRejected(sync, op, err.message);
    }
    return;
  }
  const errors = messages.filter((m) => m.messageType === 'ERROR');
  const requestId = messages.find((m) => m.requestId)?.requestId;
  if (errors.length > 0 || !requestId) {
    // Refused up front: nothing was queued. Orders named in an error are refused; the others are tried again.
    for (const { op } of batch) {
      const own = errors.filter((m) => m.orderNumber === op.orderNumber);
      if (own.length > 0) await recordRejected(sync, op, own);
      else await recordDeferred(sync, op, new Error('updateOrderShippingAsync refused the batch'));
    }
    return;
  }
  await new SyncAsyncRequestRepository(db.kysely).add({
    requestId,
    shopCode: sync.shop.code,
    outboxIds: batch.map((b) => b.op.id),
    sentAt: clock.now(),
  });
  await settle(sync, requestId, batch.map((b) => b.op));
}

/** Polls the result a few times; reports still without one are left unknown, to be asked about at the next run. */
async function settle(sync: ShopSync, requestId: string, ops: readonly ClaimedOperation[]): Promise<void> {
  const { options } = sync.deps;
  let open = [...ops];
  for (let poll = 1; poll <= options.asyncResultPolls && open.length > 0; poll++) {
    const results = await readResults(sync, requestId);
    if (results) {
      const next: ClaimedOperation[] = [];
      for (const op of open) {
        const messages = results.get(op.orderNumber);
        if (messages) await recordResult(sync, op, messages);
        else next.push(op);
      }
      open = next;
    }
    if (open.length > 0 && poll < options.asyncResultPolls) await sync.deps.sleep(options.asyncResultPollDelayMs);
  }
  for (const op of open) {
    await recordUnknown(sync, op, new Error(`no result yet for async request ${requestId}`));
  }
  if (open.length === 0) await new SyncAsyncRequestRepository(sync.deps.db.kysely).remove(requestId);
}

/** Per-order messages of an async request; null while RMS has nothing to say (or cannot be asked). */
async function readResults(sync: ShopSync, requestId: string): Promise<Map<string, readonly MessageModel[]> | null> {
  try {
    const answer = await sync.client.getResultUpdateOrderShippingAsync(requestId);
    const results = answer.ResultShippingModelList.filter((r) => r.orderNumber);
    return results.length > 0 ? new Map(results.map((r) => [r.orderNumber as string, r.MessageModelList])) : null;
  } catch (err) {
    if (err instanceof RmsAuthError || !(err instanceof RmsError)) throw err;
    return null;
  }
}

async function recordResult(sync: ShopSync, op: ClaimedOperation, messages: readonly MessageModel[]): Promise<void> {
  const errors = messages.filter((m) => m.messageType === 'ERROR');
  if (errors.length > 0) await recordRejected(sync, op, errors);
  else await recordSucceeded(sync, op, messages.map((m) => m.message).join(' / ') || null);
}

/**
 * A shipping report left unknown by an async request: read that request's result first.
 * True when that settled the operation, or when RMS may still be working on the request and
 * the order (`current`, as RMS has it now) does not show the report yet, so it waits for the
 * next run; false to fall back to the order (closed if it shows the report, else re-sent).
 */
export async function resolveFromAsyncResult(sync: ShopSync, op: ClaimedOperation, current: OrderModel | null): Promise<boolean> {
  const repo = new SyncAsyncRequestRepository(sync.deps.db.kysely);
  const request = (await repo.listForShop(sync.shop.code)).find((r) => r.outboxIds.includes(op.id));
  if (!request) return false;
  const messages = (await readResults(sync, request.requestId))?.get(op.orderNumber);
  if (messages) {
    await recordResult(sync, op, messages);
    return true;
  }
  const age = sync.deps.clock.now().getTime() - request.sentAt.getTime();
  const shown = current !== null && shippingUpdateApplied(current, op.operation as ShippingReport);
  if (!shown && age < sync.deps.options.asyncResultGraceMs) {
    await recordUnknown(sync, op, new Error(`no result yet for async request ${request.requestId}`));
    return true;
  }
  // RMS keeps results for 30 days; an older request can tell nothing more.
  if (age > ASYNC_RESULT_RETENTION_DAYS * DAY_MS) await repo.remove(request.requestId);
  return false;
}
