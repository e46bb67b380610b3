import { z } from 'zod';
import { messageModelListSchema } from './messages.ts';
import { orderModelSchema } from './order-model.ts';
import { numberOrNumericString, orderNumberList } from './request-fields.ts';

/** The newest getOrder version; the only shape this project reads and the sandbox writes. */
export const GET_ORDER_VERSION = 10;
/** Versions 1 and 2 are retired. */
export const GET_ORDER_MIN_VERSION = 3;

export const getOrderRequestSchema = z.object({
  orderNumberList,
  version: numberOrNumericString.pipe(z.number().int().min(GET_ORDER_MIN_VERSION).max(GET_ORDER_VERSION)),
});
export type GetOrderRequest = z.input<typeof getOrderRequestSchema>;

export const getOrderResponseSchema = z.looseObject({
  MessageModelList: messageModelListSchema,
  OrderModelList: z.array(orderModelSchema),
  version: z.number().int().optional(),
});
export type GetOrderResponse = z.infer<typeof getOrderResponseSchema>;
