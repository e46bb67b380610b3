import { z } from 'zod';
import { messageModelListSchema } from './messages.ts';

/** Responses that carry nothing but messages (most update operations). */
export const messagesOnlyResponseSchema = z.looseObject({ MessageModelList: messageModelListSchema });
export type MessagesOnlyResponse = z.infer<typeof messagesOnlyResponseSchema>;
