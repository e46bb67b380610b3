import { z } from 'zod';
import { wireDate, wireDatetime } from './datetime.ts';

/**
 * getOrder version 10 OrderModel and its sub-models (reference §5), as RMS sends them.
 * Objects are loose so that a field Rakuten adds later does not break a client; nullable
 * fields are present with `null`, never omitted.
 */
const int = z.number().int();
const money = int; // yen, or UNDETERMINED_AMOUNT
const rate = z.number();
const text = z.string();

/** The name, address and phone fields that the buyer (Orderer) and a recipient (Sender) share. */
const personFields = {
  zipCode1: text.nullable(),
  zipCode2: text.nullable(),
  prefecture: text.nullable(),
  city: text.nullable(),
  subAddress: text.nullable(),
  familyName: text.nullable(),
  firstName: text.nullable(),
  familyNameKana: text.nullable(),
  firstNameKana: text.nullable(),
  phoneNumber1: text.nullable(),
  phoneNumber2: text.nullable(),
  phoneNumber3: text.nullable(),
};

export const ordererModelSchema = z.looseObject({
  ...personFields,
  emailAddress: text.nullable(),
  sex: text.nullable(),
  birthYear: int.nullable(),
  birthMonth: int.nullable(),
  birthDay: int.nullable(),
});
export type OrdererModel = z.infer<typeof ordererModelSchema>;

export const senderModelSchema = z.looseObject({
  ...personFields,
  isolatedIslandFlag: int,
});
export type SenderModel = z.infer<typeof senderModelSchema>;

export const settlementModelSchema = z.looseObject({
  settlementMethodCode: int,
  settlementMethod: text,
  rpaySettlementFlag: int,
  cardName: text.nullable(),
  cardNumber: text.nullable(),
  cardOwner: text.nullable(),
  cardYm: text.nullable(),
  cardPayType: int.nullable(),
  cardInstallmentDesc: text.nullable(),
});
export type SettlementModel = z.infer<typeof settlementModelSchema>;

export const deliveryModelSchema = z.looseObject({ deliveryName: text, deliveryClass: int.nullable() });
export type DeliveryModel = z.infer<typeof deliveryModelSchema>;

export const pointModelSchema = z.looseObject({ usedPoint: int });
export type PointModel = z.infer<typeof pointModelSchema>;

export const wrappingModelSchema = z.looseObject({
  title: int,
  name: text,
  price: money.nullable(),
  includeTaxFlag: int,
  deleteWrappingFlag: int,
  taxRate: rate,
  taxPrice: money,
});
export type WrappingModel = z.infer<typeof wrappingModelSchema>;

export const skuModelSchema = z.looseObject({
  variantId: text.nullable(),
  merchantDefinedSkuId: text.nullable(),
  skuInfo: text.nullable(),
});
export type SkuModel = z.infer<typeof skuModelSchema>;

export const itemModelSchema = z.looseObject({
  itemDetailId: int,
  itemName: text,
  itemId: int,
  itemNumber: text.nullable(),
  manageNumber: text.nullable(),
  price: money,
  units: int,
  includePostageFlag: int,
  includeTaxFlag: int,
  includeCashOnDeliveryPostageFlag: int,
  selectedChoice: text.nullable(),
  pointRate: int,
  pointType: int,
  inventoryType: int,
  delvdateInfo: text.nullable(),
  restoreInventoryFlag: int,
  dealFlag: int,
  drugFlag: int,
  deleteItemFlag: int,
  taxRate: rate,
  priceTaxIncl: money,
  isSingleItemShipping: int,
  SkuModelList: z.array(skuModelSchema),
});
export type ItemModel = z.infer<typeof itemModelSchema>;

export const shippingModelSchema = z.looseObject({
  shippingDetailId: int,
  shippingNumber: text.nullable(),
  deliveryCompany: text.nullable(),
  deliveryCompanyName: text.nullable(),
  shippingDate: wireDate.nullable(),
});
export type ShippingModel = z.infer<typeof shippingModelSchema>;

export const deliveryCvsModelSchema = z.looseObject({
  cvsCode: int.nullable(),
  storeGenreCode: text.nullable(),
  storeCode: text.nullable(),
  storeName: text.nullable(),
  storeZip: text.nullable(),
  storePrefecture: text.nullable(),
  storeAddress: text.nullable(),
  areaCode: text.nullable(),
  depo: text.nullable(),
  openTime: text.nullable(),
  closeTime: text.nullable(),
  cvsRemarks: text.nullable(),
});
export type DeliveryCvsModel = z.infer<typeof deliveryCvsModelSchema>;

export const socialGiftModelSchema = z.looseObject({
  sgMngNumber: text,
  inputDueDate: wireDate.nullable(),
  inputFlag: int,
  inputCompDatetime: wireDatetime.nullable(),
  receiverEmailAddress: text.nullable(),
});
export type SocialGiftModel = z.infer<typeof socialGiftModelSchema>;

