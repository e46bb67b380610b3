import { z } from 'zod';
import { findCarrier, MAX_TRACKING_NUMBER_LENGTH } from '../../domain/carriers.ts';
import { requestDate } from './datetime.ts';
import { messageModelListSchema } from './messages.ts';
import { chars, flag, MAX_ORDERS_PER_REQUEST, orderNumber } from './request-fields.ts';

/**
 * One shipping row in a request. Omitted keys leave the stored value unchanged; an empty
 * `shippingNumber` or `shippingDate` deletes it. `deliveryCompany` is a carrier code string;
 * a carrier name is a format error.
 */
export const shippingRowRequestSchema = z.object({
  shippingDetailId: z.number().int().nullish(),
  deliveryCompany: z.string().refine((code) => findCarrier(code) !== undefined).optional(),
  shippingNumber: z.union([z.literal(''), chars(MAX_TRACKING_NUMBER_LENGTH)]).nullish(),
  shippingDate: z.union([z.literal(''), requestDate]).nullish(),
  shippingDeleteFlag: flag.nullish(),
});
export type ShippingRowRequest = z.input<typeof shippingRowRequestSchema>;

/** RMS allows 20 rows per basket (MAX_SHIPMENTS_PER_PACKAGE), counting the rows already stored, so the server checks it. */
export const basketShippingRequestSchema = z.object({
  basketId: z.number().int(),
  ShippingModelList: z.array(shippingRowRequestSchema).min(1),
});

export const updateOrderShippingRequestSchema = z.object({
  orderNumber,
  BasketidModelList: z.array(basketShippingRequestSchema).min(1),
});
export type UpdateOrderShippingRequest = z.input<typeof updateOrderShippingRequestSchema>;

export { messagesOnlyResponseSchema as updateOrderShippingResponseSchema } from './common-responses.ts';

export const updateOrderShippingAsyncRequestSchema = z.object({
  OrderShippingModelList: z
    .array(updateOrderShippingRequestSchema)
    .min(1)
    .max(MAX_ORDERS_PER_REQUEST)
    .superRefine((orders, ctx) => {
      const seen = new Set<string>();
      orders.forEach((o, i) => {
        if (seen.has(o.orderNumber)) {
          ctx.addIssue({ code: 'custom', path: [i, 'orderNumber'], message: 'duplicate', input: o.orderNumber });
        }
        seen.add(o.orderNumber);
      });
    }),
});
export type UpdateOrderShippingAsyncRequest = z.input<typeof updateOrderShippingAsyncRequestSchema>;

export { messagesOnlyResponseSchema as updateOrderShippingAsyncResponseSchema } from './common-responses.ts';

/** `<uuid>_<yyyyMMddHHmmss>` as in the harvested sample. */
export const ASYNC_REQUEST_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}_\d{14}$/;
/** How long RMS keeps async results. */
export const ASYNC_RESULT_RETENTION_DAYS = 30;

export const getResultUpdateOrderShippingAsyncRequestSchema = z.object({ requestId: z.string().min(1) });
export type GetResultUpdateOrderShippingAsyncRequest = z.input<typeof getResultUpdateOrderShippingAsyncRequestSchema>;

export const resultShippingModelSchema = z.looseObject({
  // Absent when the result is not (or no longer) available.
  orderNumber: z.string().nullable().optional(),
  MessageModelList: messageModelListSchema,
});
export type ResultShippingModel = z.infer<typeof resultShippingModelSchema>;

export const getResultUpdateOrderShippingAsyncResponseSchema = z.looseObject({
  MessageModelList: messageModelListSchema.optional(),
  ResultShippingModelList: z.array(resultShippingModelSchema),
});
export type GetResultUpdateOrderShippingAsyncResponse = z.infer<typeof getResultUpdateOrderShippingAsyncResponseSchema>;
