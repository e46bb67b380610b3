import type { OrderDetail, OrderEditBody } from '../api/types.ts';
import { amountFromNullable, isDetermined, type Amount } from '../../domain/money.ts';
import type { Item, Order, Package, Person } from '../../domain/order.ts';
import { isRmsProgress } from '../../domain/status.ts';
import { lowersRequestPrice } from '../../domain/edits.ts';
import { computeTotals, type OrderTotals } from '../../domain/totals.ts';

/**
 * The amount editor's model: what staff typed, the domain order it makes, and the PATCH body
 * it sends. Totals come from the domain's `computeTotals`, the same arithmetic RMS applies,
 * so what the screen shows while typing is what RMS will bill.
 */

interface ItemDraft {
  itemDetailId: number;
  units: string;
  price: string;
}

interface PackageDraft {
  basketId: number;
  /** Empty text is 未確定. */
  postage: string;
  codFee: string;
  items: ItemDraft[];
}

export interface EditDraft {
  packages: PackageDraft[];
  reductionReason: number | null;
}

type DraftField = `${number}.postage` | `${number}.codFee` | `${number}.${number}.units` | `${number}.${number}.price`;

export interface EditEvaluation {
  /** Null while any field is not a valid amount. */
  totals: OrderTotals | null;
  before: OrderTotals;
  invalidFields: ReadonlySet<DraftField>;
  changed: boolean;
  /** The billed amount drops, so RMS requires a 減額理由. */
  reduction: boolean;
}

function toPerson(person: OrderDetail['buyer'] | OrderDetail['packages'][number]['recipient']): Person {
  return {
    familyName: person.familyName,
    firstName: person.firstName,
    familyNameKana: person.familyNameKana,
    firstNameKana: person.firstNameKana,
    phoneNumber: person.phoneNumber,
    address: person.address,
  };
}

/** The detail as a domain order, enough for `computeTotals`. */
export function toDomainOrder(detail: OrderDetail): Order {
  const packages: Package[] = detail.packages.map((pkg) => ({
    basketId: pkg.basketId,
    postagePrice: amountFromNullable(pkg.postagePrice),
    postageTaxRate: pkg.postageTaxRate,
    deliveryPrice: amountFromNullable(pkg.deliveryPrice),
    deliveryTaxRate: pkg.deliveryTaxRate,
    recipient: toPerson(pkg.recipient),
    defaultDeliveryCompany: pkg.defaultDeliveryCompany,
    items: pkg.items.map(({ priceTaxIncl: _derived, ...item }): Item => item),
    shipments: pkg.shipments,
  }));
  const rmsAmounts = {
    goodsPrice: amountFromNullable(detail.goodsPrice),
    postagePrice: amountFromNullable(detail.postagePrice),
    deliveryPrice: amountFromNullable(detail.deliveryPrice),
    paymentCharge: amountFromNullable(detail.paymentCharge),
    totalPrice: amountFromNullable(detail.totalPrice),
    requestPrice: amountFromNullable(detail.requestPrice),
  };
  return {
    orderNumber: detail.orderNumber,
    shopCode: detail.shopCode,
    status: detail.status,
    statusBeforeHold: detail.statusBeforeHold,
    rmsProgress: isRmsProgress(detail.rmsProgress) ? detail.rmsProgress : 100,
    subStatusId: detail.subStatusId,
    subStatusName: detail.subStatusName,
    orderedAt: new Date(detail.orderedAt),
    confirmedAt: instantOrNull(detail.confirmedAt),
    fixedAt: null,
    shippingReportedAt: instantOrNull(detail.shippingReportedAt),
    buyer: { ...toPerson(detail.buyer), emailAddress: detail.buyer.emailAddress },
    settlement: detail.settlement,
    deliveryName: detail.deliveryName,
    packages,
    coupons: detail.coupons,
    wrappings: detail.wrappings,
    usedPoint: detail.usedPoint,
    paymentCharge: amountFromNullable(detail.paymentCharge),
    paymentChargeTaxRate: detail.paymentChargeTaxRate,
    additionalFeeToUser: detail.additionalFeeToUser,
    deliveryDate: detail.deliveryDate,
    shippingTerm: detail.shippingTerm,
    plannedShipDate: detail.plannedShipDate,
    reductionReason: detail.reductionReason,
    remarks: detail.remarks,
    memo: detail.memo,
    changeReasons: [],
    rmsAmounts,
    version: detail.version,
  };
}

function instantOrNull(iso: string | null): Date | null {
  return iso === null ? null : new Date(iso);
}

