import { confirmOrderRequestSchema, ORDER_PROGRESS, UNDETERMINED_AMOUNT, type MessageModel } from '../../rms/wire/index.ts';
import { confirm } from '../lifecycle.ts';
import { validate } from '../validation.ts';
import { findOrder, messagesResult, refusal, successMessage, type OperationContext, type OperationResult } from './context.ts';

/** confirmOrder: one outcome per order, in request order; HTTP 200 even if every order fails. */
export function confirmOrder(ctx: OperationContext, body: unknown): OperationResult {
  const checked = validate(confirmOrderRequestSchema, body, 'confirmOrder');
  if (!checked.ok) return messagesResult(400, checked.messages, [], false);
  const messages: MessageModel[] = [];
  let changed = false;
  for (const orderNumber of checked.value.orderNumberList) {
    const order = findOrder(ctx, orderNumber);
    const progress = order?.model.orderProgress;
    if (!order) messages.push(refusal('confirmOrder', 'notFound', orderNumber));
    else if (progress === ORDER_PROGRESS.cancelled || progress === ORDER_PROGRESS.awaitingCancelFix) messages.push(refusal('confirmOrder', 'cancelled', orderNumber));
    else if (progress !== ORDER_PROGRESS.awaitingConfirmation) messages.push(refusal('confirmOrder', 'wrongStatus', orderNumber));
    else if (order.model.postagePrice === UNDETERMINED_AMOUNT || order.model.deliveryPrice === UNDETERMINED_AMOUNT) {
      messages.push(refusal('confirmOrder', 'amountUndetermined', orderNumber));
    } else {
      confirm(ctx.state, order, ctx.now);
      changed = true;
      messages.push(successMessage('confirmOrder', orderNumber));
    }
  }
  return messagesResult(200, messages, checked.value.orderNumberList, changed);
}
