import type { RmsOperation, RmsOperationKind } from '../../domain/operations.ts';
import type { Order } from '../../domain/order.ts';
import type { RmsClient } from '../../rms/client.ts';
import type { MessageModel } from '../../rms/wire/messages.ts';
import type { OrderModel } from '../../rms/wire/order-model.ts';

export type OperationOf<K extends RmsOperationKind> = Extract<RmsOperation, { kind: K }>;

/**
 * How an operation travels to RMS: `single` one call per operation; `confirmation` in the
 * confirmOrder batch of up to 100 orders (operations/confirmation.ts); `shippingRow` as a row
 * of updateOrderShipping, an order's queued parcels merged into one call, and through
 * updateOrderShippingAsync when a round holds many (operations/shipping-row.ts, deliver-async.ts).
 */
export type Batching = 'single' | 'confirmation' | 'shippingRow';

/** One RMS write: what juchu sends for an operation `O`, and how it tells RMS already has it. */
export interface OperationModule<O extends RmsOperation> {
  readonly batching: Batching;
  /** True when the order as RMS has it now (`current`, freshly read) already reflects the operation. */
  isApplied(current: OrderModel, op: O, order: Order): boolean;
  /** The call for this one operation, its body built from the fresh read; RMS's messages come back. */
  send(client: RmsClient, current: OrderModel, op: O, order: Order): Promise<readonly MessageModel[]>;
}
