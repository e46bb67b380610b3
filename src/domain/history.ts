/**
 * History: every change to an order records who did what, when, and the values before and
 * after. Summaries are Japanese because staff read them in the UI.
 */
export type Actor =
  | { readonly kind: 'user'; readonly userId: string; readonly name: string }
  /** The sync worker, the CLI, the demo… named so a run can be traced. */
  | { readonly kind: 'system'; readonly name: string }
  /** A change that happened in RMS and was found by syncing. */
  | { readonly kind: 'rms' };

export interface HistoryEntry {
  readonly at: Date;
  readonly actor: Actor;
  /** One of HISTORY_ACTIONS for entries the domain writes; a string so stored rows stay readable. */
  readonly action: string;
  /** Japanese, for staff. */
  readonly summary: string;
  readonly before: unknown;
  readonly after: unknown;
}

export const HISTORY_ACTIONS = {
  imported: 'RMSから取り込み',
  edited: '受注内容の変更',
  confirmed: '注文確認',
  autoConfirmed: '自動注文確認',
  confirmationAccepted: '注文確認の連携完了',
  confirmationFoundCancelled: '注文確認の結果キャンセル',
  shipmentRegistered: '出荷登録',
  held: '保留',
  released: '保留解除',
  cancelled: 'キャンセル',
  rmsProgressChanged: 'RMSステータス変更',
  rmsCancelled: 'RMSでキャンセル',
  rmsAmountsChanged: 'RMSで金額変更',
  rmsSubStatusChanged: 'サブステータス変更',
  rmsShipmentsChanged: 'RMSの発送情報変更',
  rmsDeliveryChanged: 'RMSでお届け日時変更',
} as const;

export type HistoryAction = keyof typeof HISTORY_ACTIONS;

export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'user':
    case 'system':
      return actor.name;
    case 'rms':
      return 'RMS';
  }
}
