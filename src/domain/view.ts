import { confirmationDeadline, deadlineStatus } from './deadline.ts';
import type { DeadlineStatus } from './deadline.ts';
import { toJstIso } from './jst.ts';
import { amountToNullable } from './money.ts';
import type { Yen } from './money.ts';
import type { Buyer, Coupon, Item, LocalDate, Order, Person, Settlement, Shipment, TaxRate, Wrapping } from './order.ts';
import { STATUS_LABELS, RMS_PROGRESS_LABELS } from './status.ts';
import type { OrderStatus, RmsProgress } from './status.ts';
import { computeTotals, discrepanciesWithRms, priceTaxIncluded } from './totals.ts';
import type { PackageTotals, TaxSummary, TotalsOptions } from './totals.ts';
import { awaitsConfirmation } from './transitions.ts';

/**
 * The pure part of the HTTP API's `Order` (INTERFACE §4): amounts as integer yen or null for
 * 未確定, instants as ISO 8601 with +09:00. The server adds allowedActions (which depend on
 * the caller's role), pendingOperations and history.
 */
export type AmountView = Yen | null;

export interface TaxSummaryView {
  taxRate: TaxRate;
  reqPrice: AmountView;
  reqPriceTax: AmountView;
  totalPrice: AmountView;
  paymentCharge: AmountView;
  couponPrice: AmountView;
  point: AmountView;
}

export interface ItemView {
  itemDetailId: number;
  itemId: number;
  itemNumber: string;
  manageNumber: string | null;
  name: string;
  price: Yen;
  /** 税込単価, as RMS's priceTaxIncl. */
  priceTaxIncl: Yen;
  units: number;
  taxRate: TaxRate;
  taxIncluded: boolean;
  postageIncluded: boolean;
  selectedChoice: string | null;
  sku: Item['sku'];
}

export interface PackageView {
  basketId: number;
  postagePrice: AmountView;
  postageTaxRate: TaxRate;
  deliveryPrice: AmountView;
  deliveryTaxRate: TaxRate;
  goodsPrice: AmountView;
  totalPrice: AmountView;
  recipient: Person;
  defaultDeliveryCompany: string | null;
  items: ItemView[];
  shipments: Shipment[];
}

export interface OrderView {
  orderNumber: string;
  shopCode: string;
  status: OrderStatus;
  statusLabel: string;
  /** Where a held order returns on release; null unless on hold. */
  statusBeforeHold: OrderStatus | null;
  rmsProgress: RmsProgress;
  rmsProgressLabel: string;
  subStatusId: number | null;
  subStatusName: string | null;
  orderedAt: string;
  confirmationDeadline: string;
  deadline: DeadlineStatus;
  /** Whether the deadline still matters: the order waits for the shop's confirmation. */
  awaitsConfirmation: boolean;
  confirmedAt: string | null;
  shippingReportedAt: string | null;
  version: number;
  goodsPrice: AmountView;
  postagePrice: AmountView;
  deliveryPrice: AmountView;
  paymentCharge: AmountView;
  paymentChargeTaxRate: TaxRate;
  totalPrice: AmountView;
  requestPrice: AmountView;
  couponAllTotalPrice: AmountView;
  usedPoint: Yen;
  additionalFeeToUser: Yen;
  taxSummary: TaxSummaryView[];
  /** RMS's own figures where ours differ (e.g. while an edit is on its way to RMS). */
  rmsDiscrepancies: { field: string; ours: AmountView; rms: AmountView }[];
  buyer: Buyer;
  settlement: Settlement;
  deliveryName: string;
  packages: PackageView[];
  coupons: Coupon[];
  wrappings: Wrapping[];
  deliveryDate: LocalDate | null;
  shippingTerm: number | null;
  plannedShipDate: LocalDate | null;
  reductionReason: number | null;
  remarks: string | null;
  memo: string | null;
}

const n = amountToNullable;
const instant = (at: Date | null): string | null => (at === null ? null : toJstIso(at));

