import {
  messageCode,
  refusalMessage,
  SUCCESS_TEXT,
  type MessageModel,
  type OperationName,
  type OrderRefusal,
  type PlainSuccessOperation,
} from '../../rms/wire/index.ts';
import type { SandboxOrder } from '../order-record.ts';
import type { SandboxShop } from '../shop.ts';
import type { SandboxState } from '../state.ts';

export interface OperationContext {
  readonly state: SandboxState;
  readonly shop: SandboxShop;
  /** The sandbox time of this call, after due events were applied. */
  readonly now: Date;
}

export interface OperationResult {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly orderNumbers: readonly string[];
  readonly changedState: boolean;
  /** The body already serialised, when the handler could do it faster than JSON.stringify(body). */
  readonly json?: string;
}

export type OperationHandler = (ctx: OperationContext, body: unknown) => OperationResult;

/** The shop's own order; other shops' orders do not exist for it. */
export function findOrder(ctx: OperationContext, orderNumber: string): SandboxOrder | undefined {
  const order = ctx.state.orders.get(orderNumber);
  return order && order.shop === ctx.shop ? order : undefined;
}

export function successMessage(operation: PlainSuccessOperation, orderNumber?: string): MessageModel {
  return {
    messageType: 'INFO',
    messageCode: messageCode(operation, 'INFO', 101),
    message: SUCCESS_TEXT[operation],
    ...(orderNumber === undefined ? {} : { orderNumber }),
  };
}

export function refusal(operation: OperationName, reason: OrderRefusal, orderNumber: string): MessageModel {
  return { messageType: 'ERROR', ...refusalMessage(operation, reason), orderNumber };
}

/** A response whose body is just MessageModelList. */
export function messagesResult(status: number, messages: MessageModel[], orderNumbers: readonly string[], changedState: boolean): OperationResult {
  return { status, body: { MessageModelList: messages }, orderNumbers, changedState };
}

/**
 * The common shape of single-order updates: find the order, check its status, apply.
 * `allowed` lists the statuses that accept the operation; 800/900 answer "cancelled".
 */
export function withEditableOrder(
  ctx: OperationContext,
  operation: PlainSuccessOperation,
  orderNumber: string,
  allowed: readonly number[],
  apply: (order: SandboxOrder) => MessageModel[] | void,
): OperationResult {
  const order = findOrder(ctx, orderNumber);
  if (!order) return messagesResult(400, [refusal(operation, 'notFound', orderNumber)], [orderNumber], false);
  const progress = order.model.orderProgress;
  if (!allowed.includes(progress)) {
    const reason = progress === 800 || progress === 900 ? 'cancelled' : 'wrongStatus';
    return messagesResult(400, [refusal(operation, reason, orderNumber)], [orderNumber], false);
  }
  const errors = apply(order);
  if (errors && errors.length > 0) return messagesResult(400, errors, [orderNumber], false);
  return messagesResult(200, [successMessage(operation, orderNumber)], [orderNumber], true);
}
