/** RMS enumerations (reference §3 and §6). */

export const ORDER_PROGRESS = {
  awaitingConfirmation: 100,
  rakutenProcessing: 200,
  awaitingShipment: 300,
  awaitingChangeFix: 400,
  shipped: 500,
  paymentInProgress: 600,
  paymentDone: 700,
  awaitingCancelFix: 800,
  cancelled: 900,
} as const;
export type OrderProgress = (typeof ORDER_PROGRESS)[keyof typeof ORDER_PROGRESS];
export const ORDER_PROGRESS_VALUES: readonly OrderProgress[] = Object.values(ORDER_PROGRESS);

export function isOrderProgress(value: number): value is OrderProgress {
  return (ORDER_PROGRESS_VALUES as readonly number[]).includes(value);
}

/** searchOrder `dateType`. */
export const DATE_TYPE = {
  ordered: 1,
  confirmed: 2,
  fixed: 3,
  shippingDate: 4,
  shippingReported: 5,
  paymentFixed: 6,
} as const;
export type DateType = (typeof DATE_TYPE)[keyof typeof DATE_TYPE];

export const SORT_DIRECTION = { ascending: 1, descending: 2 } as const;

export const ORDER_TYPES = [1, 4, 5, 6] as const;

/** getOrder `settlementMethodCode` → name and whether it is a 楽天市場の共通決済 (rpaySettlementFlag 1). */
export const SETTLEMENT_METHODS: Readonly<Record<number, { name: string; rpay: boolean }>> = {
  1: { name: 'クレジットカード', rpay: true },
  2: { name: '代金引換', rpay: false },
  4: { name: 'ショッピングクレジット／ローン', rpay: false },
  5: { name: 'オートローン', rpay: false },
  6: { name: 'リース', rpay: false },
  7: { name: '請求書払い', rpay: false },
  8: { name: 'ポイント', rpay: true },
  9: { name: '銀行振込', rpay: true },
  12: { name: 'Apple Pay', rpay: true },
  13: { name: 'セブンイレブン（前払）', rpay: true },
  14: { name: 'ファミリーマート、ローソン等（前払）', rpay: true },
  16: { name: 'Alipay', rpay: true },
  17: { name: 'PayPal', rpay: true },
  21: { name: '後払い決済', rpay: true },
  27: { name: 'Alipay（支付宝）', rpay: true },
};
export const SETTLEMENT = { card: 1, cashOnDelivery: 2, bankTransfer: 9, sevenElevenPrepay: 13, conveniencePrepay: 14 } as const;

/** searchOrder `settlementMethod` additionally accepts 3 (後払い). */
export const SEARCH_SETTLEMENT_METHODS: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 9, 12, 13, 14, 16, 17, 21, 27];

/** Methods updateOrderSender's `afterSettlementMethodCode` accepts. */
export const AFTER_SETTLEMENT_METHODS: readonly number[] = [2, 4, 5, 6, 7, 9, 13, 14, 16, 27];

/** ChangeReasonModel `changeType`. */
export const CHANGE_TYPE = {
  cancelRequested: 0,
  cancelFixed: 1,
  cancelCompleted: 2,
  cancelWithdrawn: 3,
  changeRequested: 4,
  changeFixed: 5,
  changeCompleted: 6,
  changeWithdrawn: 7,
  orderConfirmed: 8,
  reauthorisation: 9,
} as const;

/** ChangeReasonModel `changeTypeDetail`. */
export const CHANGE_TYPE_DETAIL = {
  decrease: 0,
  increase: 1,
  other: 2,
  paymentMethodChange: 10,
  paymentMethodChangeDecrease: 11,
  paymentMethodChangeIncrease: 12,
} as const;

/** ChangeReasonModel `changeReason`. */
export const CHANGE_REASON_SIDE = { shop: 0, buyer: 1 } as const;

/** getPayment `paymentStatus` (§6.14), the ones the sandbox uses by name. */
export const PAYMENT_STATUS = {
  none: 30000,
  procWaiting: 30100,
  procRequested: 30200,
  procCompleted: 30300,
  procNg: 30400,
  billingRequested: 30500,
  fixed: 30600,
  billingNg: 30700,
  procCancelCompleted: 31200,
  cancelCompleted: 31500,
} as const;

/** `inventoryRestoreType` of cancelOrder. */
export const INVENTORY_RESTORE_TYPES = [0, 1, 2] as const;

/** `deliveryClass` 0–8. */
export const DELIVERY_CLASSES = [0, 1, 2, 3, 4, 5, 6, 7, 8] as const;

/** `shippingTerm`: 0, 1, 2, 9, or h1h2 with h1 7..24 and h2 07..24 (h2 > h1). */
export function isShippingTerm(value: number): boolean {
  if (value === 0 || value === 1 || value === 2 || value === 9) return true;
  const from = Math.floor(value / 100);
  const to = value % 100;
  return Number.isInteger(value) && from >= 7 && from <= 24 && to >= 7 && to <= 24 && to > from;
}

/** DeliveryModel.deliveryName values RMS offers (shops pick their own subset). */
export const DELIVERY_NAMES = [
  '宅配便', '小型宅配便', '大型宅配便', 'クール便', 'メール便', '国際配送', 'コンビニ受取', 'ロッカー受取', '店頭受取', '発送を伴わない', '郵便局受取',
] as const;

/** Package `dropOffLocation` values. */
export const DROP_OFF_LOCATIONS = ['宅配ボックス', '玄関前', '玄関前鍵付容器', 'ポスト（郵便受箱）', 'メーターボックス', '物置', '車庫'] as const;

/** `couponCapitalCode` → `couponCapital`. */
export const COUPON_CAPITAL: Readonly<Record<number, string>> = { 1: 'ショップ', 2: 'メーカー', 3: 'サービス' };

/** The 47 prefectures, the only values a `prefecture` field accepts (kept with the domain, which checks shop calendars against them). */
export { PREFECTURES } from '../../domain/prefectures.ts';