export function toOrderView(order: Order, now: Date, options?: TotalsOptions): OrderView {
  const totals = computeTotals(order, options);
  const deadline = confirmationDeadline(order.orderedAt);
  return {
    orderNumber: order.orderNumber,
    shopCode: order.shopCode,
    status: order.status,
    statusLabel: STATUS_LABELS[order.status].ja,
    statusBeforeHold: order.statusBeforeHold,
    rmsProgress: order.rmsProgress,
    rmsProgressLabel: RMS_PROGRESS_LABELS[order.rmsProgress],
    subStatusId: order.subStatusId,
    subStatusName: order.subStatusName,
    orderedAt: toJstIso(order.orderedAt),
    confirmationDeadline: toJstIso(deadline),
    deadline: deadlineStatus(deadline, now),
    awaitsConfirmation: awaitsConfirmation(order.status, order.statusBeforeHold),
    confirmedAt: instant(order.confirmedAt),
    shippingReportedAt: instant(order.shippingReportedAt),
    version: order.version,
    goodsPrice: n(totals.goodsPrice),
    postagePrice: n(totals.postagePrice),
    deliveryPrice: n(totals.deliveryPrice),
    paymentCharge: n(totals.paymentCharge),
    paymentChargeTaxRate: order.paymentChargeTaxRate,
    totalPrice: n(totals.totalPrice),
    requestPrice: n(totals.requestPrice),
    couponAllTotalPrice: n(totals.couponAllTotalPrice),
    usedPoint: order.usedPoint,
    additionalFeeToUser: order.additionalFeeToUser,
    taxSummary: totals.taxSummary.map(taxSummaryView),
    rmsDiscrepancies: discrepanciesWithRms(order, totals).map((d) => ({ field: d.field, ours: n(d.ours), rms: n(d.rms) })),
    buyer: order.buyer,
    settlement: order.settlement,
    deliveryName: order.deliveryName,
    packages: order.packages.map((pkg, i) => {
      const pt = totals.packages[i] as PackageTotals;
      return {
        basketId: pkg.basketId,
        postagePrice: n(pkg.postagePrice),
        postageTaxRate: pkg.postageTaxRate,
        deliveryPrice: n(pkg.deliveryPrice),
        deliveryTaxRate: pkg.deliveryTaxRate,
        goodsPrice: n(pt.goodsPrice),
        totalPrice: n(pt.totalPrice),
        recipient: pkg.recipient,
        defaultDeliveryCompany: pkg.defaultDeliveryCompany,
        items: pkg.items.map(itemView),
        shipments: [...pkg.shipments],
      };
    }),
    coupons: [...order.coupons],
    wrappings: [...order.wrappings],
    deliveryDate: order.deliveryDate,
    shippingTerm: order.shippingTerm,
    plannedShipDate: order.plannedShipDate,
    reductionReason: order.reductionReason,
    remarks: order.remarks,
    memo: order.memo,
  };
}

function itemView(item: Item): ItemView {
  return {
    itemDetailId: item.itemDetailId,
    itemId: item.itemId,
    itemNumber: item.itemNumber,
    manageNumber: item.manageNumber,
    name: item.name,
    price: item.price,
    priceTaxIncl: priceTaxIncluded(item.price, item.taxRate, item.taxIncluded),
    units: item.units,
    taxRate: item.taxRate,
    taxIncluded: item.taxIncluded,
    postageIncluded: item.postageIncluded,
    selectedChoice: item.selectedChoice,
    sku: item.sku,
  };
}

function taxSummaryView(row: TaxSummary): TaxSummaryView {
  return {
    taxRate: row.taxRate,
    reqPrice: n(row.reqPrice),
    reqPriceTax: n(row.reqPriceTax),
    totalPrice: n(row.totalPrice),
    paymentCharge: n(row.paymentCharge),
    couponPrice: n(row.couponPrice),
    point: n(row.point),
  };
}
