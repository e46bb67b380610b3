import { SETTLEMENT, UNDETERMINED_AMOUNT, type OrderModel, type TaxSummaryModel } from '../rms/wire/index.ts';
import type { SandboxSettings } from './settings.ts';

/**
 * RMS order arithmetic, computed independently of juchu's domain so the two can be
 * cross-checked. docs/SANDBOX.md states the formulas; in short:
 *
 *   item priceTaxIncl   = price (tax-included) | round(price × (1 + taxRate)) (tax-excluded)
 *   package goodsPrice  = Σ priceTaxIncl × units over live items
 *   package totalPrice  = goodsPrice + postagePrice
 *   order goodsPrice    = Σ package goodsPrice + Σ wrapping taxPrice
 *   order totalPrice    = goodsPrice + postagePrice            (wrapping already in goods)
 *   paymentCharge       = COD fee when codFeeAsPaymentCharge, else 0
 *   requestPrice        = totalPrice + paymentCharge + additionalFeeOccurAmountToUser
 *                         − couponAllTotalPrice − usedPoint
 * Any undetermined (-9999) input makes every amount that depends on it -9999.
 */
export type Rounding = SandboxSettings['taxRounding'];
export type AmountSettings = Pick<SandboxSettings, 'taxRounding' | 'codFeeAsPaymentCharge' | 'taxSummaryAllUndetermined'>;

const U = UNDETERMINED_AMOUNT;
const percent = (rate: number): number => Math.round(rate * 100);

function divide(numerator: number, denominator: number, rounding: Rounding): number {
  const q = numerator / denominator;
  if (rounding === 'floor') return Math.floor(q + 1e-9);
  if (rounding === 'ceil') return Math.ceil(q - 1e-9);
  return Math.round(q);
}

/** Tax-included unit price of a price that may be tax-excluded. */
export function priceTaxIncluded(price: number, taxRate: number, includeTaxFlag: number, rounding: Rounding): number {
  if (includeTaxFlag === 1) return price;
  return divide(price * (100 + percent(taxRate)), 100, rounding);
}

/** The tax contained in a tax-included amount. */
export function containedTax(amount: number, taxRate: number, rounding: Rounding): number {
  return divide(amount * percent(taxRate), 100 + percent(taxRate), rounding);
}

const sumOrUndetermined = (values: readonly number[]): number =>
  values.some((v) => v === U) ? U : values.reduce((a, b) => a + b, 0);

/** Rewrites every derived amount of the order in place. */
export function recalculate(order: OrderModel, settings: AmountSettings): void {
  const packages = order.PackageModelList.filter((p) => p.packageDeleteFlag !== 1);
  for (const pkg of order.PackageModelList) {
    let goods = 0;
    for (const item of pkg.ItemModelList) {
      item.priceTaxIncl = priceTaxIncluded(item.price, item.taxRate, item.includeTaxFlag, settings.taxRounding);
      if (item.deleteItemFlag !== 1) goods += item.priceTaxIncl * item.units;
    }
    pkg.goodsPrice = goods;
    pkg.totalPrice = pkg.postagePrice === U ? U : goods + pkg.postagePrice;
  }
  const wrappings = [order.WrappingModel1, order.WrappingModel2].filter((w) => w !== null);
  for (const w of wrappings) w.taxPrice = priceTaxIncluded(w.price ?? 0, w.taxRate, w.includeTaxFlag, settings.taxRounding);

  order.goodsPrice = packages.reduce((s, p) => s + p.goodsPrice, 0) + wrappings.reduce((s, w) => s + w.taxPrice, 0);
  order.postagePrice = sumOrUndetermined(packages.map((p) => p.postagePrice));
  order.deliveryPrice = sumOrUndetermined(packages.map((p) => p.deliveryPrice));

  for (const c of order.CouponModelList ?? []) {
    c.couponTotalPrice = c.couponPrice === null || c.couponUnit === null ? U : c.couponPrice * c.couponUnit;
  }
  const coupons = (order.CouponModelList ?? []).filter((c) => c.couponTotalPrice !== U);
  order.couponAllTotalPrice = coupons.reduce((s, c) => s + c.couponTotalPrice, 0);
  order.couponShopPrice = coupons.filter((c) => c.couponCapitalCode === 1).reduce((s, c) => s + c.couponTotalPrice, 0);
  order.couponOtherPrice = order.couponAllTotalPrice - order.couponShopPrice;

  const isCod = order.SettlementModel?.settlementMethodCode === SETTLEMENT.cashOnDelivery;
  order.paymentCharge = isCod && settings.codFeeAsPaymentCharge ? order.deliveryPrice : 0;
  order.totalPrice = order.postagePrice === U ? U : order.goodsPrice + order.postagePrice;
  const usedPoint = order.PointModel?.usedPoint ?? 0;
  order.requestPrice =
    order.totalPrice === U || order.paymentCharge === U
      ? U
      : order.totalPrice + order.paymentCharge + order.additionalFeeOccurAmountToUser - order.couponAllTotalPrice - usedPoint;

  order.TaxSummaryModelList = taxSummary(order, settings);
}

