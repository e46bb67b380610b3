import { z } from 'zod';
import { isAcceptedReason } from '../../domain/reasons.ts';
import { AFTER_SETTLEMENT_METHODS, DROP_OFF_LOCATIONS, PREFECTURES } from './codes.ts';
import { chars, feeOrUndetermined, flag, oneOf, orderNumber, price, taxRate } from './request-fields.ts';

/** A 減額理由 / cancel reason code RMS accepts (1–6, 8, 10, 13–15). */
export const reasonCode = z.number().int().refine(isAcceptedReason);

const utf8Bytes = (s: string | null | undefined): number => Buffer.byteLength(s ?? '', 'utf8');

/** Name, address and phone as an update may send them, for the buyer and for a recipient alike. */
export const personUpdateFields = {
  zipCode1: z.string().nullish(),
  zipCode2: z.string().nullish(),
  prefecture: z.enum(PREFECTURES).nullish(),
  city: chars(127).nullish(),
  subAddress: chars(255).nullish(),
  familyName: chars(127).pipe(z.string().min(1)),
  firstName: chars(127).nullish(),
  familyNameKana: chars(127).nullish(),
  firstNameKana: chars(127).nullish(),
  phoneNumber1: z.string().nullish(),
  phoneNumber2: z.string().nullish(),
  phoneNumber3: z.string().nullish(),
};

export const senderUpdateSchema = z
  .object(personUpdateFields)
  .superRefine((s, ctx) => {
    if (utf8Bytes(s.zipCode1) + utf8Bytes(s.zipCode2) > 20) {
      ctx.addIssue({ code: 'custom', path: ['zipCode1'], message: 'too long', input: s.zipCode1 });
    }
    if (utf8Bytes(s.phoneNumber1) + utf8Bytes(s.phoneNumber2) + utf8Bytes(s.phoneNumber3) > 32) {
      ctx.addIssue({ code: 'custom', path: ['phoneNumber1'], message: 'too long', input: s.phoneNumber1 });
    }
  });

export const skuUpdateSchema = z.object({
  variantId: z.string().nullish(),
  merchantDefinedSkuId: z.string().nullish(),
  skuInfo: z.string().nullish(),
});

export const itemUpdateSchema = z.object({
  itemDetailId: z.number().int(),
  itemName: chars(1000).pipe(z.string().min(1)),
  itemNumber: chars(125).nullish(),
  price,
  taxRate,
  units: z.number().int().min(0).max(999_999_999),
  includePostageFlag: flag,
  includeTaxFlag: flag,
  includeCashOnDeliveryPostageFlag: flag,
  selectedChoice: chars(4000).nullish(),
  restoreInventoryFlag: z.number().int().min(0).max(2).nullish(),
  deleteItemFlag: flag.nullish(),
  SkuModelList: z.array(skuUpdateSchema).nullish(),
});

export const packageUpdateSchema = z.object({
  basketId: z.number().int(),
  postagePrice: feeOrUndetermined.nullish(),
  postageTaxRate: taxRate,
  deliveryPrice: feeOrUndetermined.nullish(),
  deliveryTaxRate: taxRate.nullish(),
  noshi: z.string().nullish(),
  packageDeleteFlag: flag.nullish(),
  SenderModel: senderUpdateSchema,
  ItemModelList: z.array(itemUpdateSchema).min(1),
  // Empty or 利用しない both mean "no drop-off".
  dropOffLocation: z.union([z.enum(DROP_OFF_LOCATIONS), z.literal('利用しない'), z.literal('')]).nullish(),
});

export const wrappingUpdateSchema = z.object({
  title: z.union([z.literal(1), z.literal(2)]),
  name: chars(125).pipe(z.string().min(1)),
  price: price.nullish(),
  taxRate,
  includeTaxFlag: flag,
  deleteWrappingFlag: flag.nullish(),
});

export const couponUpdateSchema = z.object({
  couponCode: z.string().min(1),
  couponPrice: price,
  couponUnit: z.number().int().min(0),
  itemId: z.number().int(),
});

const senderUpdateFields = {
  orderNumber,
  reductionReason: reasonCode.nullish(),
  taxRecalcFlag: flag.nullish(),
  WrappingModel1: wrappingUpdateSchema.nullish(),
  WrappingModel2: wrappingUpdateSchema.nullish(),
  PackageModelList: z.array(packageUpdateSchema).min(1),
  CouponModelList: z.array(couponUpdateSchema).nullish(),
};

export const updateOrderSenderRequestSchema = z.object({
  ...senderUpdateFields,
  afterSettlementMethodCode: oneOf(AFTER_SETTLEMENT_METHODS).nullish(),
});
export type UpdateOrderSenderRequest = z.input<typeof updateOrderSenderRequestSchema>;

/** Same body after shipping, but the payment method can no longer change. */
export const updateOrderSenderAfterShippingRequestSchema = z.object(senderUpdateFields);
export type UpdateOrderSenderAfterShippingRequest = z.input<typeof updateOrderSenderAfterShippingRequestSchema>;

export { messagesOnlyResponseSchema as updateOrderSenderResponseSchema } from './common-responses.ts';
