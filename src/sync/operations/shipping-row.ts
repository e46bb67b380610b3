import { mergedShippingRequest, shippingUpdateApplied, shippingUpdateRequest } from '../../rms/mapping.ts';
import { RmsRejectedError } from '../../rms/errors.ts';
import type { MessageModel } from '../../rms/wire/messages.ts';
import type { OrderModel } from '../../rms/wire/order-model.ts';
import type { ClaimedOperation } from '../../store/outbox-repository.ts';
import type { ShopSync } from '../context.ts';
import { writeFate } from '../decide/outcome-table.ts';
import { recordDeferred, recordRejected, recordSucceeded, recordWriteFailure } from '../outcomes.ts';
import type { OperationModule, OperationOf } from './module.ts';

/** 出荷予定日連携 and 出荷報告: both a row of updateOrderShipping, so they share the batches. */
export type ShippingRowKind = 'syncPlannedShipDate' | 'syncShippingReport';

/**
 * updateOrderShipping: a later 出荷予定日 updates its row, a 出荷報告 fills in the planned-date
 * row when there is one. Applied when RMS shows a row with that date, carrier and number.
 */
export const shippingRow: OperationModule<OperationOf<ShippingRowKind>> = {
  batching: 'shippingRow',
  isApplied: (current, op) => shippingUpdateApplied(current, op),
  send: (client, current, op) => client.updateOrderShipping(shippingUpdateRequest(current, op)),
};

export function rowOf(op: ClaimedOperation): OperationOf<ShippingRowKind> {
  return op.operation as OperationOf<ShippingRowKind>;
}

/**
 * One order's queued parcels in one updateOrderShipping call. Reports RMS already shows are
 * closed without a call; after an unknown outcome each report is re-read on its own later.
 */
export async function deliverShippingGroup(sync: ShopSync, ops: readonly ClaimedOperation[], fresh: OrderModel | null): Promise<void> {
  if (!fresh) {
    for (const op of ops) await recordRejected(sync, op, { code: 'NOT_IN_RMS' });
    return;
  }
  const open: ClaimedOperation[] = [];
  for (const op of ops) {
    if (shippingUpdateApplied(fresh, rowOf(op))) await recordSucceeded(sync, op, null, true);
    else open.push(op);
  }
  if (open.length === 0) return;
  const { request, dataNumbers } = mergedShippingRequest(fresh, open.map((op) => rowOf(op)));
  let messages: readonly MessageModel[];
  try {
    messages = await sync.client.updateOrderShipping(request);
  } catch (err) {
    const fate = writeFate(err);
    // RMS's messages name the refused parcels; the others of the order go back to the queue.
    if (fate === 'refuse' && err instanceof RmsRejectedError) await recordShippingResult(sync, open, dataNumbers, err.messages);
    // One call for several reports: each is re-read on its own later rather than all at once now.
    else for (const op of open) await recordWriteFailure(sync, op, err as Error, fate === 'reread' ? 'awaitResult' : fate);
    return;
  }
  await recordShippingResult(sync, open, dataNumbers, messages);
}

/** RMS's messages for one order's merged parcels (`dataNumbers[i]` names `ops[i]`'s row), sync or async. */
export async function recordShippingResult(sync: ShopSync, ops: readonly ClaimedOperation[], dataNumbers: readonly number[], messages: readonly MessageModel[]): Promise<void> {
  const errors = messages.filter((m) => m.messageType === 'ERROR');
  for (const [i, op] of ops.entries()) {
    const dataNumber = dataNumbers[i];
    const own = errors.filter((m) => m.dataNumber === dataNumber || m.dataNumber === null || m.dataNumber === undefined);
    if (own.length > 0) await recordRejected(sync, op, own);
    else if (errors.length > 0) await recordDeferred(sync, op, new Error('RMS refused another parcel of the same order'));
    else {
      const mine = messages.filter((m) => m.dataNumber === dataNumber);
      await recordSucceeded(sync, op, (mine.length > 0 ? mine : messages).map((m) => m.message).join(' / ') || null);
    }
  }
}
