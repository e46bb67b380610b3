import { amountFromNullable, amountToNullable, type Amount } from '../domain/money.ts';
import type { Address, Buyer, Item, Order, Package, Person, Shipment } from '../domain/order.ts';
import type { RmsOperation } from '../domain/operations.ts';
import { isRmsProgress } from '../domain/status.ts';
import { transition } from '../domain/transitions.ts';
import { UNDETERMINED_AMOUNT } from './wire/amounts.ts';
import type { CancelOrderRequest } from './wire/cancel-order.ts';
import { parseDatetime } from './wire/datetime.ts';
import type { UpdateOrderMemoRequest } from './wire/memo.ts';
import type { ItemModel, OrderModel, OrdererModel, PackageModel, SenderModel, ShippingModel } from './wire/order-model.ts';
import type { ShippingRowRequest, UpdateOrderShippingRequest } from './wire/shipping.ts';
import type { UpdateOrderSenderRequest } from './wire/update-order-sender.ts';
import type { PREFECTURES } from './wire/codes.ts';

type Prefecture = (typeof PREFECTURES)[number];

/**
 * Between RMS's OrderModel (getOrder version 10) and the domain's Order, both ways. Nothing
 * else in juchu knows a wire field name.
 */
export class OrderMappingError extends Error {
  constructor(
    readonly orderNumber: string,
    message: string,
  ) {
    super(`order ${orderNumber}: ${message}`);
    this.name = 'OrderMappingError';
  }
}

/** The order as RMS has it. Local-only fields are blank; applyRmsSnapshot keeps ours. */
export function toDomainOrder(model: OrderModel, shopCode: string): Order {
  const fail = (message: string): never => {
    throw new OrderMappingError(model.orderNumber, message);
  };
  const progress = model.orderProgress;
  if (!isRmsProgress(progress)) return fail(`unknown orderProgress ${progress}`);
  const instant = (text: string | null, field: string): Date | null => {
    if (text === null) return null;
    return parseDatetime(text) ?? fail(`${field} is not a datetime: ${text}`);
  };
  const imported = transition(null, { type: 'imported', progress });
  if (!imported.ok) return fail('cannot be imported');
  const settlement = model.SettlementModel;
  return {
    orderNumber: model.orderNumber,
    shopCode,
    status: imported.state.status,
    statusBeforeHold: null,
    rmsProgress: progress,
    subStatusId: model.subStatusId,
    subStatusName: model.subStatusName,
    orderedAt: instant(model.orderDatetime, 'orderDatetime') as Date,
    confirmedAt: instant(model.shopOrderCfmDatetime, 'shopOrderCfmDatetime'),
    fixedAt: instant(model.orderFixDatetime, 'orderFixDatetime'),
    shippingReportedAt: instant(model.shippingCmplRptDatetime, 'shippingCmplRptDatetime'),
    buyer: toBuyer(model.OrdererModel),
    settlement: settlement
      ? {
          methodCode: settlement.settlementMethodCode,
          methodName: settlement.settlementMethod,
          rakutenPay: settlement.rpaySettlementFlag === 1,
          cardName: settlement.cardName,
        }
      : { methodCode: 0, methodName: '', rakutenPay: true, cardName: null },
    deliveryName: model.DeliveryModel.deliveryName,
    deliveryClass: model.DeliveryModel.deliveryClass ?? null,
    packages: model.PackageModelList.map(toPackage),
    coupons: (model.CouponModelList ?? []).map((c) => ({
      couponCode: c.couponCode,
      name: c.couponName,
      capitalCode: c.couponCapitalCode,
      price: c.couponPrice ?? 0,
      units: c.couponUnit ?? 0,
      itemDetailId: c.itemDetailId,
    })),
    wrappings: [model.WrappingModel1, model.WrappingModel2].flatMap((w) =>
      w
        ? [
            {
              title: w.title === 2 ? ('ribbon' as const) : ('paper' as const),
              name: w.name,
              price: w.price ?? 0,
              taxRate: w.taxRate,
              taxIncluded: w.includeTaxFlag === 1,
            },
          ]
        : [],
    ),
    usedPoint: model.PointModel?.usedPoint ?? 0,
    paymentCharge: toAmount(model.paymentCharge),
    paymentChargeTaxRate: model.paymentChargeTaxRate,
    additionalFeeToUser: model.additionalFeeOccurAmountToUser,
    deliveryDate: model.deliveryDate,
    shippingTerm: model.shippingTerm,
    plannedShipDate: null,
    reductionReason: null,
    remarks: model.remarks,
    memo: model.memo,
    remoteIsland: model.isolatedIslandFlag === 1,
    changeReasons: (model.ChangeReasonModelList ?? []).map((r) => ({
      changeId: r.changeId,
      changeType: r.changeType,
      changeTypeDetail: r.changeTypeDetail,
      changeReason: r.changeReason,
      changeReasonDetail: r.changeReasonDetail,
      appliedAt: instant(r.changeApplyDatetime, 'changeApplyDatetime'),
      fixedAt: instant(r.changeFixDatetime, 'changeFixDatetime'),
      completedAt: instant(r.changeCmplDatetime, 'changeCmplDatetime'),
    })),
    rmsAmounts: {
      goodsPrice: toAmount(model.goodsPrice),
      postagePrice: toAmount(model.postagePrice),
      deliveryPrice: toAmount(model.deliveryPrice),
      paymentCharge: toAmount(model.paymentCharge),
      totalPrice: toAmount(model.totalPrice),
      requestPrice: toAmount(model.requestPrice),
    },
    gift: model.giftCheckFlag === 1,
    rmsTaxSummary: (model.TaxSummaryModelList ?? []).map((t) => ({
      taxRate: t.taxRate,
      reqPrice: toAmount(t.reqPrice),
      reqPriceTax: toAmount(t.reqPriceTax),
      totalPrice: toAmount(t.totalPrice),
      paymentCharge: toAmount(t.paymentCharge),
      couponPrice: toAmount(t.couponPrice),
      point: toAmount(t.point),
    })),
    version: 0,
  };
}

