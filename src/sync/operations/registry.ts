import type { RmsOperation, RmsOperationKind } from '../../domain/operations.ts';
import { cancellation } from './cancellation.ts';
import { confirmation } from './confirmation.ts';
import { deliveryDate } from './delivery-date.ts';
import type { OperationModule, OperationOf } from './module.ts';
import { senderUpdate } from './sender-update.ts';
import { shippingRow } from './shipping-row.ts';
import { subStatus } from './sub-status.ts';

/**
 * Every operation kind of the outbox (domain/operations.ts) and the RMS write that carries it.
 * A new kind without a row here fails the typecheck; docs/SYNC.md "Adding an RMS write".
 */
export const OPERATION_MODULES: { readonly [K in RmsOperationKind]: OperationModule<OperationOf<K>> } = {
  syncPostageAndFees: senderUpdate,
  syncItemChanges: senderUpdate,
  syncConfirmation: confirmation,
  syncPlannedShipDate: shippingRow,
  syncShippingReport: shippingRow,
  syncDeliveryDateTime: deliveryDate,
  syncCancellation: cancellation,
  syncSubStatus: subStatus,
};

/** The module of `op`'s kind, typed for `op` itself. */
export function moduleOf<O extends RmsOperation>(op: O): OperationModule<O> {
  return OPERATION_MODULES[op.kind] as OperationModule<RmsOperation> as OperationModule<O>;
}
