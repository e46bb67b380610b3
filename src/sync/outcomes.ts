import type { Kysely } from 'kysely';
import { persistActionResult } from '../app/persist-action.ts';
import type { ActionContext, ActionResult } from '../domain/action.ts';
import { DomainError } from '../domain/errors.ts';
import type { Order } from '../domain/order.ts';
import { applyConfirmationOutcome, type ConfirmationOutcome } from '../domain/rms-updates.ts';
import { OPERATION_LABELS } from '../domain/operations.ts';
import type { RmsError } from '../rms/errors.ts';
import { describeMessages } from '../rms/errors.ts';
import type { MessageModel } from '../rms/wire/messages.ts';
import { HistoryRepository } from '../store/history-repository.ts';
import { OrderRepository } from '../store/order-repository.ts';
import { OutboxRepository, type ClaimedOperation } from '../store/outbox-repository.ts';
import type { Tables } from '../store/tables.ts';
import { SYNC_ACTOR, type ShopSync } from './context.ts';
import { retryDelayMs } from './options.ts';
import { withConflictRetry } from './upsert.ts';

/**
 * Recording what became of an outbox operation: the outbox row, the order's history and the
 * run log change together, in one transaction, so staff never see one without the other.
 */
export function labelOf(op: ClaimedOperation): string {
  return OPERATION_LABELS[op.operation.kind].ja;
}

function outbox(sync: ShopSync, tx: Kysely<Tables>): OutboxRepository {
  return new OutboxRepository(tx, sync.deps.db.dialect);
}

async function note(tx: Kysely<Tables>, sync: ShopSync, op: ClaimedOperation, action: string, summary: string, after: unknown): Promise<void> {
  await new HistoryRepository(tx).append(op, [{ at: sync.deps.clock.now(), actor: SYNC_ACTOR, action, summary, before: null, after }]);
}

/** RMS applied it (or, after a re-read, is found to have applied it). */
export async function recordSucceeded(sync: ShopSync, op: ClaimedOperation, rmsMessage: string | null, verified = false): Promise<void> {
  const label = labelOf(op);
  const summary = verified ? `${label}: RMSを再取得し、反映済みであることを確認しました` : `${label}をRMSに連携しました`;
  await sync.deps.db.transaction(async (tx) => {
    await outbox(sync, tx).markSucceeded(op.id, sync.deps.workerId, { now: sync.deps.clock.now(), rmsMessage });
    await note(tx, sync, op, 'rmsOperationSucceeded', summary, { operation: op.operation, rmsMessage });
  });
  sync.log.pushed(op.orderNumber, label, rmsMessage);
}

/** confirmOrder's answer moves the order (through the domain) and closes the operation together. */
export async function recordConfirmation(sync: ShopSync, op: ClaimedOperation, outcome: ConfirmationOutcome, rmsMessage: string | null): Promise<void> {
  const { db, clock, workerId } = sync.deps;
  await withConflictRetry(() =>
    db.transaction(async (tx) => {
      const order = await new OrderRepository(tx).get(op.orderNumber);
      if (!order) throw new Error(`order ${op.orderNumber} vanished`);
      const now = clock.now();
      const result = confirmationResult(order, outcome, { now, actor: SYNC_ACTOR, shop: sync.shop });
      if (result) await persistActionResult(tx, db.dialect, result, now, 'update');
      else await note(tx, sync, op, 'rmsOperationSucceeded', `${labelOf(op)}: RMSの回答（${outcome}）を受け取りました`, { rmsMessage });
      await outbox(sync, tx).markSucceeded(op.id, workerId, { now, rmsMessage });
    }),
  );
  sync.log.pushed(op.orderNumber, labelOf(op), rmsMessage);
  if (outcome === 'cancelled') sync.log.cancelled(op.orderNumber, '注文確認の結果');
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
export async function recordRejected(sync: ShopSync, op: ClaimedOperation, messages: readonly MessageModel[] | string): Promise<void> {
  const rmsMessage = typeof messages === 'string' ? messages : describeMessages(messages);
  const label = labelOf(op);
  await sync.deps.db.transaction(async (tx) => {
    await outbox(sync, tx).markFailed(op.id, sync.deps.workerId, {
      now: sync.deps.clock.now(),
      error: `RMS refused ${op.operation.kind}`,
      rmsMessage,
      retryAt: null,
    });
    await note(tx, sync, op, 'rmsOperationFailed', `${label}がRMSで受け付けられませんでした: ${rmsMessage}`, { operation: op.operation, rmsMessage });
  });
  sync.log.failed(op.orderNumber, 'RMS_REJECTED', `${label}がRMSで受け付けられませんでした。RMSのメッセージを確認してください。`, rmsMessage);
}

/** When the operation is due again: seconds after its first attempt, growing with each one, capped. */
function nextTry(sync: ShopSync, op: ClaimedOperation): Date {
  return new Date(sync.deps.clock.now().getTime() + retryDelayMs(sync.deps.options, op.attempts));
}

/** It certainly did not reach RMS (429, outage, maintenance): try again later. */
export async function recordDeferred(sync: ShopSync, op: ClaimedOperation, error: Error): Promise<void> {
  await putBack(sync, op, error.message, nextTry(sync, op));
  sync.log.failed(op.orderNumber, 'RMS_UNAVAILABLE', `RMSに接続できなかったため、${labelOf(op)}はあとで再送します。`, error.message);
}

/** Nobody can tell yet whether RMS applied it: the next attempt re-reads the order before anything else. */
export async function recordUnknown(sync: ShopSync, op: ClaimedOperation, error: Error): Promise<void> {
  await outbox(sync, sync.deps.db.kysely).markUnknown(op.id, sync.deps.workerId, {
    now: sync.deps.clock.now(),
    error: error.message,
    retryAt: nextTry(sync, op),
  });
  sync.log.failed(
    op.orderNumber,
    'OUTCOME_UNKNOWN',
    `${labelOf(op)}の結果をRMSから確認できませんでした。次回、RMSの状態を確認してから必要な場合のみ再送します。`,
    error.message,
  );
}

/** The shop's credentials were refused: put the operation back as it was, for when a new key arrives. */
export async function recordHeldBack(sync: ShopSync, op: ClaimedOperation, error: RmsError): Promise<void> {
  await putBack(sync, op, error.message, sync.deps.clock.now());
}

/** Back in the queue from `retryAt`, still marked unknown if an earlier attempt may have reached RMS. */
async function putBack(sync: ShopSync, op: ClaimedOperation, error: string, retryAt: Date): Promise<void> {
  const repo = outbox(sync, sync.deps.db.kysely);
  const report = { now: sync.deps.clock.now(), error, retryAt };
  await (op.outcomeUnknown ? repo.markUnknown(op.id, sync.deps.workerId, report) : repo.markFailed(op.id, sync.deps.workerId, report));
}
