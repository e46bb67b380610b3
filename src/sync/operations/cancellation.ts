import { cancelRequest, isCancelledInRms } from '../../rms/mapping.ts';
import type { OperationModule, OperationOf } from './module.ts';

/** Shop-side キャンセル (cancelOrder with the reason); applied once RMS shows progress 800 or 900. */
export const cancellation: OperationModule<OperationOf<'syncCancellation'>> = {
  batching: 'single',
  isApplied: (current) => isCancelledInRms(current),
  send: (client, current, op) => client.cancelOrder(cancelRequest(current.orderNumber, op.reason)),
};
