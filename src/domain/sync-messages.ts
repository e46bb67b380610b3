import { ERROR_MESSAGES } from './errors.ts';
import { OPERATION_LABELS, type RmsOperationKind } from './operations.ts';

/**
 * What the sync worker tells staff in a run's messages, as a code with parameters. The sentence
 * is made from them when it is shown, in the reader's language, so the English UI reads English
 * and a wording change reaches old records. The worker also keeps the Japanese sentence beside
 * the code (`juchu sync --json`'s `message`, and the text rows without parameters fall back to).
 * Shared by the worker and the UI, like OPERATION_LABELS and ERROR_MESSAGES.
 */
export type SyncMessageParams = Readonly<Record<string, string | number>>;
export type Lang = 'ja' | 'en';

type Sentence = (p: SyncMessageParams, lang: Lang) => string;
type Entry = { readonly [L in Lang]: Sentence };

function operation(p: SyncMessageParams, lang: Lang): string {
  const kind = String(p.operation);
  return kind in OPERATION_LABELS ? OPERATION_LABELS[kind as RmsOperationKind][lang] : kind;
}

function count(value: string | number | undefined, lang: Lang): string {
  return Number(value ?? 0).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-US');
}

const CANCEL_CAUSES: Readonly<Record<string, { readonly [L in Lang]: string }>> = {
  rms: { ja: 'RMSでキャンセル', en: 'cancelled in RMS' },
  confirmation: { ja: '注文確認の結果', en: 'answer to the order confirmation' },
};

const licenseExpiresSoon: Entry = {
  ja: (p) => `RMSのライセンスキーの有効期限まであと${p.daysLeft}日です。`,
  en: (p) => `The RMS license key expires in ${p.daysLeft} day${p.daysLeft === 1 ? '' : 's'}.`,
};

export const SYNC_MESSAGES = {
  IMPORTED: {
    ja: (p) => `RMSから新しい注文を${count(p.count, 'ja')}件取り込みました。`,
    en: (p) => `Imported ${count(p.count, 'en')} new order${p.count === 1 ? '' : 's'} from RMS.`,
  },
  UPDATED: {
    ja: (p) => `RMSでの変更を反映しました: ${p.what}`,
    en: (p) => `Applied a change made in RMS: ${p.what}`,
  },
  CANCELLED: {
    ja: (p) => `キャンセルになりました（${CANCEL_CAUSES[String(p.cause)]?.ja ?? p.cause}）。`,
    en: (p) => `Cancelled (${CANCEL_CAUSES[String(p.cause)]?.en ?? p.cause}).`,
  },
  PUSHED: {
    ja: (p) => `${operation(p, 'ja')}をRMSに連携しました。`,
    en: (p) => `${operation(p, 'en')} sent to RMS.`,
  },
  QUARANTINED: {
    ja: () => 'RMSの受注データを読み取れなかったため取り込みを保留しました。',
    en: () => 'The order data from RMS could not be read; it was set aside, not imported.',
  },
  RMS_REJECTED: {
    ja: (p) => `${operation(p, 'ja')}がRMSで受け付けられませんでした。RMSのメッセージを確認してください。`,
    en: (p) => `RMS refused the ${operation(p, 'en').toLowerCase()}. See RMS's message.`,
  },
  // With an operation: that one operation is queued again; without: the shop's run stopped.
  RMS_UNAVAILABLE: {
    ja: (p) =>
      p.operation === undefined
        ? 'RMSとの通信に失敗したため同期を中断しました。次回の同期で続きから再開します。'
        : `RMSに接続できなかったため、${operation(p, 'ja')}はあとで再送します。`,
    en: (p) =>
      p.operation === undefined
        ? 'RMS could not be reached, so the sync stopped. The next sync carries on from here.'
        : `RMS could not be reached; the ${operation(p, 'en').toLowerCase()} will be sent again later.`,
  },
  OUTCOME_UNKNOWN: {
    ja: (p) => `${operation(p, 'ja')}の結果をRMSから確認できませんでした。次回、RMSの状態を確認してから必要な場合のみ再送します。`,
    en: (p) => `RMS did not confirm the ${operation(p, 'en').toLowerCase()}. The next sync checks the order in RMS and resends only if needed.`,
  },
  RMS_AUTH_FAILED: {
    ja: () => 'RMSがライセンスキー（またはサービスシークレット）を受け付けませんでした。新しいライセンスキーを登録してください。登録後の次回の同期から再開します。',
    en: () => 'RMS refused the license key (or service secret). Register a new license key; the sync resumes at the next run after that.',
  },
  LEASE_LOST: {
    ja: () => '別のワーカーがこの店舗の同期を引き継いだため、このワーカーでの同期を中断しました。',
    en: () => 'Another worker took over this shop, so this worker stopped syncing it.',
  },
  SYNC_ERROR: {
    ja: () => '同期中に予期しないエラーが発生しました。',
    en: () => 'An unexpected error stopped the sync.',
  },
  SEARCH_WINDOW_FULL: {
    ja: () => '1秒間の注文が15,000件を超えたため、一部を取得できませんでした。',
    en: () => 'More than 15,000 orders fell in one second; some of them could not be fetched.',
  },
  NOT_IN_RMS: {
    ja: () => 'RMSにこの注文が見つかりませんでした。',
    en: () => 'RMS does not have this order.',
  },
  // An operation's outcome in juchu's own words (outbox `outcome_code`), where RMS said nothing.
  NOT_IN_JUCHU: {
    ja: () => 'juchuにこの注文が見つかりません。',
    en: () => 'juchu does not have this order.',
  },
  VERIFIED_BY_REREAD: {
    ja: () => 'RMSを再取得して確認',
    en: () => 'Checked by reading the order from RMS again',
  },
  LICENSE_EXPIRED: {
    ja: () => 'RMSのライセンスキーの有効期限が切れています。新しいライセンスキーを登録してください。',
    en: () => 'The RMS license key has expired. Register a new license key.',
  },
  LICENSE_EXPIRES_14D: licenseExpiresSoon,
  LICENSE_EXPIRES_7D: licenseExpiresSoon,
  LICENSE_EXPIRES_1D: licenseExpiresSoon,
} satisfies Record<string, Entry>;

/** A run message's code: one of the sync's own, or a domain error code (an RMS order the domain refused). */
export type SyncMessageCode = keyof typeof SYNC_MESSAGES | keyof typeof ERROR_MESSAGES;

/**
 * The sentence for a message in `lang`; null when the code is unknown here (a row from an older
 * version) or the message has no parameters (stored before codes had them, or a domain refusal
 * with a sentence of its own) — the stored text is shown then.
 */
export function syncMessageText(code: string, params: SyncMessageParams | null, lang: Lang): string | null {
  if (params === null) return null;
  if (code in SYNC_MESSAGES) return SYNC_MESSAGES[code as keyof typeof SYNC_MESSAGES][lang](params, lang);
  if (code in ERROR_MESSAGES) return ERROR_MESSAGES[code as keyof typeof ERROR_MESSAGES][lang];
  return null;
}

/**
 * A shop's sync alert in `lang`: made from its code and parameters, or, for an alert stored
 * before alerts had parameters (migration 0018), its stored Japanese text.
 */
export function syncAlertText(alert: { readonly code: string; readonly params: SyncMessageParams | null; readonly storedText: string | null }, lang: Lang): string {
  return syncMessageText(alert.code, alert.params, lang) ?? alert.storedText ?? alert.code;
}
