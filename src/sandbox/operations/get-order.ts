import {
  GET_ORDER_NOT_FOUND_TEXT,
  GET_ORDER_VERSION,
  getOrderRequestSchema,
  getOrderSuccessText,
  messageCode,
  SEARCH_LOOKBACK_DAYS,
  type MessageModel,
} from '../../rms/wire/index.ts';
import { orderJson } from '../order-json.ts';
import type { SandboxOrder } from '../order-record.ts';
import { validate } from '../validation.ts';
import { findOrder, type OperationContext, type OperationResult } from './context.ts';

const DAY = 86_400_000;

/**
 * getOrder: up to 100 orders in version 10 shape, in request order; each unknown (or older
 * than 730 days, or another shop's) number gets an INFO_102. Lower versions get the same
 * v10 shape with their version echoed.
 */
export function getOrder(ctx: OperationContext, body: unknown): OperationResult {
  const checked = validate(getOrderRequestSchema, body, 'getOrder');
  if (!checked.ok) return { status: 400, body: { MessageModelList: checked.messages, OrderModelList: [] }, orderNumbers: [], changedState: false };
  const { orderNumberList, version } = checked.value;
  const oldest = ctx.now.getTime() - SEARCH_LOOKBACK_DAYS * DAY;
  const found: SandboxOrder[] = [];
  const missing: MessageModel[] = [];
  for (const orderNumber of new Set(orderNumberList)) {
    const order = findOrder(ctx, orderNumber);
    if (order && order.orderedAt >= oldest) found.push(order);
    else missing.push({ messageType: 'INFO', messageCode: messageCode('getOrder', 'INFO', 102), message: GET_ORDER_NOT_FOUND_TEXT, orderNumber });
  }
  const messages: MessageModel[] =
    found.length > 0
      ? [{ messageType: 'INFO', messageCode: messageCode('getOrder', 'INFO', 101), message: getOrderSuccessText(found.length) }, ...missing]
      : missing;
  const echoed = version >= 6 ? { version: Math.min(version, GET_ORDER_VERSION) } : {};
  // Orders are spliced in as cached JSON: serialising 100 full orders is most of a getOrder's cost.
  const json = `{"MessageModelList":${JSON.stringify(messages)},"OrderModelList":[${found.map((o) => orderJson(ctx.state, o)).join(',')}]${
    'version' in echoed ? `,"version":${echoed.version}` : ''
  }}`;
  return { status: 200, body: { MessageModelList: messages, OrderModelList: found.map((o) => o.model), ...echoed }, orderNumbers: orderNumberList, changedState: false, json };
}
