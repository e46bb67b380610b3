import { z } from 'zod';
import { messageModelListSchema } from './messages.ts';
import { numberOrNumericString, orderNumberList } from './request-fields.ts';

export const subStatusModelSchema = z.looseObject({
  subStatusId: z.number().int(),
  subStatusName: z.string(),
  orderby: z.number().int().nullable(),
});
export type SubStatusModel = z.infer<typeof subStatusModelSchema>;

export const statusModelSchema = z.looseObject({
  orderProgress: z.number().int(),
  SubStatusModelList: z.array(subStatusModelSchema),
});
export type StatusModel = z.infer<typeof statusModelSchema>;

/** getSubStatusList takes an empty body. */
export const getSubStatusListRequestSchema = z.object({});

export const getSubStatusListResponseSchema = z.looseObject({
  MessageModelList: messageModelListSchema,
  StatusModelList: z.array(statusModelSchema).nullable(),
});
export type GetSubStatusListResponse = z.infer<typeof getSubStatusListResponseSchema>;

/** `subStatusId: null` clears the sub-status; the key itself is required. */
export const updateOrderSubStatusRequestSchema = z.object({
  subStatusId: numberOrNumericString.nullable(),
  orderNumberList,
});
export type UpdateOrderSubStatusRequest = z.input<typeof updateOrderSubStatusRequestSchema>;

export { messagesOnlyResponseSchema as updateOrderSubStatusResponseSchema } from './common-responses.ts';
