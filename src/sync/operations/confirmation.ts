import type { ConfirmationOutcome } from '../../domain/rms-updates.ts';
import { isCancelledInRms } from '../../rms/mapping.ts';
import type { MessageModel } from '../../rms/wire/messages.ts';
import type { OrderModel } from '../../rms/wire/order-model.ts';
import { MAX_ORDERS_PER_REQUEST } from '../../rms/wire/request-fields.ts';
import type { ClaimedOperation } from '../../store/outbox-repository.ts';
import type { ShopSync } from '../context.ts';
import { stopsShop, writeFate } from '../decide/outcome-table.ts';
import { fetchAndUpsert, readOrders } from '../import.ts';
import { recordConfirmation, recordRejected, recordUnknown, recordWriteFailure } from '../outcomes.ts';
import { chunks } from '../windows.ts';
import type { OperationModule, OperationOf } from './module.ts';

const CONFIRM_INFO_ACCEPTED = 'ORDER_EXT_API_CONFIRM_ORDER_INFO_101';
const CONFIRM_ERROR_CANCELLED = 'ORDER_EXT_API_CONFIRM_ORDER_ERROR_102';
const CONFIRM_ERROR_ALREADY = 'ORDER_EXT_API_CONFIRM_ORDER_ERROR_103';

/** 注文確認済み連携 (confirmOrder): applied once RMS's progress is past 100. Sent in batches by `deliverConfirmations`. */
export const confirmation: OperationModule<OperationOf<'syncConfirmation'>> = {
  batching: 'confirmation',
  isApplied: (current) => current.orderProgress !== 100,
  send: (client, current) => client.confirmOrder([current.orderNumber]),
};

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
export async function deliverConfirmations(sync: ShopSync, ops: readonly ClaimedOperation[], current: ReadonlyMap<string, OrderModel>): Promise<void> {
  const pending = new Map<string, ClaimedOperation>();
  for (const op of ops) {
    const known = op.outcomeUnknown ? current.get(op.orderNumber) : undefined;
    const outcome = known ? outcomeFromProgress(known) : null;
    if (outcome) await recordConfirmation(sync, op, outcome, { code: 'VERIFIED_BY_REREAD' });
    else pending.set(op.orderNumber, op);
  }
  const reread: string[] = [];
  for (let attempt = 1; attempt <= sync.deps.options.maxWriteAttempts && pending.size > 0; attempt++) {
    for (const chunk of chunks([...pending.keys()], MAX_ORDERS_PER_REQUEST)) {
      let messages: readonly MessageModel[];
      try {
        messages = await sync.client.confirmOrder(chunk);
      } catch (err) {
        const fate = writeFate(err);
        if (fate === 'reread') {
          await settleFromRms(sync, chunk, pending, err as Error);
          continue;
        }
        for (const n of chunk) await recordWriteFailure(sync, pending.get(n)!, err as Error, fate);
        chunk.forEach((n) => pending.delete(n));
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
    if (stopsShop(err)) throw err;
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
    await recordConfirmation(sync, pending.get(n)!, outcome, { code: 'VERIFIED_BY_REREAD' });
    pending.delete(n);
  }
}
