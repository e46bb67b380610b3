import type { z } from 'zod';
import {
  CHANGE_TYPE,
  CHANGE_TYPE_DETAIL,
  formatDatetime,
  messageCode,
  ORDER_PROGRESS,
  PAYMENT_STATUS,
  SENDER_ERRORS,
  SETTLEMENT,
  SETTLEMENT_METHODS,
  UNDETERMINED_AMOUNT,
  updateOrderSenderAfterShippingRequestSchema,
  updateOrderSenderRequestSchema,
  type MessageModel,
  type OrderModel,
  type PackageModel,
  type WrappingModel,
} from '../../rms/wire/index.ts';
import { recalculate } from '../amounts.ts';
import { parkAfterAmountChange } from '../lifecycle.ts';
import { addChange, reasonSide, SENDER_EDITABLE, SENDER_EDITABLE_AFTER_SHIPPING } from '../order-changes.ts';
import { afterShippingInfoChanged } from '../shipping-rules.ts';
import type { SandboxOrder } from '../order-record.ts';
import { errorMessage, validate } from '../validation.ts';
import { messagesResult, withEditableOrder, type OperationContext, type OperationResult } from './context.ts';

type SenderOperation = 'updateOrderSender' | 'updateOrderSenderAfterShipping';
type SenderUpdate = z.output<typeof updateOrderSenderRequestSchema>;
type PackageUpdate = SenderUpdate['PackageModelList'][number];
type WrappingUpdate = NonNullable<SenderUpdate['WrappingModel1']>;

export function updateOrderSender(ctx: OperationContext, body: unknown): OperationResult {
  const checked = validate(updateOrderSenderRequestSchema, body, 'updateOrderSender');
  if (!checked.ok) return messagesResult(400, checked.messages, [], false);
  return applySenderUpdate(ctx, 'updateOrderSender', checked.value, SENDER_EDITABLE);
}

export function updateOrderSenderAfterShipping(ctx: OperationContext, body: unknown): OperationResult {
  const checked = validate(updateOrderSenderAfterShippingRequestSchema, body, 'updateOrderSenderAfterShipping');
  if (!checked.ok) return messagesResult(400, checked.messages, [], false);
  return applySenderUpdate(ctx, 'updateOrderSenderAfterShipping', checked.value, SENDER_EDITABLE_AFTER_SHIPPING);
}

/**
 * Edits are made on a copy and committed only if the whole request is acceptable, so a
 * refused request changes nothing. A lower billed amount needs `reductionReason`; every
 * amount change is recorded as a ChangeReasonModel row (減額 / 増額).
 */
function applySenderUpdate(ctx: OperationContext, operation: SenderOperation, update: SenderUpdate, allowed: readonly number[]): OperationResult {
  return withEditableOrder(ctx, operation, update.orderNumber, allowed, (order) => {
    const draft = structuredClone(order.model);
    const errors: MessageModel[] = [];
    const fail = (parameter: string, missing = false) => errors.push(errorMessage(operation, missing, parameter, { orderNumber: order.orderNumber }));

    for (const pkgUpdate of update.PackageModelList) {
      const pkg = draft.PackageModelList.find((p) => p.basketId === pkgUpdate.basketId);
      if (!pkg) fail('basketId');
      else applyPackage(pkg, pkgUpdate, fail, errors, operation, order.orderNumber);
    }
    applyWrapping(draft, 'WrappingModel1', update.WrappingModel1);
    applyWrapping(draft, 'WrappingModel2', update.WrappingModel2);
    for (const c of update.CouponModelList ?? []) {
      const coupon = draft.CouponModelList?.find((existing) => existing.couponCode === c.couponCode && existing.itemId === c.itemId);
      if (!coupon) fail('couponCode');
      else if (coupon.couponUnit !== null && c.couponUnit > coupon.couponUnit) fail('couponUnit');
      else Object.assign(coupon, { couponPrice: c.couponPrice, couponUnit: c.couponUnit });
    }
    const methodChanged = 'afterSettlementMethodCode' in update && update.afterSettlementMethodCode != null;
    if (methodChanged) changeSettlementMethod(order, draft, update as SenderUpdate, fail, errors, operation);
    if (errors.length > 0) return errors;

    recalculate(draft, ctx.state.settings);
    const before = order.model;
    const comparable = before.requestPrice !== UNDETERMINED_AMOUNT && draft.requestPrice !== UNDETERMINED_AMOUNT;
    const [was, now] = comparable ? [before.requestPrice, draft.requestPrice] : [before.goodsPrice, draft.goodsPrice];
    const reduction = now < was;
    if (reduction && update.reductionReason == null) {
      fail('reductionReason', true);
      return errors;
    }
    order.model = draft;
    if (now !== was || methodChanged) recordChange(ctx, order, reduction, now !== was, methodChanged, update.reductionReason ?? null);
    if (methodChanged) restartPayment(ctx, order);
    afterShippingInfoChanged(ctx.state, order, ctx.now);
  });
}

