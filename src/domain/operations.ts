import type { LocalDate } from './order.ts';

/**
 * Operations bound for RMS. Each is written to the outbox in the same transaction as the
 * local change that calls for it, and carries the *intended* RMS state, so that when an
 * outcome is unknown the worker can re-read the order and tell whether it already took effect.
 */
export type RmsOperation =
  /** 送料・手数料連携 (updateOrderSender): postage, COD fee and payment charge. */
  | { readonly kind: 'syncPostageAndFees'; readonly reductionReason: number | null; readonly expectedRequestPrice: number | null }
  /** 注文明細（数量・単価）変更 (updateOrderSender): units and unit prices, possibly postage too. */
  | { readonly kind: 'syncItemChanges'; readonly reductionReason: number | null; readonly expectedRequestPrice: number | null }
  /** 注文確認済み連携 (confirmOrder, batched up to 100). */
  | { readonly kind: 'syncConfirmation' }
  /** 出荷予定日連携 (updateOrderShipping with shippingDate only). */
  | { readonly kind: 'syncPlannedShipDate'; readonly basketId: number; readonly shippingDate: LocalDate; readonly deliveryCompany: string }
  /** お届け日・時間帯更新 (updateOrderMemo). */
  | { readonly kind: 'syncDeliveryDateTime'; readonly deliveryDate: LocalDate | null; readonly shippingTerm: number | null }
  /** 出荷報告 (updateOrderShipping / Async) with the tracking number. */
  | {
      readonly kind: 'syncShippingReport';
      readonly basketId: number;
      readonly deliveryCompany: string;
      readonly shippingNumber: string | null;
      readonly shippingDate: LocalDate;
    }
  /** サブステータス (updateOrderSubStatus), from a 作業状況 that names one. */
  | { readonly kind: 'syncSubStatus'; readonly subStatusId: number }
  /** Shop-side cancel (cancelOrder), only for shops that enabled it. */
  | { readonly kind: 'syncCancellation'; readonly reason: number };

export type RmsOperationKind = RmsOperation['kind'];

export const OPERATION_LABELS: Readonly<Record<RmsOperationKind, { ja: string; en: string }>> = {
  syncPostageAndFees: { ja: '送料・手数料連携', en: 'Postage and fees' },
  syncItemChanges: { ja: '注文明細（数量・単価）変更', en: 'Item changes' },
  syncConfirmation: { ja: '注文確認済み連携', en: 'Order confirmation' },
  syncPlannedShipDate: { ja: '出荷予定日連携', en: 'Planned ship date' },
  syncDeliveryDateTime: { ja: 'お届け日・時間帯更新', en: 'Delivery date and time' },
  syncShippingReport: { ja: '出荷報告', en: 'Shipping report' },
  syncCancellation: { ja: 'キャンセル連携', en: 'Cancellation' },
  syncSubStatus: { ja: 'サブステータス連携', en: 'Sub-status' },
};

/** Where an operation stands in the outbox. */
export type OperationState = 'pending' | 'in_flight' | 'succeeded' | 'failed';
