import { cancelOrderAfterShippingRequestSchema, cancelOrderRequestSchema } from '../../rms/wire/index.ts';
import { cancelAfterShipping, requestCancel } from '../lifecycle.ts';
import { CANCELLABLE_AFTER_SHIPPING, CANCELLABLE_BEFORE_SHIPPING } from '../order-changes.ts';
import { validate } from '../validation.ts';
import { messagesResult, withEditableOrder, type OperationContext, type OperationResult } from './context.ts';

/** Before shipping (100/200/300): a cancel request, 800, fixed to 900 later. */
export function cancelOrder(ctx: OperationContext, body: unknown): OperationResult {
  const checked = validate(cancelOrderRequestSchema, body, 'cancelOrder');
  if (!checked.ok) return messagesResult(400, checked.messages, [], false);
  const { orderNumber, changeReasonDetailApply } = checked.value;
  return withEditableOrder(ctx, 'cancelOrder', orderNumber, CANCELLABLE_BEFORE_SHIPPING, (order) => {
    requestCancel(ctx.state, order, ctx.now, changeReasonDetailApply);
  });
}

/** After shipping (500/600/700/800): the whole cancellation at once, 900. */
export function cancelOrderAfterShipping(ctx: OperationContext, body: unknown): OperationResult {
  const checked = validate(cancelOrderAfterShippingRequestSchema, body, 'cancelOrderAfterShipping');
  if (!checked.ok) return messagesResult(400, checked.messages, [], false);
  const { orderNumber, changeReasonDetailApply } = checked.value;
  return withEditableOrder(ctx, 'cancelOrderAfterShipping', orderNumber, CANCELLABLE_AFTER_SHIPPING, (order) => {
    cancelAfterShipping(ctx.state, order, ctx.now, changeReasonDetailApply);
  });
}