function applyPackage(
  pkg: PackageModel,
  u: PackageUpdate,
  fail: (parameter: string, missing?: boolean) => void,
  errors: MessageModel[],
  operation: SenderOperation,
  orderNumber: string,
): void {
  if (u.postagePrice != null) pkg.postagePrice = u.postagePrice;
  pkg.postageTaxRate = u.postageTaxRate;
  if (u.deliveryPrice != null) pkg.deliveryPrice = u.deliveryPrice;
  if (u.deliveryTaxRate != null) pkg.deliveryTaxRate = u.deliveryTaxRate;
  if (u.noshi !== undefined) pkg.noshi = u.noshi;
  if (u.packageDeleteFlag != null) pkg.packageDeleteFlag = u.packageDeleteFlag;
  const s = u.SenderModel;
  Object.assign(pkg.SenderModel, {
    zipCode1: s.zipCode1 ?? null,
    zipCode2: s.zipCode2 ?? null,
    prefecture: s.prefecture ?? null,
    city: s.city ?? null,
    subAddress: s.subAddress ?? null,
    familyName: s.familyName,
    firstName: s.firstName ?? null,
    familyNameKana: s.familyNameKana ?? null,
    firstNameKana: s.firstNameKana ?? null,
    phoneNumber1: s.phoneNumber1 ?? null,
    phoneNumber2: s.phoneNumber2 ?? null,
    phoneNumber3: s.phoneNumber3 ?? null,
  });
  if (u.dropOffLocation !== undefined) {
    const none = u.dropOffLocation === null || u.dropOffLocation === '' || u.dropOffLocation === '利用しない';
    pkg.dropOffFlag = none ? 0 : 1;
    pkg.dropOffLocation = none ? null : u.dropOffLocation;
  }
  for (const i of u.ItemModelList) {
    const item = pkg.ItemModelList.find((existing) => existing.itemDetailId === i.itemDetailId);
    if (!item) {
      fail('itemDetailId');
      continue;
    }
    Object.assign(item, {
      itemName: i.itemName,
      price: i.price,
      taxRate: i.taxRate,
      units: i.units,
      includePostageFlag: i.includePostageFlag,
      includeTaxFlag: i.includeTaxFlag,
      includeCashOnDeliveryPostageFlag: i.includeCashOnDeliveryPostageFlag,
    });
    if (i.itemNumber !== undefined) item.itemNumber = i.itemNumber;
    if (i.selectedChoice !== undefined) item.selectedChoice = i.selectedChoice;
    if (i.restoreInventoryFlag != null) item.restoreInventoryFlag = i.restoreInventoryFlag;
    if (i.deleteItemFlag != null) item.deleteItemFlag = i.deleteItemFlag;
    const isMultiSku = item.SkuModelList.some((sku) => sku.skuInfo !== null);
    for (const [index, skuUpdate] of (i.SkuModelList ?? []).entries()) {
      const sku = item.SkuModelList[index];
      if (!sku || (skuUpdate.variantId != null && skuUpdate.variantId !== sku.variantId)) fail('variantId');
      else if (isMultiSku && !skuUpdate.skuInfo) {
        errors.push({ messageType: 'ERROR', messageCode: messageCode(operation, 'ERROR', SENDER_ERRORS.multiSkuNeedsSkuInfo.number), message: SENDER_ERRORS.multiSkuNeedsSkuInfo.text, orderNumber });
      } else {
        if (skuUpdate.merchantDefinedSkuId !== undefined) sku.merchantDefinedSkuId = skuUpdate.merchantDefinedSkuId;
        if (skuUpdate.skuInfo !== undefined) sku.skuInfo = skuUpdate.skuInfo;
      }
    }
  }
}

