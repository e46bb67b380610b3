import { UNDETERMINED, isDetermined, sameAmount, subtract, sumAmounts, yen } from './money.ts';
import type { Amount, Yen } from './money.ts';
import type { Item, Order, Package, RmsTaxSummary, TaxRate, Wrapping } from './order.ts';

/**
 * The order's figures, recomputed the way RMS computes them (getOrder v10):
 *
 *   priceTaxIncl  = price                       for tax-included prices
 *                 = floor(price × (1 + rate))   for tax-excluded prices
 *   goodsPrice    = Σ priceTaxIncl × units + wrapping
 *   totalPrice    = goodsPrice + postagePrice   (the COD fee is not part of it)
 *   requestPrice  = totalPrice + paymentCharge + additionalFeeToUser − couponAllTotalPrice − usedPoint
 *
 * An undetermined amount (RMS -9999) makes every sum that includes it undetermined; the billed
 * amount stays open while any postage, COD fee or payment charge is, and so does the whole
 * tax summary.
 */

/** settlementMethodCode of 代金引換. */
export const CASH_ON_DELIVERY_METHOD_CODE = 2;

/**
 * Where a cash-on-delivery order's COD fee (代引料) shows. RMS v10 reports it as the order's
 * paymentCharge, inside the billed amount (`asPaymentCharge`, the default); the reference
 * marks this UNCERTAIN, so `outsideRequestPrice` leaves it in deliveryPrice only, collected
 * by the carrier on top of the billed amount (the RMS screen's 総合計).
 */
export type CodFeeTreatment = 'asPaymentCharge' | 'outsideRequestPrice';

export interface TotalsOptions {
  readonly codFee?: CodFeeTreatment;
}

export interface PackageTotals {
  readonly basketId: number;
  readonly goodsPrice: Amount;
  readonly postagePrice: Amount;
  readonly deliveryPrice: Amount;
  readonly totalPrice: Amount;
}

/** One row of RMS's TaxSummaryModelList, as juchu computes it. Points are no longer split by rate (orders from 2022-04-01): `point` is always 0. */
export type TaxSummary = RmsTaxSummary;

export interface OrderTotals {
  readonly goodsPrice: Amount;
  readonly postagePrice: Amount;
  readonly deliveryPrice: Amount;
  readonly paymentCharge: Amount;
  readonly totalPrice: Amount;
  readonly requestPrice: Amount;
  readonly couponAllTotalPrice: Amount;
  readonly packages: readonly PackageTotals[];
  readonly taxSummary: readonly TaxSummary[];
}

export function isCashOnDelivery(order: Pick<Order, 'settlement'>): boolean {
  return order.settlement.methodCode === CASH_ON_DELIVERY_METHOD_CODE;
}

/** The rate as whole percent (0, 8, 10), so that tax arithmetic stays in integers. */
function percent(rate: TaxRate): number {
  return Math.round(rate * 100);
}

/** 税込単価: RMS rounds the tax of a tax-excluded price down. */
export function priceTaxIncluded(price: Yen, rate: TaxRate, taxIncluded: boolean): Yen {
  return taxIncluded ? price : Math.floor((price * (100 + percent(rate))) / 100);
}

function itemAmount(item: Item): Yen {
  return priceTaxIncluded(item.price, item.taxRate, item.taxIncluded) * item.units;
}

function wrappingAmount(w: Wrapping): Yen {
  return priceTaxIncluded(w.price, w.taxRate, w.taxIncluded);
}

/**
 * The order's wrapping belongs to its first package: RMS keeps wrapping on the order, yet
 * counts it in a package's goodsPrice, and an order with wrapping has one destination.
 */
function packageTotals(pkg: Package, wrappings: readonly Wrapping[]): PackageTotals {
  const goods = sum(pkg.items.map(itemAmount)) + sum(wrappings.map(wrappingAmount));
  return {
    basketId: pkg.basketId,
    goodsPrice: yen(goods),
    postagePrice: pkg.postagePrice,
    deliveryPrice: pkg.deliveryPrice,
    totalPrice: sumAmounts([yen(goods), pkg.postagePrice]),
  };
}

export function computeTotals(order: Order, options: TotalsOptions = {}): OrderTotals {
  const codFeeAsCharge = isCashOnDelivery(order) && (options.codFee ?? 'asPaymentCharge') === 'asPaymentCharge';
  const packages = order.packages.map((pkg, i) => packageTotals(pkg, i === 0 ? order.wrappings : []));

  const goodsPrice = sumAmounts(packages.map((p) => p.goodsPrice));
  const postagePrice = sumAmounts(packages.map((p) => p.postagePrice));
  const deliveryPrice = sumAmounts(packages.map((p) => p.deliveryPrice));
  const totalPrice = sumAmounts(packages.map((p) => p.totalPrice));
  const paymentCharge = codFeeAsCharge ? deliveryPrice : order.paymentCharge;
  const coupons = sum(order.coupons.map((c) => c.price * c.units));
  // A COD fee still undetermined leaves the bill open even where it is not billed as such.
  const requestPrice = isDetermined(deliveryPrice)
    ? subtract(sumAmounts([totalPrice, paymentCharge, yen(order.additionalFeeToUser)]), yen(coupons + order.usedPoint))
    : UNDETERMINED;

  return {
    goodsPrice,
    postagePrice,
    deliveryPrice,
    paymentCharge,
    totalPrice,
    requestPrice,
    couponAllTotalPrice: yen(coupons),
    packages,
    taxSummary: taxSummary(order, codFeeAsCharge, isDetermined(requestPrice)),
  };
}

