import { z } from 'zod';
import { wireDate, wireDatetime } from './datetime.ts';
import { messageModelListSchema } from './messages.ts';
import { numberOrNumericString, orderNumber } from './request-fields.ts';

/** The newest getPayment version seen (adds PayPal/Alipay). */
export const GET_PAYMENT_VERSION = 4;

export const getPaymentRequestSchema = z.object({
  orderNumber,
  version: numberOrNumericString.pipe(z.number().int().min(1).max(GET_PAYMENT_VERSION)),
});
export type GetPaymentRequest = z.input<typeof getPaymentRequestSchema>;

const datetime = wireDatetime.nullable();
const date = wireDate.nullable();
const int = z.number().int();

export const paymentCardModelSchema = z.looseObject({
  cardName: z.string().nullable(),
  cardYm: z.string().nullable(),
  cardOwner: z.string().nullable(),
  cardNumber: z.string().nullable(),
  cardPayType: int.nullable(),
  cardInstallmentDesc: z.string().nullable(),
});

export const paymentMultiModelSchema = z.looseObject({
  eventDatetime: datetime,
  rcvgNumber: z.string().nullable(),
  payInfoUrl: z.string().nullable(),
  payStartUrl: z.string().nullable(),
});

export const paymentBankModelSchema = z.looseObject({
  transferDate: date,
  transferNameKana: z.string().nullable(),
});

export const paymentPayAfterModelSchema = z.looseObject({
  rcvgAgcyTypeName: z.string().nullable(),
  rcvgNumber: z.string().nullable(),
});

export const refundModelSchema = z.looseObject({
  paymentAmount: int.nullable(),
  paymentStatus: int.nullable(),
  paymentProcCmplDatetime: datetime,
  paymentReqDatetime: datetime,
  paymentFixDatetime: datetime,
  payExpectDate: date,
});

export const additionalFeeModelSchema = z.looseObject({
  additionalFeeId: int,
  additionalFeeType: int,
  payFrom: int,
  additionalFeeOccurDatetime: datetime,
  additionalFeeOccurAmount: int,
  additionalFeeTaxRate: z.number(),
});

export const paymentPaypalModelSchema = z.looseObject({ eventDate: date, billId: z.string().nullable() });

export const paymentModelSchema = z.looseObject({
  orderPaymentNumber: z.string(),
  paymentMethod: int,
  paymentAmount: int,
  paymentCharge: int,
  paymentStatus: int,
  paymentProcReqDatetime: datetime,
  paymentProcNgDatetime: datetime,
  paymentProcCmplDatetime: datetime,
  paymentProcCancelNgDate: date,
  paymentProcCancelCmplDatetime: datetime,
  paymentReqDatetime: datetime,
  paymentNgDatetime: datetime,
  paymentFixDatetime: datetime,
  paymentCancelNgDatetime: datetime,
  paymentCancelCmplDatetime: datetime,
  paymentCancelFixDatetime: datetime,
  payExpectDate: date,
  minusPayExpectDate: date,
  paymentOrganizationLinkageNumberList: z.array(z.string()).nullable(),
  PaymentCardModel: paymentCardModelSchema.nullable(),
  PaymentMultiModel: paymentMultiModelSchema.nullable(),
  PaymentBankModel: paymentBankModelSchema.nullable(),
  PaymentPayAfterModel: paymentPayAfterModelSchema.nullable(),
  RefundModelList: z.array(refundModelSchema).nullable(),
  AdditionalFeeModelList: z.array(additionalFeeModelSchema).nullable(),
  PaymentPaypalModel: paymentPaypalModelSchema.nullable(),
});
export type PaymentModel = z.infer<typeof paymentModelSchema>;

export const getPaymentResponseSchema = z.looseObject({
  MessageModelList: messageModelListSchema,
  OrderModel: z
    .looseObject({ orderNumber: z.string(), PaymentModelList: z.array(paymentModelSchema) })
    .nullable(),
});
export type GetPaymentResponse = z.infer<typeof getPaymentResponseSchema>;
