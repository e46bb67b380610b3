import { jstDate } from '../jst.ts';
import { sameAmount, sumAmounts, yen } from '../money.ts';
import type { Amount, Yen } from '../money.ts';
import type { Item, LocalDate, Order, Package, Person, RmsTaxSummary, TaxRate } from '../order.ts';
import { computeTotals, isCashOnDelivery, priceTaxIncluded } from '../totals.ts';
import type { OrderTotals } from '../totals.ts';

/**
 * The content of a 納品書 (delivery slip), one per 送付先, as plain data: the PDF renderer only
 * lays it out. Every amount comes from juchu's own totals (totals.ts), which reproduce RMS's;
 * the order-wide figures (payment charge, coupons, points, billed amount, tax per rate) are on
 * the first slip of the order only, so that a two-destination order does not bill twice.
 *
 * A 納品書 is not a 領収書: Rakuten issues the buyer's receipt itself (REFERENCE §5.2).
 */

/** 8% is the reduced rate (軽減税率); its lines carry a mark and the legend explains it. */
export const REDUCED_RATE: TaxRate = 0.08;
export const REDUCED_RATE_MARK = '※';

export interface SlipParty {
  readonly name: string;
  readonly zipCode: string;
  readonly address: string;
  readonly phoneNumber: string;
}

export interface SlipLine {
  readonly manageNumber: string;
  /** SKU管理番号 or the shop's own SKU id; empty for items without SKU. */
  readonly sku: string;
  readonly name: string;
  /** Selected options and SKU attributes, one per line. */
  readonly options: readonly string[];
  readonly taxRate: TaxRate;
  readonly reducedRate: boolean;
  /** 税込単価. */
  readonly unitPrice: Yen;
  readonly quantity: number;
  readonly amount: Yen;
}

export type ChargeKind = 'wrapping' | 'postage' | 'codFee' | 'paymentCharge' | 'additionalFee' | 'coupon' | 'point';

/** A row under the lines: postage, fees, and discounts as negative amounts. */
export interface SlipCharge {
  readonly kind: ChargeKind;
  readonly label: string;
  readonly amount: Amount;
}

export interface SlipTaxRow {
  readonly taxRate: TaxRate;
  /** Tax-included amount billed at this rate (before points). */
  readonly target: Amount;
  /** Tax contained in it: rounded once per rate for the whole document. */
  readonly tax: Amount;
}

/** The order-wide part, printed on the order's first slip. */
export interface SlipOrderTotals {
  readonly charges: readonly SlipCharge[];
  readonly billed: Amount;
  readonly taxRows: readonly SlipTaxRow[];
  /** Whose per-rate figures are printed: RMS's TaxSummaryModelList when it agrees with the order, else juchu's. */
  readonly taxSource: 'rms' | 'juchu';
}

export interface Slip {
  readonly orderNumber: string;
  readonly basketId: number;
  /** 1-based position of this 送付先 in the order, and how many the order has. */
  readonly parcel: number;
  readonly parcels: number;
  readonly orderDate: LocalDate;
  readonly shipBy: LocalDate | null;
  readonly orderer: SlipParty;
  readonly recipient: SlipParty;
  readonly gift: boolean;
  readonly noshi: string | null;
  readonly giftMessage: string | null;
  /** A gift to someone other than the orderer, with the shop's "hide prices" setting on. */
  readonly pricesHidden: boolean;
  readonly lines: readonly SlipLine[];
  /** This 送付先's own rows: wrapping (first parcel), postage, COD fee. */
  readonly parcelCharges: readonly SlipCharge[];
  /** Goods, wrapping, postage and COD fee of this 送付先. */
  readonly parcelTotal: Amount;
  /** Only on the first slip. */
  readonly orderTotals: SlipOrderTotals | null;
}

export interface SlipOptions {
  readonly hidePricesOnGift: boolean;
}

export function slipsOf(order: Order, options: SlipOptions): Slip[] {
  const totals = computeTotals(order);
  const orderer = partyOf(order.buyer);
  const pricesHidden = options.hidePricesOnGift && order.gift === true && order.packages.some((p) => !samePerson(p.recipient, order.buyer));
  const giftMessage = giftMessageOf(order.remarks);
  return order.packages.map((pkg, i) => {
    const parcelCharges = parcelChargesOf(order, pkg, i === 0);
    const lines = pkg.items.map(lineOf);
    return {
      orderNumber: order.orderNumber,
      basketId: pkg.basketId,
      parcel: i + 1,
      parcels: order.packages.length,
      orderDate: jstDate(order.orderedAt),
      shipBy: order.plannedShipDate,
      orderer,
      recipient: partyOf(pkg.recipient),
      gift: order.gift === true,
      noshi: pkg.noshi ?? null,
      giftMessage,
      pricesHidden,
      lines,
      parcelCharges,
      parcelTotal: sumAmounts([yen(lines.reduce((acc, l) => acc + l.amount, 0)), ...parcelCharges.map((c) => c.amount)]),
      orderTotals: i === 0 ? orderTotalsOf(order, totals) : null,
    };
  });
}