export function toAmount(wire: number): Amount {
  return amountFromNullable(wire === UNDETERMINED_AMOUNT ? null : wire);
}

export function fromAmount(amount: Amount): number {
  return amountToNullable(amount) ?? UNDETERMINED_AMOUNT;
}

function joinZip(zip1: string | null, zip2: string | null): string {
  return [zip1, zip2].filter((p) => p).join('-');
}

function joinPhone(parts: readonly (string | null)[]): string {
  return parts.filter((p) => p).join('-');
}

function toAddress(m: OrdererModel | SenderModel): Address {
  return {
    zipCode: joinZip(m.zipCode1, m.zipCode2),
    prefecture: m.prefecture ?? '',
    city: m.city ?? '',
    subAddress: m.subAddress ?? '',
  };
}

function toPerson(m: OrdererModel | SenderModel): Person {
  return {
    familyName: m.familyName ?? '',
    firstName: m.firstName,
    familyNameKana: m.familyNameKana,
    firstNameKana: m.firstNameKana,
    phoneNumber: joinPhone([m.phoneNumber1, m.phoneNumber2, m.phoneNumber3]),
    address: toAddress(m),
  };
}

function toBuyer(m: OrdererModel): Buyer {
  return { ...toPerson(m), emailAddress: m.emailAddress ?? '' };
}

function toItem(m: ItemModel): Item {
  const sku = m.SkuModelList[0];
  return {
    itemDetailId: m.itemDetailId,
    itemId: m.itemId,
    itemNumber: m.itemNumber ?? '',
    manageNumber: m.manageNumber,
    name: m.itemName,
    price: m.price,
    units: m.units,
    taxRate: m.taxRate,
    taxIncluded: m.includeTaxFlag === 1,
    postageIncluded: m.includePostageFlag === 1,
    selectedChoice: m.selectedChoice,
    sku: sku ? { variantId: sku.variantId ?? '', merchantDefinedSkuId: sku.merchantDefinedSkuId, skuInfo: sku.skuInfo } : null,
  };
}

function toShipment(m: ShippingModel): Shipment {
  return {
    shippingDetailId: m.shippingDetailId,
    deliveryCompany: m.deliveryCompany ?? '',
    shippingNumber: m.shippingNumber || null,
    shippingDate: m.shippingDate || null,
  };
}

function toPackage(m: PackageModel): Package {
  return {
    basketId: m.basketId,
    postagePrice: toAmount(m.postagePrice),
    postageTaxRate: m.postageTaxRate,
    deliveryPrice: toAmount(m.deliveryPrice),
    deliveryTaxRate: m.deliveryTaxRate,
    recipient: toPerson(m.SenderModel),
    defaultDeliveryCompany: m.defaultDeliveryCompanyCode,
    items: m.ItemModelList.map(toItem),
    shipments: m.ShippingModelList.map(toShipment),
    noshi: m.noshi,
  };
}