/** Per-rate buckets; Map keeps the rate as a number key without float-string surprises. */
class ByRate {
  private readonly values = new Map<number, Yen>();

  add(rate: TaxRate, amount: Yen): void {
    const key = percent(rate);
    this.values.set(key, (this.values.get(key) ?? 0) + amount);
  }

  get(pct: number): Yen {
    return this.values.get(pct) ?? 0;
  }

  percents(): number[] {
    return [...this.values.keys()];
  }
}

function taxSummary(order: Order, codFeeAsCharge: boolean, determined: boolean): TaxSummary[] {
  const goods = new ByRate();
  const postage = new ByRate();
  const charges = new ByRate();
  const coupons = new ByRate();
  const rateOfItem = new Map<number, TaxRate>();
  // A rate gets a row when anything is charged at it, or could be once it is determined.
  const rates = new Set<number>();
  const charge = (bucket: ByRate, rate: TaxRate, amount: Amount): void => {
    if (!sameAmount(amount, yen(0))) rates.add(percent(rate));
    bucket.add(rate, amount.kind === 'yen' ? amount.yen : 0);
  };

  for (const pkg of order.packages) {
    for (const item of pkg.items) {
      goods.add(item.taxRate, itemAmount(item));
      rates.add(percent(item.taxRate));
      rateOfItem.set(item.itemDetailId, item.taxRate);
    }
    charge(postage, pkg.postageTaxRate, pkg.postagePrice);
    if (codFeeAsCharge) charge(charges, pkg.deliveryTaxRate, pkg.deliveryPrice);
  }
  for (const w of order.wrappings) charge(goods, w.taxRate, yen(wrappingAmount(w)));
  if (!codFeeAsCharge) charge(charges, order.paymentChargeTaxRate, order.paymentCharge);

  let orderWideCoupons = 0;
  for (const c of order.coupons) {
    const rate = rateOfItem.get(c.itemDetailId);
    if (rate === undefined) orderWideCoupons += c.price * c.units;
    else coupons.add(rate, c.price * c.units);
  }
  allocateByGoods(orderWideCoupons, goods, coupons);
  for (const pct of coupons.percents()) rates.add(pct);

  return [...rates]
    .sort((a, b) => b - a)
    .map((pct) => {
      if (!determined) return undeterminedRow(pct / 100);
      const total = goods.get(pct) + postage.get(pct);
      const reqPrice = total + charges.get(pct) - coupons.get(pct);
      return {
        taxRate: pct / 100,
        reqPrice: yen(reqPrice),
        reqPriceTax: yen(containedTax(reqPrice, pct)),
        totalPrice: yen(total),
        paymentCharge: yen(charges.get(pct)),
        couponPrice: yen(coupons.get(pct)),
        point: yen(0),
      };
    });
}

/** The tax inside a tax-included amount, rounded toward zero (a coupon can push a rate negative). */
function containedTax(amount: Yen, pct: number): Yen {
  // `+ 0` turns the -0 of a zero rate into 0.
  return Math.trunc((amount * pct) / (100 + pct)) + 0;
}

/**
 * Spreads order-wide coupons over the rates in proportion to the goods at each rate, rounding
 * down and giving the remainder to the rate with the most goods, so the shares add up to the
 * coupon total exactly. RMS does not document its split (UNCERTAIN).
 */
function allocateByGoods(amount: Yen, goods: ByRate, into: ByRate): void {
  if (amount === 0) return;
  const pcts = goods.percents().sort((a, b) => goods.get(b) - goods.get(a) || b - a);
  const base = sum(pcts.map((pct) => goods.get(pct)));
  const [largest] = pcts;
  if (largest === undefined || base <= 0) {
    into.add((largest ?? 10) / 100, amount);
    return;
  }
  let given = 0;
  for (const pct of pcts) {
    const share = Math.floor((amount * goods.get(pct)) / base);
    into.add(pct / 100, share);
    given += share;
  }
  into.add(largest / 100, amount - given);
}

function undeterminedRow(taxRate: TaxRate): TaxSummary {
  return {
    taxRate,
    reqPrice: UNDETERMINED,
    reqPriceTax: UNDETERMINED,
    totalPrice: UNDETERMINED,
    paymentCharge: UNDETERMINED,
    couponPrice: UNDETERMINED,
    point: UNDETERMINED,
  };
}

function sum(values: readonly Yen[]): Yen {
  return values.reduce((acc, v) => acc + v, 0);
}

/** The figures RMS reported that our arithmetic does not reproduce. */
export interface TotalsDiscrepancy {
  readonly field: keyof Order['rmsAmounts'];
  readonly ours: Amount;
  readonly rms: Amount;
}

export function discrepanciesWithRms(order: Order, totals: OrderTotals = computeTotals(order)): TotalsDiscrepancy[] {
  const fields = Object.keys(order.rmsAmounts) as (keyof Order['rmsAmounts'])[];
  return fields
    .filter((field) => !sameAmount(totals[field], order.rmsAmounts[field]))
    .map((field) => ({ field, ours: totals[field], rms: order.rmsAmounts[field] }));
}
