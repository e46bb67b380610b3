/** Path prefix of every RakutenPayOrderAPI operation; the operation name and `/` follow. */
export const ORDER_API_PATH = '/es/2.0/order/';

/** The separate license-management API that reports a key's expiry. */
export const LICENSE_EXPIRY_PATH = '/es/1.0/license-management/license-key/expiry-date';

export { RMS_BASE_URL } from '../../domain/rms-limits.ts';

/** Every operation of the reference's §4 that this project speaks, by its path name. */
export const OPERATIONS = [
  'searchOrder',
  'getOrder',
  'confirmOrder',
  'updateOrderSender',
  'updateOrderSenderAfterShipping',
  'updateOrderShipping',
  'updateOrderShippingAsync',
  'getResultUpdateOrderShippingAsync',
  'updateOrderMemo',
  'updateOrderRemarks',
  'getSubStatusList',
  'updateOrderSubStatus',
  'updateOrderOrderer',
  'updateOrderDelivery',
  'cancelOrder',
  'cancelOrderAfterShipping',
  'getPayment',
] as const;

export type OperationName = (typeof OPERATIONS)[number];

const operationSet: ReadonlySet<string> = new Set(OPERATIONS);

export function isOperationName(name: string): name is OperationName {
  return operationSet.has(name);
}

/** Operations that only read; everything else may change an order. */
export const READ_OPERATIONS: ReadonlySet<OperationName> = new Set<OperationName>([
  'searchOrder',
  'getOrder',
  'getResultUpdateOrderShippingAsync',
  'getSubStatusList',
  'getPayment',
]);

/** Full URL of an operation under a base URL (official paths end with `/`). */
export function operationUrl(baseUrl: string, operation: OperationName): string {
  return `${baseUrl.replace(/\/+$/, '')}${ORDER_API_PATH}${operation}/`;
}

/** The ESA Authorization header value for a credential pair. */
export function esaAuthorization(serviceSecret: string, licenseKey: string): string {
  return `ESA ${Buffer.from(`${serviceSecret}:${licenseKey}`, 'utf8').toString('base64')}`;
}
