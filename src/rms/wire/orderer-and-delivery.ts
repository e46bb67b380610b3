import { z } from 'zod';
import { orderNumber } from './request-fields.ts';
import { personUpdateFields, reasonCode } from './update-order-sender.ts';

export const ordererUpdateSchema = z.object({
  ...personUpdateFields,
  emailAddress: z.string().max(256).nullish(),
  sex: z.string().nullish(),
  birthYear: z.number().int().nullish(),
  birthMonth: z.number().int().min(0).max(12).nullish(),
  birthDay: z.number().int().min(0).max(31).nullish(),
});

export const updateOrderOrdererRequestSchema = z.object({
  orderNumber,
  reductionReason: reasonCode.nullish(),
  OrdererModel: ordererUpdateSchema,
});
export type UpdateOrderOrdererRequest = z.input<typeof updateOrderOrdererRequestSchema>;

/** `deliveryName` must be one of the shop's configured delivery methods (checked by the server). */
export const updateOrderDeliveryRequestSchema = z.object({
  orderNumber,
  deliveryName: z.string().min(1).max(192),
});
export type UpdateOrderDeliveryRequest = z.input<typeof updateOrderDeliveryRequestSchema>;

export { messagesOnlyResponseSchema as updateOrderOrdererResponseSchema } from './common-responses.ts';
export { messagesOnlyResponseSchema as updateOrderDeliveryResponseSchema } from './common-responses.ts';
