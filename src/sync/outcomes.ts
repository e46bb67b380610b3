import { queueMails } from '../app/mail/triggers.ts';
import { saveActionResult } from '../app/persist-action.ts';
import { historyEntry, type ActionContext, type ActionResult } from '../domain/action.ts';
import type { HistoryMessage } from '../domain/history.ts';
import { DomainError } from '../domain/errors.ts';
import type { Order } from '../domain/order.ts';
import { applyConfirmationOutcome, type ConfirmationOutcome } from '../domain/rms-updates.ts';
import { OPERATION_LABELS } from '../domain/operations.ts';
import { describeMessages, RmsRejectedError, type RmsError } from '../rms/errors.ts';
import type { MessageModel } from '../rms/wire/messages.ts';
import type { ClaimedOperation } from '../store/outbox-repository.ts';
import type { Store } from '../store/store.ts';
import { syncMessageText, type SyncMessageCode } from '../domain/sync-messages.ts';
import { SYNC_ACTOR, type ShopSync } from './context.ts';
import type { WriteFate } from './decide/outcome-table.ts';
import { retryDelayMs } from './options.ts';
import { withConflictRetry } from './upsert.ts';

/**
 * Recording what became of an outbox operation: the outbox row, the order's history and the
 * run log change together, in one transaction, so staff never see one without the other.
 */
export function labelOf(op: ClaimedOperation): string {
  return OPERATION_LABELS[op.operation.kind].ja;
}

async function note(tx: Store, sync: ShopSync, op: ClaimedOperation, action: string, message: HistoryMessage, after: unknown): Promise<void> {
  await tx.history.append(op, [historyEntry(sync.deps.clock.now(), SYNC_ACTOR, action, message, null, after)]);
}

/** RMS's words on an outcome, or juchu's own as a code (it is shown in the reader's language; the history keeps the Japanese). */
export type OutcomeWords = string | { readonly code: SyncMessageCode };

function wordsOf(words: OutcomeWords | null): { rmsMessage: string | null; outcomeCode: string | null; ja: string | null; en: string | null } {
  if (words === null || typeof words === 'string') return { rmsMessage: words, outcomeCode: null, ja: words, en: words };
  return { rmsMessage: null, outcomeCode: words.code, ja: syncMessageText(words.code, {}, 'ja'), en: syncMessageText(words.code, {}, 'en') };
}

/** RMS applied it (or, after a re-read, is found to have applied it). */
export async function recordSucceeded(sync: ShopSync, op: ClaimedOperation, rmsMessage: string | null, verified = false): Promise<void> {
  const message: HistoryMessage = { code: verified ? 'rmsOperationVerified' : 'rmsOperationSucceeded', params: { operation: op.operation.kind } };
  await sync.deps.store.transaction(async (tx) => {
    const now = sync.deps.clock.now();
    const closed = await tx.outbox.markSucceeded(op.id, sync.deps.workerId, { now, rmsMessage });
    await note(tx, sync, op, 'rmsOperationSucceeded', message, { operation: op.operation, rmsMessage });
    // RMS accepted the shipping report: the 発送完了メール, if the shop wants one, goes with it.
    if (closed && op.operation.kind === 'syncShippingReport') await queueMailFor(tx, op, 'shipped', now);
  });
  sync.log.pushed(op.orderNumber, op.operation.kind, rmsMessage);
}

/** confirmOrder's answer moves the order (through the domain) and closes the operation together. */
export async function recordConfirmation(sync: ShopSync, op: ClaimedOperation, outcome: ConfirmationOutcome, words: OutcomeWords): Promise<void> {
  const { store, clock, workerId } = sync.deps;
  const { rmsMessage, outcomeCode, ja, en } = wordsOf(words);
  await withConflictRetry(() =>
    store.transaction(async (tx) => {
      const order = await tx.orders.get(op.orderNumber);
      if (!order) throw new Error(`order ${op.orderNumber} vanished`);
      const now = clock.now();
      const result = confirmationResult(order, outcome, { now, actor: SYNC_ACTOR, shop: sync.shop });
      if (result) await saveActionResult(tx, result, now, 'update');
      else await note(tx, sync, op, 'rmsOperationSucceeded', { code: 'rmsConfirmationAnswered', params: { operation: op.operation.kind, outcome } }, { rmsMessage: ja });
      const closed = await tx.outbox.markSucceeded(op.id, workerId, { now, rmsMessage, outcomeCode });
      if (closed && outcome === 'accepted') await queueMailFor(tx, op, 'confirmed', now);
    }),
  );
  sync.log.pushed(op.orderNumber, op.operation.kind, en);
  if (outcome === 'cancelled') sync.log.cancelled(op.orderNumber, 'confirmation');
}

