import { z } from 'zod';
import type { OperationName } from './operations.ts';

export const MESSAGE_TYPES = ['INFO', 'ERROR', 'WARNING'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/**
 * One entry of `MessageModelList`. `orderNumber` appears only on per-order messages and
 * `dataNumber`/`shippingDetailId`/`requestId` only on shipping messages, so they are optional.
 */
export const messageModelSchema = z.looseObject({
  messageType: z.enum(MESSAGE_TYPES),
  messageCode: z.string(),
  message: z.string(),
  orderNumber: z.string().nullable().optional(),
  dataNumber: z.number().int().nullable().optional(),
  shippingDetailId: z.number().int().nullable().optional(),
  requestId: z.string().nullable().optional(),
});
export type MessageModel = z.infer<typeof messageModelSchema>;

export const messageModelListSchema = z.array(messageModelSchema);

/** The operation part of `ORDER_EXT_API_<OPERATION>_<TYPE>_<NNN>`, spelled as Rakuten does. */
export const MESSAGE_CODE_OPERATION: Record<OperationName, string> = {
  searchOrder: 'SEARCH_ORDER',
  getOrder: 'GET_ORDER',
  confirmOrder: 'CONFIRM_ORDER',
  updateOrderSender: 'UPDATE_ORDERSENDER',
  updateOrderSenderAfterShipping: 'UPDATE_ORDERSENDERAFTERSHIPPING',
  updateOrderShipping: 'UPDATE_ORDERSHIPPING',
  updateOrderShippingAsync: 'UPDATE_ORDERSHIPPING_ASYNC',
  getResultUpdateOrderShippingAsync: 'GET_RESULT_UPDATEORDERSHIPPING_ASYNC',
  updateOrderMemo: 'UPDATE_ORDERMEMO',
  updateOrderRemarks: 'UPDATE_ORDERREMARKS',
  getSubStatusList: 'GET_SUBSTATUSLIST',
  updateOrderSubStatus: 'UPDATE_ORDERSUBSTATUS',
  updateOrderOrderer: 'UPDATE_ORDERORDERER',
  updateOrderDelivery: 'UPDATE_ORDERDELIVERY',
  cancelOrder: 'CANCEL_ORDER',
  cancelOrderAfterShipping: 'CANCEL_ORDERAFTERSHIPPING',
  getPayment: 'GET_PAYMENT',
};

export function messageCode(operation: OperationName, type: MessageType, number: number): string {
  return `ORDER_EXT_API_${MESSAGE_CODE_OPERATION[operation]}_${type}_${String(number).padStart(3, '0')}`;
}

/** Generic validation numbers: 009 a required item is missing, 011 an item is ill-formed. */
export const REQUIRED_MISSING = 9;
export const BAD_FORMAT = 11;

export const requiredMessageText = (parameter: string): string => `${parameter}の項目を指定して下さい。`;
export const formatMessageText = (parameter: string): string => `${parameter}の書式が不正です。`;
export const getOrderSuccessText = (count: number): string => `受注情報取得に成功しました。(取得件数${count}件)`;

/** Operations whose INFO_101 is not a plain "done": getOrder counts, shipping rows vary, the async result means "nothing yet". */
export type PlainSuccessOperation = Exclude<OperationName, 'getOrder' | 'updateOrderShipping' | 'getResultUpdateOrderShippingAsync'>;

/** The success (INFO_101) text of each operation. Texts not seen in any source are marked in docs/SANDBOX.md. */
export const SUCCESS_TEXT: Record<PlainSuccessOperation, string> = {
  searchOrder: '注文検索に成功しました。',
  confirmOrder: '注文確認に成功しました。',
  updateOrderSender: '送付先情報の更新設定が完了しました。',
  updateOrderSenderAfterShipping: '送付先情報の更新設定が完了しました。',
  updateOrderShippingAsync: '発送情報の更新を受付けました。',
  updateOrderMemo: 'ひとことメモ、担当者情報等の更新設定が完了しました。',
  updateOrderRemarks: '備考情報の更新設定が完了しました。',
  getSubStatusList: 'サブステータス情報取得に成功しました。',
  updateOrderSubStatus: 'サブステータスの更新設定が完了しました。',
  updateOrderOrderer: '注文者情報の更新設定が完了しました。',
  updateOrderDelivery: '配送方法の更新設定が完了しました。',
  cancelOrder: 'キャンセル申請に成功しました。',
  cancelOrderAfterShipping: 'キャンセル処理に成功しました。',
  getPayment: '決済情報取得に成功しました。',
};

export const SEARCH_ORDER_NO_HITS_TEXT = '注文検索に成功しました。(検索結果０件)';
export const GET_ORDER_NOT_FOUND_TEXT = '受注情報が取得できませんでした。';
/** getResultUpdateOrderShippingAsync INFO_101: still running, unknown or expired (indistinguishable). */
export const ASYNC_RESULT_NOT_FOUND_TEXT = '指定されたリクエストIDの処理結果は存在しませんでした。';
export const SHIPPING_ROW_TEXT = {
  added: '発送情報の追加設定が完了しました。',
  updated: '発送情報の更新設定が完了しました。',
  deleted: '発送情報の削除設定が完了しました。',
} as const;
/** Row outcome → INFO number of updateOrderShipping (and of the async result). */
export const SHIPPING_ROW_INFO = { added: 101, updated: 102, deleted: 103 } as const;

/** Why an order-level request was refused. */
export type OrderRefusal =
  | 'notFound'
  | 'cancelled'
  | 'wrongStatus'
  | 'amountUndetermined'
  | 'subStatusNotUsable';

interface RefusalMessage {
  readonly number: number;
  readonly text: string;
}

const GENERIC_REFUSALS: Record<'notFound' | 'cancelled' | 'wrongStatus', RefusalMessage> = {
  notFound: { number: 101, text: '指定された注文番号の注文は存在しませんでした。' },
  cancelled: { number: 102, text: '指定された注文番号は既にキャンセルされているため、更新が出来る状態ではありませんでした。' },
  wrongStatus: { number: 102, text: '指定された注文番号は現在のステータスでは更新が出来る状態ではありませんでした。' },
};

/** Where Rakuten's sources name a code for a refusal, it overrides the generic one. */
const REFUSAL_OVERRIDES: Partial<Record<OperationName, Partial<Record<OrderRefusal, RefusalMessage>>>> = {
  confirmOrder: {
    cancelled: { number: 102, text: '指定された注文番号は既にキャンセルされているため、注文確認が出来る状態ではありませんでした。' },
    wrongStatus: { number: 103, text: '指定された注文番号は既に注文確認済みのため、注文確認が出来る状態ではありませんでした。' },
    amountUndetermined: { number: 105, text: '指定された注文番号は金額が確定していないため、注文確認が出来る状態ではありませんでした。' },
  },
  updateOrderShipping: {
    notFound: { number: 101, text: '指定された注文番号の注文は存在しませんでした。' },
    wrongStatus: { number: 101, text: '指定された注文番号は現在のステータスでは発送完了報告が出来る状態ではありませんでした。' },
    cancelled: { number: 102, text: '指定された注文番号は既にキャンセルされているため、発送完了報告が出来る状態ではありませんでした。' },
  },
  updateOrderSubStatus: {
    cancelled: { number: 101, text: '指定された注文番号は既にキャンセルされているため、サブステータスの更新が出来る状態ではありませんでした。' },
    subStatusNotUsable: { number: 102, text: '指定された注文番号、サブステータスでは更新できません。' },
    notFound: { number: 103, text: '指定された注文番号の注文は存在しませんでした。' },
  },
};

/** The ERROR code and text for a refused order, per operation. */
export function refusalMessage(operation: OperationName, refusal: OrderRefusal): { messageCode: string; message: string } {
  const specific = REFUSAL_OVERRIDES[operation]?.[refusal];
  const generic = refusal in GENERIC_REFUSALS ? GENERIC_REFUSALS[refusal as keyof typeof GENERIC_REFUSALS] : undefined;
  const chosen = specific ?? generic ?? GENERIC_REFUSALS.wrongStatus;
  return { messageCode: messageCode(operation, 'ERROR', chosen.number), message: chosen.text };
}

/** updateOrderSender-specific errors named by Rakuten. */
export const SENDER_ERRORS = {
  codNeedsDeliveryPrice: { number: 136, text: '代金引換に変更する場合、代引料は必須です。' },
  multiSkuNeedsSkuInfo: { number: 139, text: 'マルチSKUの場合、SKU情報は必須です。' },
} as const;