function applyWrapping(draft: OrderModel, key: 'WrappingModel1' | 'WrappingModel2', u: WrappingUpdate | null | undefined): void {
  if (!u) return;
  if (u.deleteWrappingFlag === 1) {
    draft[key] = null;
    return;
  }
  const wrapping: WrappingModel = {
    title: u.title,
    name: u.name,
    price: u.price ?? 0,
    includeTaxFlag: u.includeTaxFlag,
    deleteWrappingFlag: 0,
    taxRate: u.taxRate,
    taxPrice: 0, // set by recalculate
  };
  draft[key] = wrapping;
}

/** Payment method: only in 100 or after a failed payment step (30400); COD needs its fee. */
function changeSettlementMethod(
  order: SandboxOrder,
  draft: OrderModel,
  update: SenderUpdate,
  fail: (parameter: string) => void,
  errors: MessageModel[],
  operation: SenderOperation,
): void {
  const code = update.afterSettlementMethodCode as number;
  if (order.model.orderProgress !== ORDER_PROGRESS.awaitingConfirmation && order.payment.status !== PAYMENT_STATUS.procNg) {
    fail('afterSettlementMethodCode');
    return;
  }
  if (code === SETTLEMENT.cashOnDelivery && update.PackageModelList.some((p) => p.deliveryPrice == null)) {
    errors.push({ messageType: 'ERROR', messageCode: messageCode(operation, 'ERROR', SENDER_ERRORS.codNeedsDeliveryPrice.number), message: SENDER_ERRORS.codNeedsDeliveryPrice.text, orderNumber: order.orderNumber });
    return;
  }
  const method = SETTLEMENT_METHODS[code];
  draft.SettlementModel = {
    settlementMethodCode: code,
    settlementMethod: method?.name ?? '',
    rpaySettlementFlag: method?.rpay ? 1 : 0,
    cardName: null,
    cardNumber: null,
    cardOwner: null,
    cardYm: null,
    cardPayType: null,
    cardInstallmentDesc: null,
  };
}

function recordChange(ctx: OperationContext, order: SandboxOrder, reduction: boolean, amountChanged: boolean, methodChanged: boolean, reason: number | null): void {
  const parked = amountChanged && parkAfterAmountChange(ctx.state, order, ctx.now);
  const stamp = formatDatetime(ctx.now);
  const detail = methodChanged
    ? amountChanged
      ? reduction ? CHANGE_TYPE_DETAIL.paymentMethodChangeDecrease : CHANGE_TYPE_DETAIL.paymentMethodChangeIncrease
      : CHANGE_TYPE_DETAIL.paymentMethodChange
    : reduction ? CHANGE_TYPE_DETAIL.decrease : CHANGE_TYPE_DETAIL.increase;
  addChange(ctx.state, order, {
    changeType: parked ? CHANGE_TYPE.changeRequested : CHANGE_TYPE.changeCompleted,
    changeTypeDetail: detail,
    changeReason: reduction && reason !== null ? reasonSide(reason) : null,
    changeReasonDetail: reduction ? reason : null,
    changeApplyDatetime: stamp,
    changeFixDatetime: parked ? null : stamp,
    changeCmplDatetime: parked ? null : stamp,
  });
}

/** A new payment method after a failed payment starts processing again, and the buyer will now pay. */
function restartPayment(ctx: OperationContext, order: SandboxOrder): void {
  order.plan = 'succeeds';
  if (order.model.orderProgress !== ORDER_PROGRESS.rakutenProcessing) return;
  ctx.state.unschedule(order, 'paymentProblemCancel');
  order.payment.status = order.model.SettlementModel?.rpaySettlementFlag === 1 ? PAYMENT_STATUS.procRequested : PAYMENT_STATUS.none;
  ctx.state.schedule(order, 'paymentProcessed', ctx.now.getTime() + ctx.state.settings.paymentProcessingSeconds * 1000);
}
