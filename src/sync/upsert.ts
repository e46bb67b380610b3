import { saveActionResults, type ActionWrite } from '../app/persist-action.ts';
import { applyRmsSnapshot } from '../domain/index.ts';
import type { ActionResult } from '../domain/index.ts';
import { DomainError, ERROR_MESSAGES } from '../domain/errors.ts';
import type { SyncMessageCode } from '../domain/sync-messages.ts';
import type { Order } from '../domain/order.ts';
import type { MalformedOrderRecord } from '../rms/client.ts';
import { OrderMappingError, toDomainOrder } from '../rms/mapping.ts';
import type { OrderModel } from '../rms/wire/order-model.ts';
import { automateImported } from '../app/automation/order-automation.ts';
import type { OutboxState } from '../store/tables.ts';
import { shopAutomationOf } from './automation.ts';
import { SYNC_ACTOR, type ShopSync } from './context.ts';

const CONFLICT_RETRIES = 3;

/** Operations not yet through: while one waits, its local values win over RMS's older ones. */
const WAITING: OutboxState[] = ['pending', 'in_flight', 'unknown'];

type Outcome =
  | { readonly kind: 'imported'; readonly orderNumber: string; readonly cancelled: boolean }
  | { readonly kind: 'updated'; readonly orderNumber: string; readonly what: string; readonly cancelled: boolean }
  | { readonly kind: 'refused'; readonly orderNumber: string; readonly error: DomainError };

/**
 * Brings a chunk of RMS orders (one getOrder answer) into juchu in one transaction, through
 * the domain's applyRmsSnapshot: new orders are imported, known ones take RMS's fields and
 * keep their local ones, and every RMS-side change leaves history. An order whose data is
 * unchanged is not written at all (the domain hands back the same object), so syncing never
 * bumps a version staff are editing.
 */
export async function upsertSnapshots(sync: ShopSync, models: readonly OrderModel[]): Promise<void> {
  const snapshots: Order[] = [];
  for (const model of models) {
    try {
      snapshots.push(toDomainOrder(model, sync.shop.code));
    } catch (err) {
      if (!(err instanceof OrderMappingError)) throw err;
      await quarantine(sync, { orderNumber: model.orderNumber, error: err.message, raw: model });
    }
  }
  if (snapshots.length === 0) return;
  const outcomes = await withConflictRetry(() => writeChunk(sync, snapshots));
  for (const outcome of outcomes) {
    switch (outcome.kind) {
      case 'imported':
        sync.log.imported();
        break;
      case 'updated':
        sync.log.updated(outcome.orderNumber, outcome.what);
        break;
      case 'refused':
        sync.log.failed(outcome.orderNumber, outcome.error.code as SyncMessageCode, ownSentence(outcome.error) ? null : {}, outcome.error.message, outcome.error.messageJa);
        break;
    }
    if (outcome.kind !== 'refused' && outcome.cancelled) sync.log.cancelled(outcome.orderNumber, 'rms');
  }
}

/** True when the domain said more precisely than its code's sentence what is wrong: that sentence is kept as written. */
function ownSentence(err: DomainError): boolean {
  return !(err.code in ERROR_MESSAGES) || ERROR_MESSAGES[err.code as keyof typeof ERROR_MESSAGES].ja !== err.messageJa;
}

/** The chunk's orders and their waiting operations are read with one query each, and written with one INSERT for the new ones. */
async function writeChunk(sync: ShopSync, snapshots: readonly Order[]): Promise<Outcome[]> {
  const { store, clock } = sync.deps;
  // Read before the transaction: on SQLite a read outside it would wait for it to end.
  const automation = await shopAutomationOf(sync);
  return store.transaction(async (tx) => {
    const now = clock.now();
    const existing = new Map((await tx.orders.getMany(snapshots.map((s) => s.orderNumber))).map((o) => [o.orderNumber, o]));
    const waiting = await tx.outbox.listForOrders([...existing.keys()], WAITING);
    const writes: ActionWrite[] = [];
    const outcomes: Outcome[] = [];
    const applied: { before: Order | null; result: ActionResult }[] = [];
    const ctx = { now, actor: SYNC_ACTOR, shop: sync.shop };
    for (const snapshot of snapshots) {
      const before = existing.get(snapshot.orderNumber) ?? null;
      try {
        const pendingOperations = (waiting.get(snapshot.orderNumber) ?? []).map((e) => e.operation.kind);
        applied.push({ before, result: applyRmsSnapshot(before, snapshot, ctx, { pendingOperations }) });
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        outcomes.push({ kind: 'refused', orderNumber: snapshot.orderNumber, error: err });
      }
    }
    const results = await automateImported(tx, automation, applied, ctx);
    for (const [i, { before }] of applied.entries()) {
      const result = results[i]!;
      const orderNumber = result.order.orderNumber;
      const cancelled = result.order.status === 'cancelled' && before?.status !== 'cancelled';
      if (before === null) {
        writes.push({ result, mode: 'insert' });
        outcomes.push({ kind: 'imported', orderNumber, cancelled });
      } else if (result.order !== before) {
        writes.push({ result, mode: 'update' });
        const what = result.history.map((h) => h.summary).join(' / ') || '受注データ';
        outcomes.push({ kind: 'updated', orderNumber, what, cancelled });
      }
    }
    await saveActionResults(tx, writes, now);
    return outcomes;
  });
}

/** Another writer (staff, another worker) saved one of the orders in between: read again and redo. */
export async function withConflictRetry<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'VERSION_CONFLICT' || attempt >= CONFLICT_RETRIES) throw err;
    }
  }
}

export async function quarantine(sync: ShopSync, record: MalformedOrderRecord): Promise<void> {
  await sync.deps.store.syncQuarantine.add({
    shopCode: sync.shop.code,
    orderNumber: record.orderNumber,
    runId: sync.runId,
    error: record.error,
    raw: record.raw,
    at: sync.deps.clock.now(),
  });
  sync.log.quarantined(record.orderNumber, record.error);
  sync.deps.logger.warn({ shop: sync.shop.code, orderNumber: record.orderNumber, error: record.error }, 'RMS order record quarantined');
}