function amountText(value: number | null): string {
  return value === null ? '' : String(value);
}

export function draftFrom(detail: OrderDetail): EditDraft {
  return {
    packages: detail.packages.map((pkg) => ({
      basketId: pkg.basketId,
      postage: amountText(pkg.postagePrice),
      codFee: amountText(pkg.deliveryPrice),
      items: pkg.items.map((item) => ({ itemDetailId: item.itemDetailId, units: String(item.units), price: String(item.price) })),
    })),
    reductionReason: detail.reductionReason,
  };
}

/** Whole, non-negative yen or units, typed with half- or full-width digits and commas. */
export function parseWhole(text: string): number | null {
  const normalized = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[,，\s]/g, '');
  if (!/^\d{1,9}$/.test(normalized)) return null;
  return Number(normalized);
}

/** Empty means 未確定; anything else must be whole yen. */
function parseAmount(text: string): Amount | null {
  if (text.trim() === '') return amountFromNullable(null);
  const value = parseWhole(text);
  return value === null ? null : amountFromNullable(value);
}

interface AppliedDraft {
  order: Order;
  invalidFields: Set<DraftField>;
}

function applyDraft(original: Order, draft: EditDraft): AppliedDraft {
  const invalidFields = new Set<DraftField>();
  const packages = original.packages.map((pkg, p) => {
    const pd = draft.packages.find((d) => d.basketId === pkg.basketId);
    if (!pd) return pkg;
    const postage = parseAmount(pd.postage);
    const codFee = parseAmount(pd.codFee);
    if (!postage) invalidFields.add(`${p}.postage`);
    if (!codFee) invalidFields.add(`${p}.codFee`);
    const items = pkg.items.map((item, i) => {
      const id = pd.items.find((d) => d.itemDetailId === item.itemDetailId);
      if (!id) return item;
      const units = parseWhole(id.units);
      const price = parseWhole(id.price);
      if (units === null) invalidFields.add(`${p}.${i}.units`);
      if (price === null) invalidFields.add(`${p}.${i}.price`);
      return { ...item, units: units ?? item.units, price: price ?? item.price };
    });
    return { ...pkg, postagePrice: postage ?? pkg.postagePrice, deliveryPrice: codFee ?? pkg.deliveryPrice, items };
  });
  return { order: { ...original, packages }, invalidFields };
}

export function evaluateDraft(original: Order, draft: EditDraft): EditEvaluation {
  const before = computeTotals(original);
  const { order, invalidFields } = applyDraft(original, draft);
  const totals = invalidFields.size === 0 ? computeTotals(order) : null;
  const changed = toPatchPackages(original, order).length > 0;
  const reduction = totals !== null && lowersRequestPrice(original, order);
  return { totals, before, invalidFields, changed, reduction };
}

function sameAmountValue(a: Amount, b: Amount): boolean {
  return a.kind === b.kind && (a.kind === 'undetermined' || a.yen === (b as { yen: number }).yen);
}

function nullable(a: Amount): number | null {
  return isDetermined(a) ? a.yen : null;
}

/** Only what changed, as the PATCH body's `packages`. */
function toPatchPackages(original: Order, edited: Order): NonNullable<OrderEditBody['packages']> {
  const result: NonNullable<OrderEditBody['packages']> = [];
  edited.packages.forEach((pkg, p) => {
    const before = original.packages[p];
    if (!before) return;
    const change: NonNullable<OrderEditBody['packages']>[number] = { basketId: pkg.basketId };
    if (!sameAmountValue(before.postagePrice, pkg.postagePrice)) change.postagePrice = nullable(pkg.postagePrice);
    if (!sameAmountValue(before.deliveryPrice, pkg.deliveryPrice)) change.deliveryPrice = nullable(pkg.deliveryPrice);
    const items = pkg.items.flatMap((item, i) => {
      const was = before.items[i];
      if (!was || (was.units === item.units && was.price === item.price)) return [];
      return [{ itemDetailId: item.itemDetailId, units: item.units, price: item.price }];
    });
    if (items.length > 0) change.items = items;
    if (Object.keys(change).length > 1) result.push(change);
  });
  return result;
}

export function toPatch(original: Order, draft: EditDraft, evaluation: EditEvaluation): OrderEditBody {
  const { order } = applyDraft(original, draft);
  return {
    version: original.version,
    packages: toPatchPackages(original, order),
    reductionReason: evaluation.reduction ? draft.reductionReason : null,
  };
}

