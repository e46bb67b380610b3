import { z } from 'zod';
import { INVENTORY_RESTORE_TYPES } from './codes.ts';
import { oneOf, orderNumber } from './request-fields.ts';
import { reasonCode } from './update-order-sender.ts';

/** Body of cancelOrder (before shipping) and cancelOrderAfterShipping. */
export const cancelOrderRequestSchema = z.object({
  orderNumber,
  inventoryRestoreType: oneOf(INVENTORY_RESTORE_TYPES),
  changeReasonDetailApply: reasonCode,
});
export type CancelOrderRequest = z.input<typeof cancelOrderRequestSchema>;

export const cancelOrderAfterShippingRequestSchema = cancelOrderRequestSchema;
export type CancelOrderAfterShippingRequest = CancelOrderRequest;

export { messagesOnlyResponseSchema as cancelOrderResponseSchema } from './common-responses.ts';
