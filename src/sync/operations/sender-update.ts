import { senderUpdateApplied, senderUpdateRequest } from '../../rms/mapping.ts';
import type { OperationModule, OperationOf } from './module.ts';

/**
 * updateOrderSender: 送料・手数料連携 and 注文明細変更 both send the whole package structure of
 * the fresh read with juchu's postage, fees, units and prices laid over it, so they are one
 * write. Applied when RMS's amounts and lines already match the order.
 */
export const senderUpdate: OperationModule<OperationOf<'syncPostageAndFees' | 'syncItemChanges'>> = {
  batching: 'single',
  isApplied: (current, _op, order) => senderUpdateApplied(current, order),
  send: (client, current, op, order) => client.updateOrderSender(senderUpdateRequest(current, order, op.reductionReason)),
};
