import { updateOrderDeliveryRequestSchema, updateOrderOrdererRequestSchema } from '../../rms/wire/index.ts';
import { errorMessage, validate } from '../validation.ts';
import { messagesResult, withEditableOrder, type OperationContext, type OperationResult } from './context.ts';

export function updateOrderOrderer(ctx: OperationContext, body: unknown): OperationResult {
  const checked = validate(updateOrderOrdererRequestSchema, body, 'updateOrderOrderer');
  if (!checked.ok) return messagesResult(400, checked.messages, [], false);
  const u = checked.value.OrdererModel;
  return withEditableOrder(ctx, 'updateOrderOrderer', checked.value.orderNumber, ctx.state.settings.editAllowedProgress, (order) => {
    const o = order.model.OrdererModel;
    Object.assign(o, {
      zipCode1: u.zipCode1 ?? null,
      zipCode2: u.zipCode2 ?? null,
      prefecture: u.prefecture ?? null,
      city: u.city ?? null,
      subAddress: u.subAddress ?? null,
      familyName: u.familyName,
      firstName: u.firstName ?? null,
      familyNameKana: u.familyNameKana ?? null,
      firstNameKana: u.firstNameKana ?? null,
      phoneNumber1: u.phoneNumber1 ?? null,
      phoneNumber2: u.phoneNumber2 ?? null,
      phoneNumber3: u.phoneNumber3 ?? null,
    });
    // The e-mail address stays masked; sex and birth date change only when sent.
    if (u.sex != null) o.sex = u.sex;
    if (u.birthYear != null) o.birthYear = u.birthYear;
    if (u.birthMonth != null) o.birthMonth = u.birthMonth;
    if (u.birthDay != null) o.birthDay = u.birthDay;
  });
}

/** The new delivery method must be one the shop has configured. */
export function updateOrderDelivery(ctx: OperationContext, body: unknown): OperationResult {
  const checked = validate(updateOrderDeliveryRequestSchema, body, 'updateOrderDelivery');
  if (!checked.ok) return messagesResult(400, checked.messages, [], false);
  const { orderNumber, deliveryName } = checked.value;
  return withEditableOrder(ctx, 'updateOrderDelivery', orderNumber, ctx.state.settings.editAllowedProgress, (order) => {
    if (!ctx.shop.deliveryNames.includes(deliveryName)) return [errorMessage('updateOrderDelivery', false, 'deliveryName', { orderNumber })];
    order.model.DeliveryModel.deliveryName = deliveryName;
  });
}
