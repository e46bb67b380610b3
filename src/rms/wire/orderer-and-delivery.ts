import { z } from 'zod';
import { PREFECTURES } from './codes.ts';
import { chars, orderNumber } from './request-fields.ts';
import { reasonCode } from './update-order-sender.ts';

export const ordererUpdateSchema = z.object({
  zipCode1: z.string().nullish(),
  zipCode2: z.string().nullish(),
  prefecture: z.enum(PREFECTURES).nullish(),
  city: chars(127).nullish(),
  subAddress: chars(255).nullish(),
  familyName: chars(127).pipe(z.string().min(1)),
  firstName: chars(127).nullish(),
  familyNameKana: chars(127).nullish(),
  firstNameKana: chars(127).nullish(),
  phoneNumber1: z.string().nullish(),
  phoneNumber2: z.string().nullish(),
  phoneNumber3: z.string().nullish(),
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