function lineOf(item: Item): SlipLine {
  const unitPrice = priceTaxIncluded(item.price, item.taxRate, item.taxIncluded);
  const options = [item.selectedChoice, item.sku?.skuInfo]
    .flatMap((text) => (text ? text.split('\n') : []))
    .map((s) => s.trim())
    .filter((s, k, all) => s !== '' && all.indexOf(s) === k);
  return {
    manageNumber: manageNumberOf(item),
    sku: skuOf(item),
    name: item.name,
    options,
    taxRate: item.taxRate,
    reducedRate: item.taxRate === REDUCED_RATE,
    unitPrice,
    quantity: item.units,
    amount: unitPrice * item.units,
  };
}

/** The SKU staff know an item by: the shop's own SKU id (システム連携用SKU番号), else RMS's SKU管理番号; '' without SKU. */
export function skuOf(item: Item): string {
  return item.sku?.merchantDefinedSkuId || item.sku?.variantId || '';
}

/** 管理番号, or the 商品番号 of an item that has none. */
export function manageNumberOf(item: Item): string {
  return item.manageNumber ?? item.itemNumber;
}

function parcelChargesOf(order: Order, pkg: Package, first: boolean): SlipCharge[] {
  const charges: SlipCharge[] = [];
  if (first) {
    for (const w of order.wrappings) {
      charges.push({ kind: 'wrapping', label: `ラッピング（${w.name}）`, amount: yen(priceTaxIncluded(w.price, w.taxRate, w.taxIncluded)) });
    }
  }
  charges.push({ kind: 'postage', label: '送料', amount: pkg.postagePrice });
  // The COD fee is this parcel's: the carrier collects it at this door.
  if (isCashOnDelivery(order)) charges.push({ kind: 'codFee', label: '代引手数料', amount: pkg.deliveryPrice });
  return charges;
}

function orderTotalsOf(order: Order, totals: OrderTotals): SlipOrderTotals {
  const charges: SlipCharge[] = [];
  // For COD, totals.paymentCharge is the sum of the parcels' COD fees, already on each slip.
  if (!isCashOnDelivery(order) && !sameAmount(order.paymentCharge, yen(0))) {
    charges.push({ kind: 'paymentCharge', label: '決済手数料', amount: order.paymentCharge });
  }
  if (order.additionalFeeToUser !== 0) charges.push({ kind: 'additionalFee', label: '後払い手数料', amount: yen(order.additionalFeeToUser) });
  for (const c of order.coupons) charges.push({ kind: 'coupon', label: `クーポン（${c.name}）`, amount: yen(-c.price * c.units) });
  if (order.usedPoint !== 0) charges.push({ kind: 'point', label: 'ポイント利用', amount: yen(-order.usedPoint) });

  const ours = totals.taxSummary.map((t) => ({ taxRate: t.taxRate, target: t.reqPrice, tax: t.reqPriceTax }));
  const rms = rmsTaxRows(order.rmsTaxSummary, ours);
  return { charges, billed: totals.requestPrice, taxRows: rms ?? ours, taxSource: rms ? 'rms' : 'juchu' };
}

/**
 * RMS's per-rate figures, when it has them and they describe the order as it stands: the same
 * rates with the same per-rate amounts. A staff edit on its way to RMS, or an order whose
 * summary RMS has not computed (before 2019-07-30), prints juchu's instead, so the slip never
 * disagrees with its own lines.
 */
function rmsTaxRows(summary: readonly RmsTaxSummary[] | undefined, ours: readonly SlipTaxRow[]): SlipTaxRow[] | null {
  if (!summary || summary.length === 0) return null;
  const rows = [...summary].sort((a, b) => b.taxRate - a.taxRate).map((t) => ({ taxRate: t.taxRate, target: t.reqPrice, tax: t.reqPriceTax }));
  // A rate one side lists at zero and the other leaves out is the same figure.
  const targetAt = (list: readonly SlipTaxRow[], pct: number): Amount => list.find((r) => Math.round(r.taxRate * 100) === pct)?.target ?? yen(0);
  const pcts = new Set([...rows, ...ours].map((r) => Math.round(r.taxRate * 100)));
  return [...pcts].every((pct) => sameAmount(targetAt(rows, pct), targetAt(ours, pct))) ? rows : null;
}

function partyOf(p: Person): SlipParty {
  const a = p.address;
  return {
    name: [p.familyName, p.firstName].filter((s) => s).join(' '),
    zipCode: a.zipCode,
    address: `${a.prefecture}${a.city}${a.subAddress}`,
    phoneNumber: p.phoneNumber,
  };
}

function samePerson(a: Person, b: Person): boolean {
  const pa = partyOf(a);
  const pb = partyOf(b);
  return pa.name === pb.name && pa.zipCode === pb.zipCode && pa.address === pb.address;
}

/**
 * RMS has no gift-message field: buyers answer the item page's questions into 備考 as
 * `[見出し:]` sections. The section whose heading names a メッセージ is the gift message.
 */
function giftMessageOf(remarks: string | null): string | null {
  if (!remarks) return null;
  const sections = remarks.split(/^(?=\[[^\]\n]*:\])/m);
  for (const section of sections) {
    const m = /^\[([^\]\n]*):\]\n?([\s\S]*)$/.exec(section);
    if (m && m[1]!.includes('メッセージ')) return m[2]!.trim() || null;
  }
  return null;
}
