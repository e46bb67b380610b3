import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { yen } from '../../../src/domain/money.ts';
import { toDomainOrder } from '../../../src/rms/mapping.ts';
import { getOrderResponseSchema } from '../../../src/rms/wire/get-order.ts';
import type { OrderModel } from '../../../src/rms/wire/order-model.ts';

const EXAMPLE = new URL('../../fixtures/rms-examples/getOrder.response.200.json', import.meta.url).pathname;
const model = (): OrderModel => getOrderResponseSchema.parse(JSON.parse(readFileSync(EXAMPLE, 'utf8'))).OrderModelList[0]!;

describe('OrderModel → domain order: what paperwork prints', () => {
  it('keeps giftCheckFlag, のし and TaxSummaryModelList (-9999 as undetermined)', () => {
    const plain = toDomainOrder(model(), 'shop1');
    expect(plain.gift).toBe(false);
    expect(plain.packages[0]!.noshi).toBeNull();
    expect(plain.rmsTaxSummary![0]).toMatchObject({ taxRate: 0.1, reqPrice: { kind: 'undetermined' } });

    const m = model();
    const gift = toDomainOrder(
      {
        ...m,
        giftCheckFlag: 1,
        PackageModelList: m.PackageModelList.map((p) => ({ ...p, noshi: '御祝' })),
        TaxSummaryModelList: [{ taxRate: 0.08, reqPrice: 1080, reqPriceTax: 80, totalPrice: 1080, paymentCharge: 0, couponPrice: 0, point: 0 }],
      },
      'shop1',
    );
    expect([gift.gift, gift.packages[0]!.noshi]).toEqual([true, '御祝']);
    expect(gift.rmsTaxSummary).toEqual([{ taxRate: 0.08, reqPrice: yen(1080), reqPriceTax: yen(80), totalPrice: yen(1080), paymentCharge: yen(0), couponPrice: yen(0), point: yen(0) }]);
  });
});
