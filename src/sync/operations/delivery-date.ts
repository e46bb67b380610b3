import { deliveryUpdateApplied, deliveryUpdateRequest } from '../../rms/mapping.ts';
import type { OperationModule, OperationOf } from './module.ts';

/** お届け日・時間帯更新 (updateOrderMemo): only the delivery date and slot; applied when RMS shows both. */
export const deliveryDate: OperationModule<OperationOf<'syncDeliveryDateTime'>> = {
  batching: 'single',
  isApplied: (current, op) => deliveryUpdateApplied(current, op),
  send: (client, current, op) => client.updateOrderMemo(deliveryUpdateRequest(current.orderNumber, op)),
};