export const packageModelSchema = z.looseObject({
  basketId: int,
  postagePrice: money,
  postageTaxRate: rate,
  deliveryPrice: money,
  deliveryTaxRate: rate,
  goodsPrice: money,
  totalPrice: money,
  noshi: text.nullable(),
  packageDeleteFlag: int,
  SenderModel: senderModelSchema,
  ItemModelList: z.array(itemModelSchema),
  ShippingModelList: z.array(shippingModelSchema),
  DeliveryCvsModel: deliveryCvsModelSchema.nullable(),
  defaultDeliveryCompanyCode: text.nullable(),
  dropOffFlag: int,
  dropOffLocation: text.nullable(),
  SocialGiftModel: socialGiftModelSchema.nullable(),
});
export type PackageModel = z.infer<typeof packageModelSchema>;

export const couponModelSchema = z.looseObject({
  couponCode: text,
  itemId: int,
  couponName: text,
  couponSummary: text,
  couponCapital: text,
  couponCapitalCode: int,
  expiryDate: wireDate.nullable(),
  couponPrice: money.nullable(),
  couponUnit: int.nullable(),
  couponTotalPrice: money,
  itemDetailId: int,
});
export type CouponModel = z.infer<typeof couponModelSchema>;

export const changeReasonModelSchema = z.looseObject({
  changeId: int,
  changeType: int,
  changeTypeDetail: int.nullable(),
  changeReason: int.nullable(),
  changeReasonDetail: int.nullable(),
  changeApplyDatetime: wireDatetime.nullable(),
  changeFixDatetime: wireDatetime.nullable(),
  changeCmplDatetime: wireDatetime.nullable(),
});
export type ChangeReasonModel = z.infer<typeof changeReasonModelSchema>;

export const taxSummaryModelSchema = z.looseObject({
  taxRate: rate,
  reqPrice: money,
  reqPriceTax: money,
  totalPrice: money,
  paymentCharge: money,
  couponPrice: money,
  point: money,
});
export type TaxSummaryModel = z.infer<typeof taxSummaryModelSchema>;

export const dueDateModelSchema = z.looseObject({ dueDateType: int, dueDate: wireDate });
export type DueDateModel = z.infer<typeof dueDateModelSchema>;

export const orderModelSchema = z.looseObject({
  orderNumber: text,
  orderProgress: int,
  subStatusId: int.nullable(),
  subStatusName: text.nullable(),
  orderDatetime: wireDatetime,
  shopOrderCfmDatetime: wireDatetime.nullable(),
  orderFixDatetime: wireDatetime.nullable(),
  shippingInstDatetime: wireDatetime.nullable(),
  shippingCmplRptDatetime: wireDatetime.nullable(),
  cancelDueDate: wireDate.nullable(),
  deliveryDate: wireDate.nullable(),
  shippingTerm: int.nullable(),
  remarks: text.nullable(),
  giftCheckFlag: int,
  socialGiftFlag: int,
  severalSenderFlag: int,
  equalSenderFlag: int,
  isolatedIslandFlag: int,
  rakutenMemberFlag: int,
  carrierCode: int,
  emailCarrierCode: int,
  orderType: int,
  reserveNumber: text.nullable(),
  reserveDeliveryCount: int.nullable(),
  cautionDisplayType: int,
  cautionDisplayDetailType: int.nullable(),
  rakutenConfirmFlag: int,
  goodsPrice: money,
  postagePrice: money,
  deliveryPrice: money,
  paymentCharge: money,
  paymentChargeTaxRate: rate,
  totalPrice: money,
  requestPrice: money,
  couponAllTotalPrice: money,
  couponShopPrice: money,
  couponOtherPrice: money,
  additionalFeeOccurAmountToUser: money,
  additionalFeeOccurAmountToShop: money,
  asurakuFlag: int,
  drugFlag: int,
  dealFlag: int,
  membershipType: int,
  memo: text.nullable(),
  operator: text.nullable(),
  mailPlugSentence: text.nullable(),
  modifyFlag: int,
  receiptIssueCount: int,
  receiptIssueHistoryList: z.array(wireDatetime).nullable(),
  OrdererModel: ordererModelSchema,
  SettlementModel: settlementModelSchema.nullable(),
  DeliveryModel: deliveryModelSchema,
  PointModel: pointModelSchema.nullable(),
  WrappingModel1: wrappingModelSchema.nullable(),
  WrappingModel2: wrappingModelSchema.nullable(),
  PackageModelList: z.array(packageModelSchema),
  CouponModelList: z.array(couponModelSchema).nullable(),
  ChangeReasonModelList: z.array(changeReasonModelSchema).nullable(),
  TaxSummaryModelList: z.array(taxSummaryModelSchema).nullable(),
  DueDateModelList: z.array(dueDateModelSchema).nullable(),
  deliveryCertPrgFlag: int,
  oneDayOperationFlag: int,
});
export type OrderModel = z.infer<typeof orderModelSchema>;
