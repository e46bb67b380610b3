import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { yen } from '../../../src/domain/money.ts';
import {
  deliveryUpdateApplied,
  senderUpdateApplied,
  senderUpdateRequest,
  shippingUpdateApplied,
  shippingUpdateRequest,
  toDomainOrder,
} from '../../../src/rms/mapping.ts';
import { getOrderResponseSchema } from '../../../src/rms/wire/get-order.ts';
import { updateOrderSenderRequestSchema } from '../../../src/rms/wire/update-order-sender.ts';
import { updateOrderShippingRequestSchema } from '../../../src/rms/wire/shipping.ts';
import type { OrderModel } from '../../../src/rms/wire/order-model.ts';

// The reference examples, kept in test/fixtures so the suite needs nothing outside the repository.
const EXAMPLES = new URL('../../fixtures/rms-examples/', import.meta.url).pathname;
const json = (name: string): unknown => JSON.parse(readFileSync(`${EXAMPLES}/${name}`, 'utf8'));
const model = (): OrderModel => getOrderResponseSchema.parse(json('getOrder.response.200.json')).OrderModelList[0]!;

describe('OrderModel → domain order', () => {
  it('keeps -9999 as undetermined, never as a number, and reads JST datetimes as instants', () => {
    const order = toDomainOrder(model(), 'shop1');
    expect(order.status).toBe('awaiting_confirmation');
    expect(order.rmsProgress).toBe(100);
    expect(order.orderedAt.toISOString()).toBe('2026-02-16T01:42:19.000Z');
    expect(order.packages[0]!.postagePrice).toEqual({ kind: 'undetermined' });
    expect(order.rmsAmounts.requestPrice).toEqual({ kind: 'undetermined' });
    expect(order.packages[0]!.deliveryPrice).toEqual(yen(330));
    expect(order.settlement).toMatchObject({ methodCode: 2, rakutenPay: false });
    expect(order.buyer.address.zipCode).toBe('862-0950');
    expect(order.packages[0]!.items.map((i) => i.itemDetailId)).toEqual([41872305, 41872306]);
  });
});

describe('domain order → request bodies', () => {
  it('sends the whole package from RMS with our postage and price, and the 減額理由, as the reference example does', () => {
    const current = model();
    const local = toDomainOrder(current, 'shop1');
    const pkg = local.packages[0]!;
    const edited = {
      ...local,
      packages: [{ ...pkg, postagePrice: yen(770), items: pkg.items.map((i, n) => (n === 0 ? { ...i, price: 4980 } : i)) }],
    };
    const body = senderUpdateRequest(current, edited, 8);
    expect(updateOrderSenderRequestSchema.safeParse(body).success).toBe(true);
    const expected = json('updateOrderSender.request.json') as { reductionReason: number; PackageModelList: { postagePrice: number; ItemModelList: { price: number }[] }[] };
    expect(body.reductionReason).toBe(expected.reductionReason);
    expect(body.PackageModelList[0]!.postagePrice).toBe(expected.PackageModelList[0]!.postagePrice);
    expect(body.PackageModelList[0]!.ItemModelList.map((i) => i.price)).toEqual(expected.PackageModelList[0]!.ItemModelList.map((i) => i.price));
    expect(senderUpdateApplied(current, edited)).toBe(false);
    expect(senderUpdateApplied(current, local)).toBe(true);
  });

  it('a planned ship date adds a row; a later one, and the shipping report, update that row', () => {
    const current = model();
    const basketId = current.PackageModelList[0]!.basketId;
    const planned = { kind: 'syncPlannedShipDate' as const, basketId, shippingDate: '2026-04-20', deliveryCompany: '1001' };
    const first = shippingUpdateRequest(current, planned);
    expect(updateOrderShippingRequestSchema.safeParse(first).success).toBe(true);
    expect(first.BasketidModelList[0]!.ShippingModelList[0]!.shippingDetailId).toBeUndefined();

    const withRow: OrderModel = {
      ...current,
      PackageModelList: [
        { ...current.PackageModelList[0]!, ShippingModelList: [{ shippingDetailId: 77, shippingNumber: null, deliveryCompany: '1001', deliveryCompanyName: 'ヤマト運輸', shippingDate: '2026-04-20' }] },
      ],
    };
    expect(shippingUpdateApplied(withRow, planned)).toBe(true);
    const report = { kind: 'syncShippingReport' as const, basketId, deliveryCompany: '1001', shippingNumber: '123412341234', shippingDate: '2026-04-21' };
    const body = shippingUpdateRequest(withRow, report);
    expect(body.BasketidModelList[0]!.ShippingModelList).toEqual([{ shippingDetailId: 77, deliveryCompany: '1001', shippingDate: '2026-04-21', shippingNumber: '123412341234' }]);
    expect(shippingUpdateApplied(withRow, report)).toBe(false);
  });

  it('knows when a delivery date update is already in RMS', () => {
    const current = model();
    expect(deliveryUpdateApplied(current, { kind: 'syncDeliveryDateTime', deliveryDate: null, shippingTerm: 1820 })).toBe(true);
    expect(deliveryUpdateApplied(current, { kind: 'syncDeliveryDateTime', deliveryDate: '2026-02-20', shippingTerm: 1820 })).toBe(false);
  });
});
