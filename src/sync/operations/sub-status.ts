import type { OperationModule, OperationOf } from './module.ts';

/** サブステータス連携 (updateOrderSubStatus); applied when RMS shows the same sub-status. */
export const subStatus: OperationModule<OperationOf<'syncSubStatus'>> = {
  batching: 'single',
  isApplied: (current, op) => current.subStatusId === op.subStatusId,
  send: (client, current, op) => client.updateOrderSubStatus(op.subStatusId, [current.orderNumber]),
};
