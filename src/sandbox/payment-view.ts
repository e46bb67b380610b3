import { formatDatetime, SETTLEMENT, type PaymentModel } from '../rms/wire/index.ts';
import type { SandboxOrder } from './order-record.ts';

const stamp = (at: Date | null): string | null => (at ? formatDatetime(at) : null);
const isPrepay = (code: number | undefined): boolean => code === SETTLEMENT.sevenElevenPrepay || code === SETTLEMENT.conveniencePrepay;

/** getPayment's PaymentModel (version 4) for an order: one payment, `<orderNumber>-1`. */
export function paymentModel(order: SandboxOrder): PaymentModel {
  const { model, payment } = order;
  const settlement = model.SettlementModel;
  const code = settlement?.settlementMethodCode;
  const paymentRef = order.orderNumber.replace(/\D/g, '').slice(-12);
  return {
    orderPaymentNumber: `${order.orderNumber}-1`,
    paymentMethod: code ?? 0,
    paymentAmount: model.requestPrice,
    paymentCharge: model.paymentCharge,
    paymentStatus: payment.status,
    paymentProcReqDatetime: stamp(payment.procRequestedAt),
    paymentProcNgDatetime: stamp(payment.procNgAt),
    paymentProcCmplDatetime: stamp(payment.procCompletedAt),
    paymentProcCancelNgDate: null,
    paymentProcCancelCmplDatetime: stamp(payment.procCancelledAt),
    paymentReqDatetime: stamp(payment.billingRequestedAt),
    paymentNgDatetime: null,
    paymentFixDatetime: stamp(payment.fixedAt),
    paymentCancelNgDatetime: null,
    paymentCancelCmplDatetime: stamp(payment.cancelledAt),
    paymentCancelFixDatetime: stamp(payment.cancelledAt),
    payExpectDate: null,
    minusPayExpectDate: null,
    paymentOrganizationLinkageNumberList: [],
    PaymentCardModel:
      code === SETTLEMENT.card && settlement
        ? {
            cardName: settlement.cardName,
            cardYm: settlement.cardYm,
            cardOwner: settlement.cardOwner,
            cardNumber: settlement.cardNumber,
            cardPayType: settlement.cardPayType,
            cardInstallmentDesc: settlement.cardInstallmentDesc,
          }
        : null,
    PaymentMultiModel: isPrepay(code)
      ? { eventDatetime: model.orderDatetime, rcvgNumber: paymentRef, payInfoUrl: null, payStartUrl: null }
      : null,
    PaymentBankModel: code === SETTLEMENT.bankTransfer ? { transferDate: null, transferNameKana: model.OrdererModel.familyNameKana } : null,
    PaymentPayAfterModel: null,
    RefundModelList: [],
    AdditionalFeeModelList: [],
    PaymentPaypalModel: null,
  };
}
