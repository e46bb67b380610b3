import type { Amount, Yen } from './money.ts';
import type { OrderStatus, RmsProgress } from './status.ts';
import type { OrderAutomation } from './automation/order-automation.ts';

/**
 * The order aggregate as juchu holds it. It mirrors what RMS returns (getOrder version 10)
 * in domain words, plus the local state RMS does not know: our status, hold, the planned ship
 * date we push, the 減額理由 of a pending edit and the optimistic-lock version.
 *
 * Instants are `Date` (UTC); calendar dates (`YYYY-MM-DD`, JST) are strings.
 */
export type LocalDate = string;

/** Tax rate as RMS writes it: 0, 0.08 or 0.1. */
export type TaxRate = number;

export interface Address {
  readonly zipCode: string;
  readonly prefecture: string;
  readonly city: string;
  readonly subAddress: string;
}

export interface Person {
  readonly familyName: string;
  readonly firstName: string | null;
  readonly familyNameKana: string | null;
  readonly firstNameKana: string | null;
  readonly phoneNumber: string;
  readonly address: Address;
}

export interface Buyer extends Person {
  /** Always masked by Rakuten. */
  readonly emailAddress: string;
}

export interface Settlement {
  readonly methodCode: number;
  readonly methodName: string;
  /** rpaySettlementFlag: 1 = 楽天市場の共通決済手段 (Rakuten collects), 0 = 選択制決済 (e.g. COD). */
  readonly rakutenPay: boolean;
  readonly cardName: string | null;
}

export interface Sku {
  readonly variantId: string;
  readonly merchantDefinedSkuId: string | null;
  readonly skuInfo: string | null;
}

export interface Item {
  readonly itemDetailId: number;
  readonly itemId: number;
  readonly itemNumber: string;
  readonly manageNumber: string | null;
  readonly name: string;
  /** 単価 as entered: tax included when `taxIncluded`, excluded otherwise. */
  readonly price: Yen;
  readonly units: number;
  readonly taxRate: TaxRate;
  readonly taxIncluded: boolean;
  readonly postageIncluded: boolean;
  readonly selectedChoice: string | null;
  readonly sku: Sku | null;
}

export interface Shipment {
  /** Issued by RMS; null until RMS has accepted the row. */
  readonly shippingDetailId: number | null;
  readonly deliveryCompany: string;
  readonly shippingNumber: string | null;
  readonly shippingDate: LocalDate | null;
}

export interface Package {
  readonly basketId: number;
  readonly postagePrice: Amount;
  readonly postageTaxRate: TaxRate;
  /** 代引料 (COD fee). */
  readonly deliveryPrice: Amount;
  readonly deliveryTaxRate: TaxRate;
  readonly recipient: Person;
  readonly defaultDeliveryCompany: string | null;
  readonly items: readonly Item[];
  readonly shipments: readonly Shipment[];
  /** のし as RMS has it; absent on orders stored before it was imported (migration 0011 re-reads them). */
  readonly noshi?: string | null;
}

export interface Coupon {
  readonly couponCode: string;
  readonly name: string;
  /** 1 ショップ, 2 メーカー, 3 サービス. */
  readonly capitalCode: number;
  /** Discount per unit. */
  readonly price: Yen;
  readonly units: number;
  /** 0 when the coupon applies to the whole order. */
  readonly itemDetailId: number;
}

export interface Wrapping {
  readonly title: 'paper' | 'ribbon';
  readonly name: string;
  readonly price: Yen;
  readonly taxRate: TaxRate;
  readonly taxIncluded: boolean;
}

/** A row of RMS's ChangeReasonModelList (変更・キャンセル履歴). */
export interface ChangeReason {
  readonly changeId: number;
  readonly changeType: number | null;
  readonly changeTypeDetail: number | null;
  readonly changeReason: number | null;
  readonly changeReasonDetail: number | null;
  readonly appliedAt: Date | null;
  readonly fixedAt: Date | null;
  readonly completedAt: Date | null;
}

/** RMS's own figures, kept as imported so our arithmetic can be reconciled with them. */
export interface RmsAmounts {
  readonly goodsPrice: Amount;
  readonly postagePrice: Amount;
  readonly deliveryPrice: Amount;
  readonly paymentCharge: Amount;
  readonly totalPrice: Amount;
  readonly requestPrice: Amount;
}

/** A row of RMS's TaxSummaryModelList, as RMS reported it. */
export interface RmsTaxSummary {
  readonly taxRate: TaxRate;
  /** Billed amount at this rate, tax included, before points. */
  readonly reqPrice: Amount;
  /** The tax contained in reqPrice. */
  readonly reqPriceTax: Amount;
  readonly totalPrice: Amount;
  readonly paymentCharge: Amount;
  readonly couponPrice: Amount;
  readonly point: Amount;
}

export interface Order {
  readonly orderNumber: string;
  readonly shopCode: string;
  readonly status: OrderStatus;
  /** The status to return to when a hold is released; null unless on hold. */
  readonly statusBeforeHold: OrderStatus | null;
  readonly rmsProgress: RmsProgress;
  readonly subStatusId: number | null;
  readonly subStatusName: string | null;
  readonly orderedAt: Date;
  readonly confirmedAt: Date | null;
  readonly fixedAt: Date | null;
  readonly shippingReportedAt: Date | null;
  readonly buyer: Buyer;
  readonly settlement: Settlement;
  readonly deliveryName: string;
  /**
   * DeliveryModel.deliveryClass: 0 選択なし, 1 普通, 2 冷蔵, 3 冷凍, 4–8 その他１–５; null when RMS
   * gives none. Absent in orders stored before it was imported: read it as null.
   */
  readonly deliveryClass?: number | null;
  readonly packages: readonly Package[];
  readonly coupons: readonly Coupon[];
  readonly wrappings: readonly Wrapping[];
  readonly usedPoint: Yen;
  readonly paymentCharge: Amount;
  readonly paymentChargeTaxRate: TaxRate;
  /** 注文者負担金 (e.g. 後払い手数料). */
  readonly additionalFeeToUser: Yen;
  readonly deliveryDate: LocalDate | null;
  /** お届け時間帯 in RMS's code (0 なし, 1 午前, 2 午後, 9 その他, or h1h2 like 1416). */
  readonly shippingTerm: number | null;
  readonly plannedShipDate: LocalDate | null;
  /** The 減額理由 sent with the pending edit; cleared once RMS accepted it. */
  readonly reductionReason: number | null;
  readonly remarks: string | null;
  readonly memo: string | null;
  readonly changeReasons: readonly ChangeReason[];
  readonly rmsAmounts: RmsAmounts;
  /**
   * giftCheckFlag and TaxSummaryModelList. Absent on orders stored before they were imported,
   * until the one re-read that migration 0011 queues; RMS's list is empty for orders placed
   * before 2019-07-30 that were never edited. Sorting rules read the gift flag too.
   */
  readonly gift?: boolean;
  readonly rmsTaxSummary?: readonly RmsTaxSummary[];
  /** 離島 (isolatedIslandFlag), which sorting rules read; absent on orders stored before juchu kept it. */
  readonly remoteIsland?: boolean;
  /** Why the order is on hold, by hand or by a sorting rule; null (or absent) otherwise. */
  readonly holdReason?: string | null;
  /** 作業状況: a shop-defined label's code, local to juchu; null (or absent) for none. */
  readonly workState?: string | null;
  /** What automation computed and remembers for the order (local; RMS does not know it). */
  readonly automation?: OrderAutomation;
  readonly version: number;
}