async function queueMailFor(tx: Store, op: ClaimedOperation, trigger: 'shipped' | 'confirmed', now: Date): Promise<void> {
  const order = await tx.orders.get(op.orderNumber);
  if (order) await queueMails(tx, trigger, [order], now, '同期');
}

/**
 * The order's move for a confirmation answer; null when the order has moved on meanwhile (a
 * refresh already took it to where RMS is), so there is nothing left to move.
 */
function confirmationResult(order: Order, outcome: ConfirmationOutcome, ctx: ActionContext): ActionResult | null {
  try {
    return applyConfirmationOutcome(order, outcome, ctx);
  } catch (err) {
    if (err instanceof DomainError && err.code === 'INVALID_TRANSITION') return null;
    throw err;
  }
}

/** RMS refused it: it stays failed, with RMS's words, for staff to act on. Never retried blindly. */
export async function recordRejected(sync: ShopSync, op: ClaimedOperation, refusal: readonly MessageModel[] | OutcomeWords): Promise<void> {
  const { rmsMessage, outcomeCode, ja, en } = wordsOf(Array.isArray(refusal) ? describeMessages(refusal) : (refusal as OutcomeWords));
  await sync.deps.store.transaction(async (tx) => {
    await tx.outbox.markFailed(op.id, sync.deps.workerId, {
      now: sync.deps.clock.now(),
      error: `RMS refused ${op.operation.kind}`,
      rmsMessage,
      outcomeCode,
      retryAt: null,
    });
    await note(tx, sync, op, 'rmsOperationFailed', { code: 'rmsOperationFailed', params: { operation: op.operation.kind, rmsMessage: ja ?? '' } }, { operation: op.operation, rmsMessage: ja });
  });
  sync.log.failed(op.orderNumber, 'RMS_REJECTED', { operation: op.operation.kind }, en);
}

/** When the operation is due again: seconds after its first attempt, growing with each one, capped. */
function nextTry(sync: ShopSync, op: ClaimedOperation): Date {
  return new Date(sync.deps.clock.now().getTime() + retryDelayMs(sync.deps.options, op.attempts));
}

/** It certainly did not reach RMS (429, outage, maintenance): try again later. */
export async function recordDeferred(sync: ShopSync, op: ClaimedOperation, error: Error): Promise<void> {
  await putBack(sync, op, error.message, nextTry(sync, op));
  sync.log.failed(op.orderNumber, 'RMS_UNAVAILABLE', { operation: op.operation.kind }, error.message);
}

/** Nobody can tell yet whether RMS applied it: the next attempt re-reads the order before anything else. */
export async function recordUnknown(sync: ShopSync, op: ClaimedOperation, error: Error): Promise<void> {
  await sync.deps.store.outbox.markUnknown(op.id, sync.deps.workerId, {
    now: sync.deps.clock.now(),
    error: error.message,
    retryAt: nextTry(sync, op),
  });
  sync.log.failed(op.orderNumber, 'OUTCOME_UNKNOWN', { operation: op.operation.kind }, error.message);
}

/** The shop's credentials were refused: put the operation back as it was, for when a new key arrives. */
export async function recordHeldBack(sync: ShopSync, op: ClaimedOperation, error: RmsError): Promise<void> {
  await putBack(sync, op, error.message, sync.deps.clock.now());
}

/** Back in the queue from `retryAt`, still marked unknown if an earlier attempt may have reached RMS. */
async function putBack(sync: ShopSync, op: ClaimedOperation, error: string, retryAt: Date): Promise<void> {
  const repo = sync.deps.store.outbox;
  const report = { now: sync.deps.clock.now(), error, retryAt };
  await (op.outcomeUnknown ? repo.markUnknown(op.id, sync.deps.workerId, report) : repo.markFailed(op.id, sync.deps.workerId, report));
}

/**
 * A write that failed, recorded as the decision table's fate says (`reread` is the caller's to
 * do; recorded here it means "verify later"). A refusal keeps RMS's messages when it sent some,
 * else `refusedWith` or the error's text.
 */
export async function recordWriteFailure(sync: ShopSync, op: ClaimedOperation, err: Error, fate: Exclude<WriteFate, 'holdBack'>, refusedWith?: string): Promise<void> {
  switch (fate) {
    case 'retryLater':
      return recordDeferred(sync, op, err);
    case 'reread':
    case 'awaitResult':
      return recordUnknown(sync, op, err);
    case 'refuse':
      return recordRejected(sync, op, refusedWith ?? (err instanceof RmsRejectedError ? err.messages : err.message));
  }
}
