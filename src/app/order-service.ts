import { cancelOrder, confirmOrder, editOrder, holdOrder, registerShipment, releaseOrder } from '../domain/actions.ts';
import type { ActionContext, ActionResult, OrderEdit, ShipmentInput } from '../domain/actions.ts';
import { DomainError } from '../domain/errors.ts';
import type { Actor, HistoryEntry } from '../domain/history.ts';
import { OPERATION_LABELS } from '../domain/operations.ts';
import type { Order } from '../domain/order.ts';
import type { OrderStatus } from '../domain/status.ts';
import type { Clock } from '../ports/clock.ts';
import type { Database } from '../store/database.ts';
import { AuditLogRepository } from '../store/audit-log-repository.ts';
import { HistoryRepository } from '../store/history-repository.ts';
import { OrderRepository } from '../store/order-repository.ts';
import type { OrderFilter, OrderPage, OrderPageRequest } from '../store/order-repository.ts';
import { OutboxRepository } from '../store/outbox-repository.ts';
import type { OutboxEntry } from '../store/outbox-repository.ts';
import { ShopRepository } from '../store/shop-repository.ts';
import { persistActionResult } from './persist-action.ts';

export interface OrderDetails {
  readonly order: Order;
  readonly history: HistoryEntry[];
  /** Operations for RMS not yet succeeded: pending, in flight, unknown or failed. */
  readonly pendingOperations: OutboxEntry[];
}

export type ConfirmResult =
  | { readonly orderNumber: string; readonly ok: true; readonly order: Order }
  | { readonly orderNumber: string; readonly ok: false; readonly error: DomainError };

type Action = (order: Order, ctx: ActionContext) => ActionResult;

/**
 * Staff actions on orders. Each runs in one transaction: load the order (refusing if the
 * client saw an older version), apply the pure domain action, then save the order, its
 * history and its RMS operations together. A refused action writes nothing.
 */
export class OrderService {
  constructor(private readonly deps: { readonly db: Database; readonly clock: Clock }) {}

  async details(orderNumber: string): Promise<OrderDetails> {
    const db = this.deps.db;
    const order = await new OrderRepository(db.kysely).get(orderNumber);
    if (!order) throw notFound(orderNumber);
    const [history, pendingOperations] = await Promise.all([
      new HistoryRepository(db.kysely).listForOrder(orderNumber),
      new OutboxRepository(db.kysely, db.dialect).listOpenForOrder(orderNumber),
    ]);
    return { order, history, pendingOperations };
  }

  list(filter: OrderFilter, page: OrderPageRequest): Promise<OrderPage> {
    return new OrderRepository(this.deps.db.kysely).list(filter, page, this.deps.clock.now());
  }

  counts(shopCodes?: readonly string[]): Promise<Record<OrderStatus, number>> {
    return new OrderRepository(this.deps.db.kysely).countByStatus(shopCodes ? { shopCodes } : {});
  }

  edit(orderNumber: string, version: number | undefined, edit: OrderEdit, actor: Actor): Promise<Order> {
    return this.act(orderNumber, version, actor, 'order.edit', (order, ctx) => editOrder(order, edit, ctx));
  }

  confirm(orderNumber: string, version: number | undefined, actor: Actor): Promise<Order> {
    return this.act(orderNumber, version, actor, 'order.confirm', confirmOrder);
  }

  /** 一括注文確認: each order on its own, so one refusal does not hold back the others. */
  async confirmMany(orderNumbers: readonly string[], actor: Actor): Promise<ConfirmResult[]> {
    const results: ConfirmResult[] = [];
    for (const orderNumber of new Set(orderNumbers)) {
      try {
        results.push({ orderNumber, ok: true, order: await this.confirm(orderNumber, undefined, actor) });
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        results.push({ orderNumber, ok: false, error: err });
      }
    }
    return results;
  }

  registerShipment(orderNumber: string, version: number | undefined, shipment: ShipmentInput, actor: Actor): Promise<Order> {
    return this.act(orderNumber, version, actor, 'order.registerShipment', (order, ctx) => registerShipment(order, shipment, ctx));
  }