// ---------------------------------------------------------------------------------------
// Requests. Each is built from the order as RMS has it right now (a fresh getOrder) with our
// changes laid over it, because RMS wants whole packages back and keeps fields we do not model
// (のし, 置き配, SKU details, 代引手数料込み flags…) that must survive the round trip.

/** updateOrderSender for 送料・手数料連携 and 注文明細変更: RMS's packages with our amounts. */
export function senderUpdateRequest(current: OrderModel, order: Order, reductionReason: number | null): UpdateOrderSenderRequest {
  const ours = new Map(order.packages.map((p) => [p.basketId, p]));
  const coupons = current.CouponModelList ?? [];
  return {
    orderNumber: current.orderNumber,
    ...(reductionReason !== null ? { reductionReason } : {}),
    PackageModelList: current.PackageModelList.map((wire) => {
      const local = ours.get(wire.basketId);
      const items = new Map(local?.items.map((i) => [i.itemDetailId, i]));
      return {
        basketId: wire.basketId,
        postagePrice: local ? fromAmount(local.postagePrice) : wire.postagePrice,
        postageTaxRate: wire.postageTaxRate,
        deliveryPrice: local ? fromAmount(local.deliveryPrice) : wire.deliveryPrice,
        deliveryTaxRate: wire.deliveryTaxRate,
        noshi: wire.noshi,
        SenderModel: senderOf(wire.SenderModel),
        ItemModelList: wire.ItemModelList.map((item) => {
          const mine = items.get(item.itemDetailId);
          return {
            itemDetailId: item.itemDetailId,
            itemName: item.itemName,
            itemNumber: item.itemNumber,
            price: mine?.price ?? item.price,
            taxRate: item.taxRate,
            units: mine?.units ?? item.units,
            includePostageFlag: item.includePostageFlag,
            includeTaxFlag: item.includeTaxFlag,
            includeCashOnDeliveryPostageFlag: item.includeCashOnDeliveryPostageFlag,
            selectedChoice: item.selectedChoice,
            SkuModelList: item.SkuModelList.map((s) => ({
              variantId: s.variantId,
              merchantDefinedSkuId: s.merchantDefinedSkuId,
              skuInfo: s.skuInfo,
            })),
          };
        }),
      };
    }),
    ...(coupons.length > 0
      ? {
          CouponModelList: coupons.map((c) => ({
            couponCode: c.couponCode,
            couponPrice: c.couponPrice ?? 0,
            couponUnit: c.couponUnit ?? 0,
            itemId: c.itemId,
          })),
        }
      : {}),
  };
}

function senderOf(s: SenderModel) {
  return {
    zipCode1: s.zipCode1,
    zipCode2: s.zipCode2,
    prefecture: s.prefecture as Prefecture | null,
    city: s.city,
    subAddress: s.subAddress,
    familyName: s.familyName ?? '',
    firstName: s.firstName,
    familyNameKana: s.familyNameKana,
    firstNameKana: s.firstNameKana,
    phoneNumber1: s.phoneNumber1,
    phoneNumber2: s.phoneNumber2,
    phoneNumber3: s.phoneNumber3,
  };
}

/** True when RMS already holds every amount and line of the edit (so it must not be sent again). */
export function senderUpdateApplied(current: OrderModel, order: Order): boolean {
  return order.packages.every((local) => {
    const wire = current.PackageModelList.find((p) => p.basketId === local.basketId);
    if (!wire) return false;
    if (wire.postagePrice !== fromAmount(local.postagePrice) || wire.deliveryPrice !== fromAmount(local.deliveryPrice)) return false;
    return local.items.every((item) => {
      const w = wire.ItemModelList.find((i) => i.itemDetailId === item.itemDetailId);
      return w !== undefined && w.price === item.price && w.units === item.units;
    });
  });
}

type ShippingOperation = Extract<RmsOperation, { kind: 'syncPlannedShipDate' | 'syncShippingReport' }>;

/**
 * updateOrderShipping for 出荷予定日連携 and 出荷報告. A planned ship date lives in a row without
 * a tracking number; later dates update that row (its shippingDetailId) rather than adding
 * rows, and the shipping report fills it in — a row left blank would hold the order in 300.
 */
