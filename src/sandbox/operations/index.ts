import type { OperationName } from '../../rms/wire/index.ts';
import { cancelOrder, cancelOrderAfterShipping } from './cancel-order.ts';
import { confirmOrder } from './confirm-order.ts';
import type { OperationHandler } from './context.ts';
import { getOrder } from './get-order.ts';
import { getPayment } from './get-payment.ts';
import { updateOrderMemo, updateOrderRemarks } from './memo-and-remarks.ts';
import { updateOrderDelivery, updateOrderOrderer } from './orderer-and-delivery.ts';
import { searchOrder } from './search-order.ts';
import { getSubStatusList, updateOrderSubStatus } from './sub-status.ts';
import { updateOrderSender, updateOrderSenderAfterShipping } from './update-order-sender.ts';
import { getResultUpdateOrderShippingAsync, updateOrderShipping, updateOrderShippingAsync } from './update-order-shipping.ts';

export const OPERATION_HANDLERS: Record<OperationName, OperationHandler> = {
  searchOrder,
  getOrder,
  confirmOrder,
  updateOrderSender,
  updateOrderSenderAfterShipping,
  updateOrderShipping,
  updateOrderShippingAsync,
  getResultUpdateOrderShippingAsync,
  updateOrderMemo,
  updateOrderRemarks,
  getSubStatusList,
  updateOrderSubStatus,
  updateOrderOrderer,
  updateOrderDelivery,
  cancelOrder,
  cancelOrderAfterShipping,
  getPayment,
};

export type { OperationContext, OperationHandler, OperationResult } from './context.ts';
