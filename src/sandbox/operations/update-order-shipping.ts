import {
  ASYNC_RESULT_NOT_FOUND_TEXT,
  formatCompactDatetime,
  getResultUpdateOrderShippingAsyncRequestSchema,
  messageCode,
  SUCCESS_TEXT,
  updateOrderShippingAsyncRequestSchema,
  updateOrderShippingRequestSchema,
  type MessageModel,
} from '../../rms/wire/index.ts';
import { applyShippingUpdate } from '../shipping-update.ts';
import { validate, type IssueDecorator } from '../validation.ts';
import { messagesResult, type OperationContext, type OperationResult } from './context.ts';

const DAY = 86_400_000;

interface RawBaskets {
  BasketidModelList?: Array<{ ShippingModelList?: Array<{ shippingDetailId?: unknown }> }>;
}

/** dataNumber and shippingDetailId of the row an issue path points into, counted across baskets. */
function rowFields(raw: RawBaskets | undefined, path: readonly PropertyKey[]): Partial<MessageModel> {
  const b = path.indexOf('BasketidModelList');
  const basketIndex = path[b + 1];
  const rowIndex = path[b + 3];
  if (b < 0 || typeof basketIndex !== 'number' || path[b + 2] !== 'ShippingModelList' || typeof rowIndex !== 'number') {
    return { dataNumber: null, shippingDetailId: null };
  }
  const baskets = Array.isArray(raw?.BasketidModelList) ? raw.BasketidModelList : [];
  const before = baskets.slice(0, basketIndex).reduce((n, basket) => n + (Array.isArray(basket?.ShippingModelList) ? basket.ShippingModelList.length : 0), 0);
  const id = baskets[basketIndex]?.ShippingModelList?.[rowIndex]?.shippingDetailId;
  return { dataNumber: before + rowIndex + 1, shippingDetailId: typeof id === 'number' ? id : null };
}

const orderNumberOf = (raw: unknown): string | undefined =>
  typeof raw === 'object' && raw !== null && typeof (raw as { orderNumber?: unknown }).orderNumber === 'string' ? (raw as { orderNumber: string }).orderNumber : undefined;

export function updateOrderShipping(ctx: OperationContext, body: unknown): OperationResult {
  const decorate: IssueDecorator = (path) => rowFields(body as RawBaskets, path);
  const checked = validate(updateOrderShippingRequestSchema, body, 'updateOrderShipping', decorate);
  const orderNumber = orderNumberOf(body);
  const orderNumbers = orderNumber ? [orderNumber] : [];
  if (!checked.ok) return messagesResult(400, checked.messages, orderNumbers, false);
  const outcome = applyShippingUpdate(ctx.state, ctx.shop, checked.value, ctx.now);
  return messagesResult(outcome.ok ? 200 : 400, outcome.messages, orderNumbers, outcome.ok);
}

/**
 * Accepts up to 100 orders and answers with a requestId; the rows are applied when the
 * result becomes visible (asyncResultDelaySeconds later). Validation problems are answered
 * at once and nothing is queued; business refusals appear only in the result.
 */
export function updateOrderShippingAsync(ctx: OperationContext, body: unknown): OperationResult {
  const rawOrders = (body as { OrderShippingModelList?: unknown[] } | null)?.OrderShippingModelList;
  const list = Array.isArray(rawOrders) ? rawOrders : [];
  const decorate: IssueDecorator = (path) => {
    const index = path[1];
    if (path[0] !== 'OrderShippingModelList' || typeof index !== 'number') return {};
    const orderNumber = orderNumberOf(list[index]);
    return { ...(orderNumber ? { orderNumber } : {}), ...rowFields(list[index] as RawBaskets, path.slice(2)) };
  };
  const orderNumbers = list.map(orderNumberOf).filter((n): n is string => n !== undefined);
  const checked = validate(updateOrderShippingAsyncRequestSchema, body, 'updateOrderShippingAsync', decorate);
  if (!checked.ok) return messagesResult(ctx.state.settings.asyncValidationErrorStatus, checked.messages, orderNumbers, false);

  const { state } = ctx;
  const requestId = `${state.random.uuid()}_${formatCompactDatetime(ctx.now)}`;
  const visibleAt = ctx.now.getTime() + state.settings.asyncResultDelaySeconds * 1000;
  state.asyncJobs.set(requestId, { requestId, shop: ctx.shop, orders: checked.value.OrderShippingModelList, visibleAt, results: null });
  state.scheduler.schedule(visibleAt, 'asyncShipping', requestId);
  const accepted: MessageModel = {
    messageType: 'INFO',
    messageCode: messageCode('updateOrderShippingAsync', 'INFO', 101),
    message: SUCCESS_TEXT.updateOrderShippingAsync,
    requestId,
    dataNumber: null,
    shippingDetailId: null,
  };
  return messagesResult(200, [accepted], orderNumbers, true);
}

/** Results once processed and for 30 days (asyncResultRetentionDays); otherwise one "no result" element. */
export function getResultUpdateOrderShippingAsync(ctx: OperationContext, body: unknown): OperationResult {
  const checked = validate(getResultUpdateOrderShippingAsyncRequestSchema, body, 'getResultUpdateOrderShippingAsync');
  if (!checked.ok) return messagesResult(400, checked.messages, [], false);
  const job = ctx.state.asyncJobs.get(checked.value.requestId);
  const retention = ctx.state.settings.asyncResultRetentionDays * DAY;
  const available = job && job.shop === ctx.shop && job.results && ctx.now.getTime() < job.visibleAt + retention;
  const results = available
    ? job.results
    : [{
        MessageModelList: [{
          messageType: 'INFO',
          messageCode: messageCode('getResultUpdateOrderShippingAsync', 'INFO', 101),
          message: ASYNC_RESULT_NOT_FOUND_TEXT,
        }],
      }];
  const orderNumbers = available ? (job.results ?? []).map((r) => r.orderNumber ?? '').filter(Boolean) : [];
  return { status: 200, body: { MessageModelList: [], ResultShippingModelList: results }, orderNumbers, changedState: false };
}
