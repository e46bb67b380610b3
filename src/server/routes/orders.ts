import type { Order } from '../../domain/order.ts';
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
import { actorOf } from '../auth/principal.ts';
import type { Principal } from '../auth/principal.ts';
import type { ServerContext } from '../context.ts';
import { presentOrder, presentSummary } from '../order-presenter.ts';
import { defineRoute } from '../route.ts';
import type { AnyRoute } from '../route.ts';

const STATE_ERRORS = ['NOT_FOUND', 'VERSION_CONFLICT', 'INVALID_TRANSITION'];

export function orderRoutes(ctx: ServerContext): AnyRoute[] {
  /** OrderService answers NOT_FOUND for another shop's order, so nothing here checks shops. */
  const detail = async (principal: Principal, orderNumber: string): Promise<OrderDetail> =>
    presentOrder(await ctx.orders.details(principal, orderNumber), principal, ctx.clock.now());

  /** Runs a staff action (OrderService checks the shop and audits it) and answers the new order. */
  const act = async (principal: Principal, orderNumber: string, run: () => Promise<Order>): Promise<OrderDetail> => {
    await run();
    return detail(principal, orderNumber);
  };

  const onlyShop = (shop: string | undefined) => (shop === undefined ? undefined : [shop]);

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
        const shopCodes = onlyShop(query.shop);
        const page = await ctx.orders.list(
          principal,
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
      handler: async ({ query, principal }) => ctx.orders.counts(principal, onlyShop(query.shop)),
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
      handler: async ({ params, principal }) => detail(principal, params.orderNumber),
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
        return act(principal, params.orderNumber, () => ctx.orders.edit(principal, params.orderNumber, version, edit, actorOf(principal)));
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
        const outcomes = await ctx.orders.confirmMany(principal, body.orderNumbers, actorOf(principal));
        const results: BulkConfirmResult['results'] = outcomes.map((outcome) =>
          outcome.ok
            ? { orderNumber: outcome.orderNumber, ok: true, status: outcome.order.status, error: null }
            : { orderNumber: outcome.orderNumber, ok: false, status: null, error: { code: String(outcome.error.code), message: outcome.error.message, messageJa: outcome.error.messageJa } },
        );
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
        act(principal, params.orderNumber, () => ctx.orders.confirm(principal, params.orderNumber, body.version, actorOf(principal))),
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
          ctx.orders.registerShipment(principal, params.orderNumber, version, { ...rest, shippingNumber: shippingNumber ?? null }, actorOf(principal)),
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
        act(principal, params.orderNumber, () => ctx.orders.retryOperation(principal, params.orderNumber, params.operationId, actorOf(principal))),
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
        act(principal, params.orderNumber, () => ctx.orders.hold(principal, params.orderNumber, body.version, actorOf(principal), body.reason ?? null)),
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
        act(principal, params.orderNumber, () => ctx.orders.release(principal, params.orderNumber, body.version, actorOf(principal))),
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
          ctx.orders.cancel(principal, params.orderNumber, body.version, { reason: body.reason }, actorOf(principal)),
        ),
    }),
  ];
}
