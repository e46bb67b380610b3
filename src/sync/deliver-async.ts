import { mergedShippingRequest, shippingUpdateApplied } from '../rms/mapping.ts';
import type { MessageModel } from '../rms/wire/messages.ts';
import type { OrderModel } from '../rms/wire/order-model.ts';
import { MAX_ORDERS_PER_REQUEST } from '../rms/wire/request-fields.ts';
import { ASYNC_RESULT_RETENTION_DAYS, type UpdateOrderShippingRequest } from '../rms/wire/shipping.ts';
import type { ClaimedOperation } from '../store/outbox-repository.ts';
import type { ShopSync } from './context.ts';
import { goOnWithoutAnswer, writeFate } from './decide/outcome-table.ts';
import { recordShippingResult, rowOf } from './operations/shipping-row.ts';
import { recordDeferred, recordRejected, recordSucceeded, recordUnknown, recordWriteFailure } from './outcomes.ts';
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

/** One order's parcels in one request: `dataNumbers[i]` is where RMS's messages name `ops[i]`. */
interface Sendable {
  readonly ops: readonly ClaimedOperation[];
  readonly request: UpdateOrderShippingRequest;
  readonly dataNumbers: readonly number[];
}

/**
 * `groups` holds one order's shipping reports each (usually one; several when the order went
 * in several boxes): each group becomes one order of the request. Reports RMS already shows
 * are closed without a call.
 */
export async function deliverShippingReportsAsync(
  sync: ShopSync,
  groups: readonly (readonly ClaimedOperation[])[],
  current: ReadonlyMap<string, OrderModel>,
): Promise<void> {
  const sendable: Sendable[] = [];
  for (const group of groups) {
    const model = current.get(group[0]!.orderNumber);
    const open: ClaimedOperation[] = [];
    for (const op of group) {
      if (!model) await recordRejected(sync, op, { code: 'NOT_IN_RMS' });
      else if (shippingUpdateApplied(model, rowOf(op))) await recordSucceeded(sync, op, null, true);
      else open.push(op);
    }
    if (model && open.length > 0) sendable.push({ ops: open, ...mergedShippingRequest(model, open.map((op) => rowOf(op))) });
  }
  for (const batch of chunks(sendable, MAX_ORDERS_PER_REQUEST)) await sendBatch(sync, batch);
}

async function sendBatch(sync: ShopSync, batch: readonly Sendable[]): Promise<void> {
  const { clock, store } = sync.deps;
  const ops = batch.flatMap((b) => b.ops);
  let messages: readonly MessageModel[];
  try {
    messages = await sync.client.updateOrderShippingAsync({ OrderShippingModelList: batch.map((b) => b.request) });
  } catch (err) {
    const fate = writeFate(err);
    // The request id is the only way to ask about a batch: without it, each report is verified on its own later.
    for (const op of ops) await recordWriteFailure(sync, op, err as Error, fate === 'reread' ? 'awaitResult' : fate, (err as Error).message);
    return;
  }
  const errors = messages.filter((m) => m.messageType === 'ERROR');
  const requestId = messages.find((m) => m.requestId)?.requestId;
  if (errors.length > 0 || !requestId) {
    // Refused up front: nothing was queued. Rows named in an error are refused; the others are tried again.
    for (const sendable of batch) {
      const own = errors.filter((m) => m.orderNumber === sendable.ops[0]!.orderNumber);
      if (own.length > 0) await recordOrderResult(sync, sendable, own);
      else for (const op of sendable.ops) await recordDeferred(sync, op, new Error('updateOrderShippingAsync refused the batch'));
    }
    return;
  }
  await store.syncAsyncRequests.add({ requestId, shopCode: sync.shop.code, outboxIds: ops.map((op) => op.id), sentAt: clock.now() });
  await settle(sync, requestId, batch);
}

/** Polls the result a few times; reports still without one are left unknown, to be asked about at the next run. */
async function settle(sync: ShopSync, requestId: string, batch: readonly Sendable[]): Promise<void> {
  const { options } = sync.deps;
  let open = [...batch];
  for (let poll = 1; poll <= options.asyncResultPolls && open.length > 0; poll++) {
    const results = await readResults(sync, requestId);
    if (results) {
      const next: Sendable[] = [];
      for (const sendable of open) {
        const messages = results.get(sendable.ops[0]!.orderNumber);
        if (messages) await recordOrderResult(sync, sendable, messages);
        else next.push(sendable);
      }
      open = next;
    }
    if (open.length > 0 && poll < options.asyncResultPolls) await sync.deps.sleep(options.asyncResultPollDelayMs);
  }
  for (const op of open.flatMap((s) => s.ops)) {
    await recordUnknown(sync, op, new Error(`no result yet for async request ${requestId}`));
  }
  if (open.length === 0) await sync.deps.store.syncAsyncRequests.remove(requestId);
}

/**
 * RMS's messages for one order's parcels. A refused row shows RMS's message on its own
 * report; whether RMS applied the other rows of that order is uncertain (the reference
 * assumes all-or-nothing), so they go back to the queue, where the order is re-read before
 * anything is sent again.
 */
async function recordOrderResult(sync: ShopSync, sendable: Sendable, messages: readonly MessageModel[]): Promise<void> {
  await recordShippingResult(sync, sendable.ops, sendable.dataNumbers, messages);
}

/** Per-order messages of an async request; null while RMS has nothing to say (or cannot be asked). */
async function readResults(sync: ShopSync, requestId: string): Promise<Map<string, readonly MessageModel[]> | null> {
  try {
    const answer = await sync.client.getResultUpdateOrderShippingAsync(requestId);
    const results = answer.ResultShippingModelList.filter((r) => r.orderNumber);
    return results.length > 0 ? new Map(results.map((r) => [r.orderNumber as string, r.MessageModelList])) : null;
  } catch (err) {
    goOnWithoutAnswer(err);
    return null;
  }
}

/**
 * A shipping report left unknown by an async request: read that request's result first.
 * True when that settled the operation, or when RMS may still be working on the request and
 * the order (`current`, as RMS has it now) does not show the report yet, so it waits for the
 * next run; false to fall back to the order (closed if it shows the report, else re-sent).
 */
export async function resolveFromAsyncResult(sync: ShopSync, op: ClaimedOperation, current: OrderModel | null): Promise<boolean> {
  const repo = sync.deps.store.syncAsyncRequests;
  const request = (await repo.listForShop(sync.shop.code)).find((r) => r.outboxIds.includes(op.id));
  if (!request) return false;
  const messages = (await readResults(sync, request.requestId))?.get(op.orderNumber);
  if (messages && !messages.some((m) => m.messageType === 'ERROR')) {
    await recordSucceeded(sync, op, messages.map((m) => m.message).join(' / ') || null);
    return true;
  }
  // An error may name another parcel of the same order: RMS has processed the request, so
  // re-reading the order tells which went through.
  if (messages) return false;
  const age = sync.deps.clock.now().getTime() - request.sentAt.getTime();
  const shown = current !== null && shippingUpdateApplied(current, rowOf(op));
  if (!shown && age < sync.deps.options.asyncResultGraceMs) {
    await recordUnknown(sync, op, new Error(`no result yet for async request ${request.requestId}`));
    return true;
  }
  // RMS keeps results for 30 days; an older request can tell nothing more.
  if (age > ASYNC_RESULT_RETENTION_DAYS * DAY_MS) await repo.remove(request.requestId);
  return false;
}
