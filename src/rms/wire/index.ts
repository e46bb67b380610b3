/**
 * The RMS RakutenPayOrderAPI wire format: request and response schemas of every operation,
 * message codes and texts, enumerations and the JST datetime helpers. Response schemas are
 * loose (unknown fields pass); request schemas are strict about values.
 */
export * from './amounts.ts';
export * from './codes.ts';
export * from './common-responses.ts';
export * from './datetime.ts';
export * from './gateway.ts';
export * from './license.ts';
export * from './messages.ts';
export * from './operations.ts';
export * from './order-model.ts';
export * from './request-fields.ts';
export * from './search-order.ts';
export * from './get-order.ts';
export * from './confirm-order.ts';
export * from './update-order-sender.ts';
export * from './shipping.ts';
export * from './memo.ts';
export * from './sub-status.ts';
export * from './orderer-and-delivery.ts';
export * from './cancel-order.ts';
export * from './get-payment.ts';
