import { MAIL_ERROR_MESSAGES } from './mail/errors.ts';

/**
 * Typed domain errors. Each has a stable code (INTERFACE §4) and messages in Japanese (for
 * the UI) and English (for logs and API details). Adapters map codes to HTTP statuses.
 */
export const ERROR_MESSAGES = {
  VALIDATION_FAILED: { ja: '入力内容に誤りがあります。', en: 'The request is not valid.' },
  NOT_FOUND: { ja: '見つかりません。', en: 'Not found.' },
  UNAUTHORIZED: { ja: 'ログインしてください。', en: 'Authentication required.' },
  FORBIDDEN: { ja: 'この操作の権限がありません。', en: 'You may not do this.' },
  VERSION_CONFLICT: {
    ja: 'この受注は他の人が更新しました。最新の内容を読み込んでからやり直してください。',
    en: 'The order was changed by someone else; reload it and try again.',
  },
  ORDER_NOT_EDITABLE: {
    ja: 'この受注は現在のステータスでは変更できません。',
    en: 'The order cannot be changed in its current status.',
  },
  REDUCTION_REASON_REQUIRED: {
    ja: '請求金額が減額になるため、減額理由を選んでください。',
    en: 'The change lowers the billed amount, so a reduction reason is required.',
  },
  INVALID_REDUCTION_REASON: { ja: '減額理由が正しくありません。', en: 'Unknown reduction reason code.' },
  POSTAGE_UNDETERMINED: {
    ja: '送料が未確定のため注文確認できません。先に送料を入力してください。',
    en: 'Postage is undetermined; set it before confirming.',
  },
  TRACKING_NUMBER_REQUIRED: {
    ja: 'この配送会社では配送伝票番号（追跡番号）が必要です。',
    en: 'This carrier requires a tracking number.',
  },
  INVALID_TRANSITION: {
    ja: 'この受注は現在のステータスではその操作ができません。',
    en: 'That action is not allowed in the order’s current status.',
  },
  SETTINGS_CONFLICT: {
    ja: 'この設定は他の人が保存しました。最新の内容を読み込んでからやり直してください。',
    en: 'These settings were saved by someone else; reload them and try again.',
  },
  OPERATION_NOT_FAILED: {
    ja: '再送できるのは、RMSに受け付けられなかった連携だけです。',
    en: 'Only an operation RMS refused can be sent again.',
  },
  PRINT_SELECTION_INVALID: {
    ja: '印刷できない受注が含まれています（キャンセル済み・不明な受注番号）。外してからやり直してください。',
    en: 'The selection holds orders that cannot be printed (cancelled or unknown); nothing was printed.',
  },
  PRINT_SELECTION_EMPTY: { ja: '印刷する受注がありません。', en: 'No orders to print.' },
  PACKING_INCOMPLETE: {
    ja: '数が合っていない商品があるため、検品済みにできません。',
    en: 'Not every line of the parcel is counted; it cannot be marked packed.',
  },
  PRODUCT_CSV_INVALID: { ja: '商品マスタのCSVに誤りがあります。', en: 'The product CSV is not valid.' },
  LAST_ADMIN: {
    ja: '有効な管理者が一人もいなくなるため、この変更はできません。先に別の管理者を追加してください。',
    en: 'The change would leave no active admin.',
  },
  OWN_ROLE: { ja: '自分自身の権限・無効化は変更できません。別の管理者に依頼してください。', en: 'You cannot change your own role or disable yourself.' },
  LINK_INVALID: {
    ja: 'このリンクは無効です（期限切れ、または使用済み）。管理者に新しいリンクを発行してもらってください。',
    en: 'The link is unknown, expired or already used.',
  },
  RMS_CONNECTION_FAILED: {
    ja: 'RMSに接続できませんでした。RMSの応答を確認し、サービスシークレット・ライセンスキー・URLを見直してください。',
    en: 'RMS did not accept the connection.',
  },
  WRONG_PASSWORD: { ja: '現在のパスワードが違います。', en: 'The current password is wrong.' },
  TRACKING_FILE_REJECTED: {
    ja: 'この送り状番号ファイルは取り込めません（どの行も登録していません）。',
    en: 'The tracking file was refused as a whole; nothing was registered.',
  },
  TRACKING_PREVIEW_COMMITTED: { ja: 'この取込はすでに確定済みです。', en: 'This tracking preview was committed already.' },
  RULE_MAIL_TEMPLATE_UNKNOWN: { ja: 'ルールのメールテンプレートがこの店舗にありません。', en: 'The rule names a mail template the shop does not have.' },
  RULE_SHIPPING_METHOD_UNKNOWN: {
    ja: 'ルールの配送方法がこの店舗の出荷設定にありません（配送会社とその便種を選んでください）。',
    en: 'The rule names a shipping method the shop has not configured.',
  },
  SHIPPING_FILTER_NAME_TAKEN: { ja: '同じ名前の保存条件がすでにあります。別の名前にしてください。', en: 'A saved filter of that name already exists there.' },
  ...MAIL_ERROR_MESSAGES,
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES | (string & {});

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly messageJa: string;
  readonly details: unknown;

  /** `messageJa` replaces the code's generic Japanese text when the UI can say more precisely what to fix. */
  constructor(code: keyof typeof ERROR_MESSAGES, details?: unknown, messageEn?: string, messageJa?: string) {
    const messages = ERROR_MESSAGES[code];
    super(messageEn ?? messages.en);
    this.name = 'DomainError';
    this.code = code;
    this.messageJa = messageJa ?? messages.ja;
    this.details = details;
  }
}

/** VALIDATION_FAILED naming the offending field, so the UI can point at it. */
export function invalidField(field: string, problem: string): DomainError {
  return new DomainError('VALIDATION_FAILED', { field, problem }, `${field}: ${problem}`);
}
