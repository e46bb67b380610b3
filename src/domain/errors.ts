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
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES | (string & {});

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly messageJa: string;
  readonly details: unknown;

  constructor(code: keyof typeof ERROR_MESSAGES, details?: unknown, messageEn?: string) {
    const messages = ERROR_MESSAGES[code];
    super(messageEn ?? messages.en);
    this.name = 'DomainError';
    this.code = code;
    this.messageJa = messages.ja;
    this.details = details;
  }
}

/** VALIDATION_FAILED naming the offending field, so the UI can point at it. */
export function invalidField(field: string, problem: string): DomainError {
  return new DomainError('VALIDATION_FAILED', { field, problem }, `${field}: ${problem}`);
}
