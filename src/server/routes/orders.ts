import type { OrderDetails } from '../../app/order-service.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Order } from '../../domain/order.ts';
import { OrderRepository } from '../../store/order-repository.ts';
import { ApiError } from '../api-error.ts';
import {
  BulkConfirmResultSchema,
  BulkConfirmSchema,
  CancelInputSchema,
  HoldInputSchema,
  OrderListQuerySchema,
  OrderListSchema,
  OperationParamsSchema,
  OrderNumberParamsSchema,
  OrderPatchSchema,
  OrderSchema,
  ShipmentInputSchema,
  ShopQuerySchema,
  StatusCountsSchema,
  VersionGuardSchema,
} from '../api/schemas.ts';
import type { BulkConfirmResult, OrderDetail, OrderList } from '../api/schemas.ts';
import { actorOf, canSeeShop } from '../auth/principal.ts';
import type { Principal } from '../auth/principal.ts';
import type { ServerContext } from '../context.ts';
import { presentOrder, presentSummary } from '../order-presenter.ts';
import { defineRoute } from '../route.ts';
import type { AnyRoute } from '../route.ts';

const STATE_ERRORS = ['NOT_FOUND', 'VERSION_CONFLICT', 'INVALID_TRANSITION'];

export function orderRoutes(ctx: ServerContext): AnyRoute[] {
  /** The shops a query may cover: the principal's, narrowed to `shop` when given. */
  const shopFilter = (principal: Principal, shop: string | undefined): readonly string[] | undefined => {
    if (shop !== undefined) return canSeeShop(principal, shop) ? [shop] : [];
    return principal.shops.all ? undefined : principal.shops.codes;
  };

  /** An order the principal may see; anyone else's is 404, never 403, so it does not leak. */
  const visibleOrder = async (principal: Principal, orderNumber: string): Promise<Order> => {
    const order = await new OrderRepository(ctx.db.kysely).get(orderNumber);
    if (!order || !canSeeShop(principal, order.shopCode)) throw ApiError.of('NOT_FOUND', { orderNumber });
    return order;
  };

  const detail = async (principal: Principal, orderNumber: string): Promise<OrderDetail> => {
    const details: OrderDetails = await ctx.orders.details(orderNumber);
    return presentOrder(details, principal, ctx.clock.now());
  };

  /** Runs a staff action on a visible order (OrderService audits it) and answers the new order. */
  const act = async (principal: Principal, orderNumber: string, run: () => Promise<Order>): Promise<OrderDetail> => {
    await visibleOrder(principal, orderNumber);
    await run();
    return detail(principal, orderNumber);
  };

  return [
    defineRoute({
      method: 'GET',
      url: '/api/orders',
      summary: 'A page of orders, soonest confirmation deadline first (keyset pagination)',
      tag: 'orders',
      access: 'reader',
      query: OrderListQuerySchema,
      response: OrderListSchema,
      handler: async ({ query, principal }) => {
        const shopCodes = shopFilter(principal, query.shop);
        const page = await ctx.orders.list(
          {
            ...(shopCodes && { shopCodes }),
            ...(query.status && { statuses: [query.status] }),
            ...(query.q !== undefined && { q: query.q }),
            ...(query.deadlineWithinHours !== undefined && { deadlineWithinHours: query.deadlineWithinHours }),
            ...(query.printed && { printed: query.printed === 'yes' }),
            ...(query.packed && { packed: query.packed === 'yes' }),
            ...(query.workState !== undefined && { workStates: [query.workState] }),
          },
          { limit: query.limit, cursor: query.cursor ?? null },
        );
        const now = ctx.clock.now();
        return { items: page.items.map((o) => presentSummary(o, now)), nextCursor: page.nextCursor } satisfies OrderList;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/orders/counts',
      summary: 'How many orders are in each status',
      tag: 'orders',
      access: 'reader',
      query: ShopQuerySchema,
      response: StatusCountsSchema,
      handler: async ({ query, principal }) => ctx.orders.counts(shopFilter(principal, query.shop)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/orders/:orderNumber',
      summary: 'One order with its pending RMS operations and history',
      tag: 'orders',
      access: 'reader',
      params: OrderNumberParamsSchema,
      response: OrderSchema,
      errors: ['NOT_FOUND'],
      handler: async ({ params, principal }) => {
        await visibleOrder(principal, params.orderNumber);
        return detail(principal, params.orderNumber);
      },
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/orders/:orderNumber',
      summary: 'Edit amounts (注文確認待ち only), 出荷予定日 or お届け日・時間帯',
      tag: 'orders',
      access: 'writer',
      params: OrderNumberParamsSchema,
      body: OrderPatchSchema,
      response: OrderSchema,
      errors: [...STATE_ERRORS, 'ORDER_NOT_EDITABLE', 'REDUCTION_REASON_REQUIRED', 'INVALID_REDUCTION_REASON'],
      handler: async ({ params, body, principal }) => {
        const { version, ...edit } = body;
        return act(principal, params.orderNumber, () => ctx.orders.edit(params.orderNumber, version, edit, actorOf(principal)));
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/orders/confirm',
      summary: '一括注文確認: confirm several orders; each succeeds or fails on its own',
      tag: 'orders',
      access: 'writer',
      body: BulkConfirmSchema,
      response: BulkConfirmResultSchema,
      handler: async ({ body, principal }) => {
        const repository = new OrderRepository(ctx.db.kysely);
        const found = new Map((await repository.getMany(body.orderNumbers)).map((o) => [o.orderNumber, o]));
        const wanted = [...new Set(body.orderNumbers)];
        const visible = wanted.filter((n) => {
          const order = found.get(n);
          return order !== undefined && canSeeShop(principal, order.shopCode);
        });
        const outcomes = new Map((await ctx.orders.confirmMany(visible, actorOf(principal))).map((r) => [r.orderNumber, r]));
        const results: BulkConfirmResult['results'] = [];
        for (const orderNumber of wanted) {
          const outcome = outcomes.get(orderNumber);
          if (outcome?.ok) {
            results.push({ orderNumber, ok: true, status: outcome.order.status, error: null });
          } else {
            const error = outcome ? outcome.error : new DomainError('NOT_FOUND', { orderNumber });
            results.push({ orderNumber, ok: false, status: null, error: { code: String(error.code), message: error.message, messageJa: error.messageJa } });
          }
        }
        return { results } satisfies BulkConfirmResult;
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/orders/:orderNumber/confirm',
      summary: '注文確認: queue the confirmation for RMS (→ confirmation_queued)',
      tag: 'orders',
      access: 'writer',
      params: OrderNumberParamsSchema,
      body: VersionGuardSchema,
      response: OrderSchema,
      errors: [...STATE_ERRORS, 'POSTAGE_UNDETERMINED'],
      handler: async ({ params, body, principal }) =>
        act(principal, params.orderNumber, () => ctx.orders.confirm(params.orderNumber, body.version, actorOf(principal))),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/orders/:orderNumber/shipments',
      summary: '出荷登録: register a shipment with its carrier and tracking number (→ shipped)',
      tag: 'orders',
      access: 'writer',
      params: OrderNumberParamsSchema,
      body: ShipmentInputSchema,
      response: OrderSchema,
      errors: [...STATE_ERRORS, 'TRACKING_NUMBER_REQUIRED'],
      handler: async ({ params, body, principal }) => {
        const { version, shippingNumber, ...rest } = body;
        return act(principal, params.orderNumber, () =>
          ctx.orders.registerShipment(params.orderNumber, version, { ...rest, shippingNumber: shippingNumber ?? null }, actorOf(principal)),
        );
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/orders/:orderNumber/operations/:operationId/retry',
      summary: '再送: send an operation RMS refused again, once its cause is fixed',
      tag: 'orders',
      access: 'writer',
      params: OperationParamsSchema,
      response: OrderSchema,
      errors: ['NOT_FOUND', 'OPERATION_NOT_FAILED'],
      handler: async ({ params, principal }) =>
        act(principal, params.orderNumber, () => ctx.orders.retryOperation(params.orderNumber, params.operationId, actorOf(principal))),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/orders/:orderNumber/hold',
      summary: '保留: put the order on hold, with an optional reason shown to staff',
      tag: 'orders',
      access: 'writer',
      params: OrderNumberParamsSchema,
      body: HoldInputSchema,
      response: OrderSchema,
      errors: STATE_ERRORS,
      handler: async ({ params, body, principal }) =>
        act(principal, params.orderNumber, () => ctx.orders.hold(params.orderNumber, body.version, actorOf(principal), body.reason ?? null)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/orders/:orderNumber/release',
      summary: '保留解除: release the hold (back to the status before it)',
      tag: 'orders',
      access: 'writer',
      params: OrderNumberParamsSchema,
      body: VersionGuardSchema,
      response: OrderSchema,
      errors: STATE_ERRORS,
      handler: async ({ params, body, principal }) =>
        act(principal, params.orderNumber, () => ctx.orders.release(params.orderNumber, body.version, actorOf(principal))),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/orders/:orderNumber/cancel',
      summary: 'キャンセル: cancel on the shop side with a reason code (→ cancelled)',
      tag: 'orders',
      access: 'writer',
      params: OrderNumberParamsSchema,
      body: CancelInputSchema,
      response: OrderSchema,
      errors: [...STATE_ERRORS, 'INVALID_REDUCTION_REASON'],
      handler: async ({ params, body, principal }) =>
        act(principal, params.orderNumber, () =>
          ctx.orders.cancel(params.orderNumber, body.version, { reason: body.reason }, actorOf(principal)),
        ),
    }),
  ];
}