  hold(orderNumber: string, version: number | undefined, actor: Actor, reason: string | null = null): Promise<Order> {
    return this.act(orderNumber, version, actor, 'order.hold', (order, ctx) => holdOrder(order, ctx, reason));
  }

  release(orderNumber: string, version: number | undefined, actor: Actor): Promise<Order> {
    return this.act(orderNumber, version, actor, 'order.release', releaseOrder);
  }

  cancel(orderNumber: string, version: number | undefined, input: { reason: number }, actor: Actor): Promise<Order> {
    return this.act(orderNumber, version, actor, 'order.cancel', (order, ctx) => cancelOrder(order, input, ctx));
  }

  /**
   * 再送: staff fixed what made RMS refuse an operation (in RMS or here) and ask for it to be
   * sent again. Noted in the order's history and the audit log, in the same transaction.
   */
  async retryOperation(orderNumber: string, operationId: number, actor: Actor): Promise<Order> {
    const { db, clock } = this.deps;
    return db.transaction(async (tx) => {
      const order = await new OrderRepository(tx).get(orderNumber);
      if (!order) throw notFound(orderNumber);
      const outbox = new OutboxRepository(tx, db.dialect);
      const operation = (await outbox.listForOrder(orderNumber)).find((op) => op.id === operationId);
      if (!operation) throw new DomainError('NOT_FOUND', { orderNumber, operationId }, `operation ${operationId} of order ${orderNumber} not found`);
      const now = clock.now();
      if (!(await outbox.requeueFailed(operationId, now))) {
        throw new DomainError('OPERATION_NOT_FAILED', { orderNumber, operationId, state: operation.state });
      }
      const label = OPERATION_LABELS[operation.operation.kind].ja;
      await new HistoryRepository(tx).append(order, [
        { at: now, actor, action: 'rmsOperationRequeued', summary: `${label}をRMSに再送します`, before: { state: 'failed' }, after: { state: 'pending' } },
      ]);
      await new AuditLogRepository(tx).append({
        at: now,
        actor,
        action: 'order.retryOperation',
        target: `order:${orderNumber}`,
        details: { shopCode: order.shopCode, operationId, kind: operation.operation.kind },
        shopCode: order.shopCode,
      });
      return order;
    });
  }

  /** `version` is what the client last saw; undefined for actions that do not carry one (e.g. bulk confirm). */
  private act(orderNumber: string, version: number | undefined, actor: Actor, auditAction: string, action: Action): Promise<Order> {
    const { db, clock } = this.deps;
    return db.transaction(async (tx) => {
      const order = await new OrderRepository(tx).get(orderNumber);
      if (!order) throw notFound(orderNumber);
      if (version !== undefined && order.version !== version) {
        throw new DomainError('VERSION_CONFLICT', { orderNumber, expected: version, actual: order.version });
      }
      const stored = await new ShopRepository(tx).get(order.shopCode);
      if (!stored) throw new DomainError('NOT_FOUND', { shopCode: order.shopCode }, `shop ${order.shopCode} not found`);
      const now = clock.now();
      const result = action(order, { now, actor, shop: stored.shop });
      const saved = await persistActionResult(tx, db.dialect, result, now, 'update');
      // In the same transaction: an action the audit log does not show did not happen.
      await new AuditLogRepository(tx).append({ at: now, actor, action: auditAction, target: `order:${orderNumber}`, details: auditDetails(order, saved), shopCode: order.shopCode });
      return saved;
    });
  }
}

/** The audit log keeps who moved which order where; the order's history holds the details. */
function auditDetails(before: Order, after: Order): unknown {
  const state = (o: Order) => ({ status: o.status, statusBeforeHold: o.statusBeforeHold, version: o.version });
  return { shopCode: after.shopCode, before: state(before), after: state(after) };
}

function notFound(orderNumber: string): DomainError {
  return new DomainError('NOT_FOUND', { orderNumber }, `order ${orderNumber} not found`);
}
