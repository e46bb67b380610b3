import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  confirmOrderResponseSchema,
  gatewayErrorSchema,
  getOrderRequestSchema,
  getOrderResponseSchema,
  isGatewayError,
  orderModelSchema,
  searchOrderRequestSchema,
  searchOrderResponseSchema,
  updateOrderMemoRequestSchema,
  updateOrderSenderRequestSchema,
  updateOrderSenderResponseSchema,
  updateOrderShippingAsyncRequestSchema,
  updateOrderShippingRequestSchema,
  updateOrderShippingResponseSchema,
} from '../../../src/rms/wire/index.ts';

const examples = new URL('../../fixtures/rms-examples/', import.meta.url);
const example = (name: string): unknown => JSON.parse(readFileSync(new URL(name, examples), 'utf8'));

describe('wire schemas against the reference examples', () => {
  it.each([
    ['searchOrder.request.json', searchOrderRequestSchema],
    ['getOrder.request.json', getOrderRequestSchema],
    ['updateOrderSender.request.json', updateOrderSenderRequestSchema],
    ['updateOrderShipping.request.json', updateOrderShippingRequestSchema],
    ['searchOrder.response.200.json', searchOrderResponseSchema],
    ['getOrder.response.200.json', getOrderResponseSchema],
    ['confirmOrder.response.200.json', confirmOrderResponseSchema],
    ['updateOrderSender.response.200.json', updateOrderSenderResponseSchema],
    ['updateOrderShipping.response.200.json', updateOrderShippingResponseSchema],
    ['error.searchOrder.400.json', searchOrderResponseSchema],
    ['error.gateway.401.json', gatewayErrorSchema],
  ] as const)('%s parses', (file, schema) => {
    const parsed = schema.safeParse(example(file));
    expect(parsed.error?.issues ?? []).toEqual([]);
  });
});

describe('wire schemas', () => {
  it('let unknown response fields through', () => {
    const body = { MessageModelList: [], OrderModelList: [], version: 10, addedLater: 1 };
    expect(getOrderResponseSchema.parse(body)).toEqual(body);
  });

  it('reject a v10 order missing a field', () => {
    expect(orderModelSchema.safeParse({ orderNumber: 'x' }).success).toBe(false);
  });

  it('accept version as a number or a numeric string, never below 3', () => {
    expect(getOrderRequestSchema.parse({ orderNumberList: ['a'], version: '10' }).version).toBe(10);
    expect(getOrderRequestSchema.safeParse({ orderNumberList: ['a'], version: 2 }).success).toBe(false);
    expect(getOrderRequestSchema.safeParse({ orderNumberList: Array(101).fill('a'), version: 10 }).success).toBe(false);
  });

  it('enforce the searchOrder window and the [-1] rule', () => {
    const base = { dateType: 1, startDatetime: '2026-01-01T00:00:00+0900' };
    expect(searchOrderRequestSchema.safeParse({ ...base, endDatetime: '2026-03-05T00:00:00+0900' }).success).toBe(true);
    expect(searchOrderRequestSchema.safeParse({ ...base, endDatetime: '2026-03-05T00:00:01+0900' }).success).toBe(false);
    expect(searchOrderRequestSchema.safeParse({ ...base, endDatetime: '2026-01-02T00:00:00+0900', subStatusIdList: [-1] }).success).toBe(false);
  });

  it('check carriers, tracking length and duplicate async orders', () => {
    const order = (row: Record<string, unknown>) => ({ orderNumber: 'o', BasketidModelList: [{ basketId: 1, ShippingModelList: [row] }] });
    expect(updateOrderShippingRequestSchema.safeParse(order({ deliveryCompany: '1001', shippingNumber: 'x'.repeat(120) })).success).toBe(true);
    expect(updateOrderShippingRequestSchema.safeParse(order({ deliveryCompany: '1001', shippingNumber: 'x'.repeat(121) })).success).toBe(false);
    expect(updateOrderShippingRequestSchema.safeParse(order({ deliveryCompany: 'ヤマト運輸' })).success).toBe(false);
    expect(updateOrderShippingAsyncRequestSchema.safeParse({ OrderShippingModelList: [order({}), order({})] }).success).toBe(false);
  });

  it('accept updateOrderMemo numbers sent as strings', () => {
    expect(updateOrderMemoRequestSchema.parse({ orderNumber: 'o', subStatusId: '3601', deliveryClass: '2', shippingTerm: '1416' })).toEqual({ orderNumber: 'o', subStatusId: 3601, deliveryClass: 2, shippingTerm: 1416 });
  });

  it('recognise the gateway envelope with either text key', () => {
    expect(isGatewayError({ Results: { errorCode: 'ES01-01', message: 'Un-Authorised' } })).toBe(true);
    expect(isGatewayError({ Results: { errorCode: 'ES01-01', errorMessage: 'x' } })).toBe(true);
    expect(isGatewayError({ MessageModelList: [] })).toBe(false);
  });
});
