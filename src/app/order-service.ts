import { cancelOrder, confirmOrder, editOrder, holdOrder, registerShipment, releaseOrder } from '../domain/actions.ts';
import type { ActionContext, ActionResult, OrderEdit, ShipmentInput } from '../domain/actions.ts';
import { DomainError } from '../domain/errors.ts';
import type { Actor, HistoryEntry } from '../domain/history.ts';
import { historyEntry } from '../domain/action.ts';
import type { Order } from '../domain/order.ts';
import type { OrderStatus } from '../domain/status.ts';
import type { Clock } from '../ports/clock.ts';
import type { Store } from '../store/store.ts';
import type { OrderFilter, OrderPage, OrderPageRequest } from '../store/order-repository.ts';
import type { OutboxEntry } from '../store/outbox-repository.ts';
import { callerShopCodes, requireCallerOrder } from './caller.ts';
import type { Caller } from './caller.ts';
import { saveActionResult } from './persist-action.ts';

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
 *
 * Every method takes the caller first: an order of a shop the caller may not see is
 * NOT_FOUND, exactly like one that does not exist, and lists cover only the caller's shops.
 */
export class OrderService {
  constructor(private readonly deps: { readonly store: Store; readonly clock: Clock }) {}

  async details(caller: Caller, orderNumber: string): Promise<OrderDetails> {
    const store = this.deps.store;
    const order = requireCallerOrder(caller, orderNumber, await store.orders.get(orderNumber));
    const [history, pendingOperations] = await Promise.all([
      store.history.listForOrder(orderNumber),
      store.outbox.listOpenForOrder(orderNumber),
    ]);
    return { order, history, pendingOperations };
  }

  /** A page of orders; `filter.shopCodes` is narrowed to the caller's shops (all of them when absent). */
  list(caller: Caller, filter: OrderFilter, page: OrderPageRequest): Promise<OrderPage> {
    const shopCodes = callerShopCodes(caller, filter.shopCodes);
    return this.deps.store.orders.list({ ...filter, ...(shopCodes && { shopCodes }) }, page, this.deps.clock.now());
  }

  /** The operations RMS refused for good, newest first, for the dashboard. */
  failedOperations(caller: Caller, shopCodes: readonly string[] | undefined, limit: number): Promise<OutboxEntry[]> {
    const scoped = callerShopCodes(caller, shopCodes);
    return this.deps.store.outbox.listFailed({ ...(scoped && { shopCodes: scoped }), limit });
  }

  counts(caller: Caller, shopCodes?: readonly string[]): Promise<Record<OrderStatus, number>> {
    const scoped = callerShopCodes(caller, shopCodes);
    return this.deps.store.orders.countByStatus(scoped ? { shopCodes: scoped } : {});
  }

  edit(caller: Caller, orderNumber: string, version: number | undefined, edit: OrderEdit, actor: Actor): Promise<Order> {
    return this.act(caller, orderNumber, version, actor, 'order.edit', (order, ctx) => editOrder(order, edit, ctx));
  }

  confirm(caller: Caller, orderNumber: string, version: number | undefined, actor: Actor): Promise<Order> {
    return this.act(caller, orderNumber, version, actor, 'order.confirm', confirmOrder);
  }

  /** 一括注文確認: each order on its own, so one refusal (another shop's order too) does not hold back the others. */
  async confirmMany(caller: Caller, orderNumbers: readonly string[], actor: Actor): Promise<ConfirmResult[]> {
    const results: ConfirmResult[] = [];
    for (const orderNumber of new Set(orderNumbers)) {
      try {
        results.push({ orderNumber, ok: true, order: await this.confirm(caller, orderNumber, undefined, actor) });
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        results.push({ orderNumber, ok: false, error: err });
      }
    }
    return results;
  }

  registerShipment(caller: Caller, orderNumber: string, version: number | undefined, shipment: ShipmentInput, actor: Actor): Promise<Order> {
    return this.act(caller, orderNumber, version, actor, 'order.registerShipment', (order, ctx) => registerShipment(order, shipment, ctx));
  }

  hold(caller: Caller, orderNumber: string, version: number | undefined, actor: Actor, reason: string | null = null): Promise<Order> {
    return this.act(caller, orderNumber, version, actor, 'order.hold', (order, ctx) => holdOrder(order, ctx, reason));
  }

  release(caller: Caller, orderNumber: string, version: number | undefined, actor: Actor): Promise<Order> {
    return this.act(caller, orderNumber, version, actor, 'order.release', releaseOrder);
  }

  cancel(caller: Caller, orderNumber: string, version: number | undefined, input: { reason: number }, actor: Actor): Promise<Order> {
    return this.act(caller, orderNumber, version, actor, 'order.cancel', (order, ctx) => cancelOrder(order, input, ctx));
  }

  /**
   * 再送: staff fixed what made RMS refuse an operation (in RMS or here) and ask for it to be
   * sent again. Noted in the order's history and the audit log, in the same transaction.
   */
  async retryOperation(caller: Caller, orderNumber: string, operationId: number, actor: Actor): Promise<Order> {
    const { store, clock } = this.deps;
    return store.transaction(async (tx) => {
      const order = requireCallerOrder(caller, orderNumber, await tx.orders.get(orderNumber));
      const outbox = tx.outbox;
      const operation = (await outbox.listForOrder(orderNumber)).find((op) => op.id === operationId);
      if (!operation) throw new DomainError('NOT_FOUND', { orderNumber, operationId }, `operation ${operationId} of order ${orderNumber} not found`);
      const now = clock.now();
      if (!(await outbox.requeueFailed(operationId, now))) {
        throw new DomainError('OPERATION_NOT_FAILED', { orderNumber, operationId, state: operation.state });
      }
      const requeued = { code: 'rmsOperationRequeued', params: { operation: operation.operation.kind } } as const;
      await tx.history.append(order, [historyEntry(now, actor, 'rmsOperationRequeued', requeued, { state: 'failed' }, { state: 'pending' })]);
      await tx.auditLog.append({
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
  private act(caller: Caller, orderNumber: string, version: number | undefined, actor: Actor, auditAction: string, action: Action): Promise<Order> {
    const { store, clock } = this.deps;
    return store.transaction(async (tx) => {
      const order = requireCallerOrder(caller, orderNumber, await tx.orders.get(orderNumber));
      if (version !== undefined && order.version !== version) {
        throw new DomainError('VERSION_CONFLICT', { orderNumber, expected: version, actual: order.version });
      }
      const stored = await tx.shops.get(order.shopCode);
      if (!stored) throw new DomainError('NOT_FOUND', { shopCode: order.shopCode }, `shop ${order.shopCode} not found`);
      const now = clock.now();
      const result = action(order, { now, actor, shop: stored.shop });
      const saved = await saveActionResult(tx, result, now, 'update');
      // In the same transaction: an action the audit log does not show did not happen.
      await tx.auditLog.append({ at: now, actor, action: auditAction, target: `order:${orderNumber}`, details: auditDetails(order, saved), shopCode: order.shopCode });
      return saved;
    });
  }
}

/** The audit log keeps who moved which order where; the order's history holds the details. */
function auditDetails(before: Order, after: Order): unknown {
  const state = (o: Order) => ({ status: o.status, statusBeforeHold: o.statusBeforeHold, version: o.version });
  return { shopCode: after.shopCode, before: state(before), after: state(after) };
}
