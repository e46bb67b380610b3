import { z } from 'zod';
import { orderNumberList } from './request-fields.ts';

export const confirmOrderRequestSchema = z.object({ orderNumberList });
export type ConfirmOrderRequest = z.input<typeof confirmOrderRequestSchema>;

/** The response is messages only, one per order: see messagesOnlyResponseSchema. */
export { messagesOnlyResponseSchema as confirmOrderResponseSchema } from './common-responses.ts';
export type { MessagesOnlyResponse as ConfirmOrderResponse } from './common-responses.ts';
