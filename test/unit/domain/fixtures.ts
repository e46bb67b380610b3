import type { ActionContext } from '../../../src/domain/action.ts';
import { yen } from '../../../src/domain/money.ts';
import type { Amount } from '../../../src/domain/money.ts';
import type { Item, Order, Package, Person } from '../../../src/domain/order.ts';
import type { Shop } from '../../../src/domain/shop.ts';
import type { RmsProgress } from '../../../src/domain/status.ts';

/** 2026-11-20 10:00 JST. */
export const ORDERED_AT = new Date('2026-11-20T01:00:00Z');

const person: Person = {
  familyName: '楽天',
  firstName: '太郎',
  familyNameKana: 'ラクテン',
  firstNameKana: 'タロウ',
  phoneNumber: '03-1234-5678',
  address: { zipCode: '158-0094', prefecture: '東京都', city: '世田谷区玉川', subAddress: '1-14-1' },
};

export function item(overrides: Partial<Item> = {}): Item {
  return {
    itemDetailId: 1001,
    itemId: 10,
    itemNumber: 'tea-001',
    manageNumber: 'tea',
    name: '緑茶 100g',
    price: 1000,
    units: 1,
    taxRate: 0.08,
    taxIncluded: true,
    postageIncluded: false,
    selectedChoice: null,
    sku: null,
    ...overrides,
  };
}

export function pkg(overrides: Partial<Package> = {}): Package {
  return {
    basketId: 1001,
    postagePrice: yen(500),
    postageTaxRate: 0.1,
    deliveryPrice: yen(0),
    deliveryTaxRate: 0.1,
    recipient: person,
    defaultDeliveryCompany: '1001',
    items: [item()],
    shipments: [],
    ...overrides,
  };
}

export function order(overrides: Partial<Order> = {}): Order {
  return {
    orderNumber: '123456-20261120-0000000001',
    shopCode: 'tea-shop',
    status: 'awaiting_confirmation',
    statusBeforeHold: null,
    rmsProgress: 100,
    subStatusId: null,
    subStatusName: null,
    orderedAt: ORDERED_AT,
    confirmedAt: null,
    fixedAt: null,
    shippingReportedAt: null,
    buyer: { ...person, emailAddress: '0123456789abcdef0123456789abcdefs1@pc.fw.rakuten.ne.jp' },
    settlement: { methodCode: 1, methodName: 'クレジットカード', rakutenPay: true, cardName: 'VISA' },
    deliveryName: '宅配便',
    packages: [pkg()],
    coupons: [],
    wrappings: [],
    usedPoint: 0,
    paymentCharge: yen(0),
    paymentChargeTaxRate: 0.1,
    additionalFeeToUser: 0,
    deliveryDate: null,
    shippingTerm: null,
    plannedShipDate: null,
    reductionReason: null,
    remarks: null,
    memo: null,
    changeReasons: [],
    rmsAmounts: {
      goodsPrice: yen(1000),
      postagePrice: yen(500),
      deliveryPrice: yen(0),
      paymentCharge: yen(0),
      totalPrice: yen(1500),
      requestPrice: yen(1500),
    },
    version: 3,
    ...overrides,
  };
}

/** An order as RMS reports it at a given progress, before juchu has decided anything. */
export function snapshot(progress: RmsProgress, overrides: Partial<Order> = {}): Order {
  return order({ rmsProgress: progress, status: 'awaiting_confirmation', version: 0, ...overrides });
}

export function withPostage(o: Order, postage: Amount): Order {
  return { ...o, packages: o.packages.map((p) => ({ ...p, postagePrice: postage })) };
}

export const shop: Shop = {
  code: 'tea-shop',
  name: 'お茶の店',
  autoConfirm: false,
  cancelViaApi: false,
  rmsUrl: 'http://127.0.0.1:8081',
  licenseKeyExpiresAt: null,
  rateLimitPerSecond: 0,
};

export function ctx(overrides: Partial<ActionContext> = {}): ActionContext {
  return { now: new Date('2026-11-21T00:00:00Z'), actor: { kind: 'user', userId: 'u1', name: '山田' }, shop, ...overrides };
}

export const worker: ActionContext['actor'] = { kind: 'system', name: 'sync-worker' };

/** Runs `fn` and returns the DomainError code it threw, or null when it did not throw. */
export function errorCode(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    if (error instanceof Error && 'code' in error) return String(error.code);
    throw error;
  }
}