export function shippingUpdateRequest(current: OrderModel, operation: ShippingOperation): UpdateOrderShippingRequest {
  const wire = current.PackageModelList.find((p) => p.basketId === operation.basketId);
  const planned = wire?.ShippingModelList.find((row) => !row.shippingNumber);
  const row: ShippingRowRequest =
    operation.kind === 'syncPlannedShipDate'
      ? { deliveryCompany: operation.deliveryCompany, shippingDate: operation.shippingDate }
      : {
          deliveryCompany: operation.deliveryCompany,
          shippingDate: operation.shippingDate,
          ...(operation.shippingNumber !== null ? { shippingNumber: operation.shippingNumber } : {}),
        };
  return {
    orderNumber: current.orderNumber,
    BasketidModelList: [
      {
        basketId: operation.basketId,
        ShippingModelList: [planned ? { shippingDetailId: planned.shippingDetailId, ...row } : row],
      },
    ],
  };
}

/**
 * One updateOrderShipping body for several parcels of one order (an order in three boxes is
 * one request, not three), or for its 出荷予定日 (a row without a tracking number). Rows are grouped by basket in the order given; a basket's rows
 * left without a tracking number (the planned ship date) are filled in first, one parcel
 * each, and the rest are added. `dataNumbers[i]` is the 1-based position RMS gives
 * `operations[i]`'s row in its messages (counted across baskets in request order).
 */
export function mergedShippingRequest(current: OrderModel, operations: readonly ShippingOperation[]): { request: UpdateOrderShippingRequest; dataNumbers: number[] } {
  const baskets: number[] = [];
  for (const op of operations) if (!baskets.includes(op.basketId)) baskets.push(op.basketId);
  const dataNumbers: number[] = new Array<number>(operations.length);
  let position = 0;
  const BasketidModelList = baskets.map((basketId) => {
    const wire = current.PackageModelList.find((p) => p.basketId === basketId);
    const blanks = (wire?.ShippingModelList ?? []).filter((row) => !row.shippingNumber);
    const rows: ShippingRowRequest[] = [];
    operations.forEach((op, i) => {
      if (op.basketId !== basketId) return;
      const row: ShippingRowRequest = {
        deliveryCompany: op.deliveryCompany,
        shippingDate: op.shippingDate,
        ...(op.kind === 'syncShippingReport' && op.shippingNumber !== null ? { shippingNumber: op.shippingNumber } : {}),
      };
      const blank = blanks.shift();
      rows.push(blank ? { shippingDetailId: blank.shippingDetailId, ...row } : row);
      dataNumbers[i] = ++position;
    });
    return { basketId, ShippingModelList: rows };
  });
  return { request: { orderNumber: current.orderNumber, BasketidModelList }, dataNumbers };
}

export function shippingUpdateApplied(current: OrderModel, operation: ShippingOperation): boolean {
  const wire = current.PackageModelList.find((p) => p.basketId === operation.basketId);
  return (wire?.ShippingModelList ?? []).some(
    (row) =>
      row.shippingDate === operation.shippingDate &&
      row.deliveryCompany === operation.deliveryCompany &&
      (operation.kind === 'syncPlannedShipDate' || (row.shippingNumber || null) === operation.shippingNumber),
  );
}

type DeliveryOperation = Extract<RmsOperation, { kind: 'syncDeliveryDateTime' }>;

/** updateOrderMemo for お届け日・時間帯更新: only the two keys, so nothing else is touched. */
export function deliveryUpdateRequest(orderNumber: string, operation: DeliveryOperation): UpdateOrderMemoRequest {
  return { orderNumber, deliveryDate: operation.deliveryDate, shippingTerm: operation.shippingTerm };
}

export function deliveryUpdateApplied(current: OrderModel, operation: DeliveryOperation): boolean {
  return current.deliveryDate === operation.deliveryDate && current.shippingTerm === operation.shippingTerm;
}

/** Inventory follows the item's own setting (0), as a cancel from the RMS screen does. */
export const CANCEL_INVENTORY_RESTORE_TYPE = 0;

export function cancelRequest(orderNumber: string, reason: number): CancelOrderRequest {
  return { orderNumber, inventoryRestoreType: CANCEL_INVENTORY_RESTORE_TYPE, changeReasonDetailApply: reason };
}

/** RMS progress 800/900: the cancel was taken (or Rakuten cancelled on its own). */
export function isCancelledInRms(current: OrderModel): boolean {
  return current.orderProgress === 800 || current.orderProgress === 900;
}