interface RateBucket {
  goods: number;
  postage: number;
  postageUndetermined: boolean;
  paymentCharge: number;
  coupon: number;
}

/**
 * One row per tax rate present (items, wrapping, postage, payment charge), highest rate first.
 * Order-level coupons are split over the rates in proportion to their goods (rounded down,
 * the remainder to the rate with the most goods); item coupons go to their item's rate.
 * reqPrice is before points (orders from 2022-04-01), so `point` is always 0.
 */
function taxSummary(order: OrderModel, settings: AmountSettings): TaxSummaryModel[] {
  const buckets = new Map<number, RateBucket>();
  const bucket = (rate: number): RateBucket => {
    let b = buckets.get(rate);
    if (!b) buckets.set(rate, (b = { goods: 0, postage: 0, postageUndetermined: false, paymentCharge: 0, coupon: 0 }));
    return b;
  };
  const itemRates = new Map<number, number>();
  for (const pkg of order.PackageModelList) {
    if (pkg.packageDeleteFlag === 1) continue;
    for (const item of pkg.ItemModelList) {
      if (item.deleteItemFlag === 1) continue;
      bucket(item.taxRate).goods += item.priceTaxIncl * item.units;
      itemRates.set(item.itemDetailId, item.taxRate);
    }
    if (pkg.postagePrice === U) bucket(pkg.postageTaxRate).postageUndetermined = true;
    else if (pkg.postagePrice !== 0) bucket(pkg.postageTaxRate).postage += pkg.postagePrice;
  }
  for (const w of [order.WrappingModel1, order.WrappingModel2]) if (w) bucket(w.taxRate).goods += w.taxPrice;
  const chargeUndetermined = order.paymentCharge === U;
  if (chargeUndetermined || order.paymentCharge !== 0) {
    bucket(order.paymentChargeTaxRate).paymentCharge = chargeUndetermined ? 0 : order.paymentCharge;
  }
  allocateCoupons(order, buckets, itemRates);

  const allUndetermined = settings.taxSummaryAllUndetermined && (order.postagePrice === U || order.deliveryPrice === U || chargeUndetermined);
  return [...buckets.entries()]
    .sort(([a], [b]) => b - a)
    .map(([taxRate, b]) => {
      if (allUndetermined) {
        return { taxRate, reqPrice: U, reqPriceTax: U, totalPrice: U, paymentCharge: U, couponPrice: U, point: U };
      }
      const totalPrice = order.postagePrice === U ? U : b.goods + b.postage;
      const paymentCharge = chargeUndetermined ? U : b.paymentCharge;
      const reqPrice = totalPrice === U || paymentCharge === U ? U : totalPrice + paymentCharge - b.coupon;
      const reqPriceTax = reqPrice === U ? U : containedTax(reqPrice, taxRate, settings.taxRounding);
      return { taxRate, reqPrice, reqPriceTax, totalPrice, paymentCharge, couponPrice: b.coupon, point: 0 };
    });
}

function allocateCoupons(order: OrderModel, buckets: Map<number, RateBucket>, itemRates: Map<number, number>): void {
  let orderLevel = 0;
  for (const c of order.CouponModelList ?? []) {
    if (c.couponTotalPrice === U) continue;
    const rate = c.itemDetailId !== 0 ? itemRates.get(c.itemDetailId) : undefined;
    if (rate !== undefined) (buckets.get(rate) as RateBucket).coupon += c.couponTotalPrice;
    else orderLevel += c.couponTotalPrice;
  }
  if (orderLevel === 0 || buckets.size === 0) return;
  const entries = [...buckets.entries()];
  const goodsTotal = entries.reduce((s, [, b]) => s + b.goods, 0);
  let allocated = 0;
  for (const [, b] of entries) {
    const share = goodsTotal === 0 ? 0 : Math.floor((orderLevel * b.goods) / goodsTotal);
    b.coupon += share;
    allocated += share;
  }
  const largest = entries.reduce((best, e) => (e[1].goods > best[1].goods ? e : best));
  largest[1].coupon += orderLevel - allocated;
}
