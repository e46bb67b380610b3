import { updateOrderMemoRequestSchema, updateOrderRemarksRequestSchema, type MessageModel } from '../../rms/wire/index.ts';
import { errorMessage, validate } from '../validation.ts';
import { messagesResult, withEditableOrder, type OperationContext, type OperationResult } from './context.ts';

/** Whether the client sent the key at all: absent = unchanged, null = clear. */
const sent = (body: unknown, key: string): boolean => typeof body === 'object' && body !== null && key in body;

export function updateOrderMemo(ctx: OperationContext, body: unknown): OperationResult {
  const checked = validate(updateOrderMemoRequestSchema, body, 'updateOrderMemo');
  if (!checked.ok) return messagesResult(400, checked.messages, [], false);
  const u = checked.value;
  return withEditableOrder(ctx, 'updateOrderMemo', u.orderNumber, ctx.state.settings.editAllowedProgress, (order) => {
    const fail = (parameter: string): MessageModel[] => [errorMessage('updateOrderMemo', false, parameter, { orderNumber: order.orderNumber })];
    if (u.operator != null && [...u.operator].length > ctx.state.settings.operatorMaxChars) return fail('operator');
    let subStatusName: string | null = null;
    if (u.subStatusId != null) {
      const subStatus = ctx.shop.subStatuses.find((s) => s.subStatusId === u.subStatusId && s.orderProgress === order.model.orderProgress);
      if (!subStatus) return fail('subStatusId');
      subStatusName = subStatus.subStatusName;
    }
    const m = order.model;
    if (sent(body, 'subStatusId')) [m.subStatusId, m.subStatusName] = [u.subStatusId ?? null, subStatusName];
    if (sent(body, 'deliveryClass')) m.DeliveryModel.deliveryClass = u.deliveryClass ?? null;
    if (sent(body, 'deliveryDate')) m.deliveryDate = u.deliveryDate ?? null;
    if (sent(body, 'shippingTerm')) m.shippingTerm = u.shippingTerm ?? null;
    if (sent(body, 'memo')) m.memo = u.memo ?? null;
    if (sent(body, 'operator')) m.operator = u.operator ?? null;
    if (sent(body, 'mailPlugSentence')) m.mailPlugSentence = u.mailPlugSentence ?? null;
  });
}

export function updateOrderRemarks(ctx: OperationContext, body: unknown): OperationResult {
  const checked = validate(updateOrderRemarksRequestSchema, body, 'updateOrderRemarks');
  if (!checked.ok) return messagesResult(400, checked.messages, [], false);
  const u = checked.value;
  return withEditableOrder(ctx, 'updateOrderRemarks', u.orderNumber, ctx.state.settings.editAllowedProgress, (order) => {
    if (u.giftCheck != null) order.model.giftCheckFlag = u.giftCheck;
    if (u.remarks != null) order.model.remarks = u.remarks;
  });
}
