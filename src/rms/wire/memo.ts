import { z } from 'zod';
import { DELIVERY_CLASSES, isShippingTerm } from './codes.ts';
import { requestDate } from './datetime.ts';
import { chars, numberOrNumericString, orderNumber } from './request-fields.ts';

/**
 * updateOrderMemo: only the keys sent are changed and an explicit `null` clears. The official
 * sample sends numbers as strings, so numeric fields accept both.
 */
export const updateOrderMemoRequestSchema = z.object({
  orderNumber,
  subStatusId: numberOrNumericString.nullish(),
  deliveryClass: numberOrNumericString.pipe(z.number().refine((c) => (DELIVERY_CLASSES as readonly number[]).includes(c))).nullish(),
  deliveryDate: requestDate.nullish(),
  shippingTerm: numberOrNumericString.pipe(z.number().refine(isShippingTerm)).nullish(),
  memo: chars(1000).nullish(),
  operator: chars(382).nullish(),
  mailPlugSentence: chars(1024).nullish(),
});
export type UpdateOrderMemoRequest = z.input<typeof updateOrderMemoRequestSchema>;

export const updateOrderRemarksRequestSchema = z
  .object({
    orderNumber,
    giftCheck: z.number().int().min(0).max(1).nullish(),
    remarks: chars(4000).nullish(),
  })
  .superRefine((req, ctx) => {
    if (req.giftCheck == null && req.remarks == null) {
      ctx.addIssue({ code: 'custom', params: { missing: true }, path: ['remarks'], message: 'giftCheck or remarks required' });
    }
  });
export type UpdateOrderRemarksRequest = z.input<typeof updateOrderRemarksRequestSchema>;

export { messagesOnlyResponseSchema as updateOrderMemoResponseSchema } from './common-responses.ts';
export { messagesOnlyResponseSchema as updateOrderRemarksResponseSchema } from './common-responses.ts';
