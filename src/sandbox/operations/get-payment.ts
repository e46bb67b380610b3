import { getPaymentRequestSchema } from '../../rms/wire/index.ts';
import { paymentModel } from '../payment-view.ts';
import { validate } from '../validation.ts';
import { findOrder, messagesResult, refusal, successMessage, type OperationContext, type OperationResult } from './context.ts';

export function getPayment(ctx: OperationContext, body: unknown): OperationResult {
  const checked = validate(getPaymentRequestSchema, body, 'getPayment');
  if (!checked.ok) return { ...messagesResult(400, checked.messages, [], false), body: { MessageModelList: checked.messages, OrderModel: null } };
  const { orderNumber } = checked.value;
  const order = findOrder(ctx, orderNumber);
  if (!order) {
    const messages = [refusal('getPayment', 'notFound', orderNumber)];
    return { status: 400, body: { MessageModelList: messages, OrderModel: null }, orderNumbers: [orderNumber], changedState: false };
  }
  return {
    status: 200,
    body: { MessageModelList: [successMessage('getPayment', orderNumber)], OrderModel: { orderNumber, PaymentModelList: [paymentModel(order)] } },
    orderNumbers: [orderNumber],
    changedState: false,
  };
}
