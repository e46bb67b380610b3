/**
 * The sentences of order history, from each entry's code and parameters, in Japanese and in
 * English. They live in the domain, beside the codes, because the domain writes the Japanese
 * one into every entry (the API's `summary`) and the web UI, which may read the domain, says
 * the same entry in the reader's language. The type makes both languages cover every code.
 */
import { SHIP_BY_FLAG_LABELS } from './automation/labels.ts';
import { findCarrier } from './carriers.ts';
import type { EditChange, HistoryCode, HistoryMessage, HistoryParams, RuleDone, RuleSkip, ShipmentParam, StatusMove, StatusParam } from './history.ts';
import { amountFromNullable, formatAmount } from './money.ts';
import { OPERATION_LABELS } from './operations.ts';
import type { RmsAmounts } from './order.ts';
import { CHANGE_REASONS } from './reasons.ts';
import { shippingTermLabel } from './shipping-term.ts';
import type { ServiceKind } from './shipping/profile.ts';
import { RMS_PROGRESS_LABELS, STATUS_LABELS } from './status.ts';
import type { RmsProgress } from './status.ts';

export type HistoryLang = 'ja' | 'en';

type Renderers = { readonly [C in HistoryCode]: (params: HistoryParams[C]) => string };

/** 新規受付, or 保留（新規受付） for a held order. */
export function statusLabel(s: StatusParam, lang: HistoryLang): string {
  const label = STATUS_LABELS[s.status][lang];
  if (s.status !== 'on_hold' || s.statusBeforeHold === null) return label;
  const under = STATUS_LABELS[s.statusBeforeHold][lang];
  return lang === 'ja' ? `${label}（${under}）` : `${label} (${under})`;
}

function moveText(m: StatusMove, lang: HistoryLang): string {
  return `${statusLabel(m.from, lang)} → ${statusLabel(m.to, lang)}`;
}

function yenText(value: number | null, lang: HistoryLang): string {
  return formatAmount(amountFromNullable(value), lang);
}

function reasonLabel(code: number, lang: HistoryLang): string {
  const reason = CHANGE_REASONS.find((r) => r.code === code);
  if (!reason) return String(code);
  return lang === 'ja' ? reason.label : reason.labelEn;
}

function carrierName(code: string): string {
  return findCarrier(code)?.name ?? code;
}

function operationLabel(kind: keyof typeof OPERATION_LABELS, lang: HistoryLang): string {
  return OPERATION_LABELS[kind][lang];
}

const PROGRESS_EN: Readonly<Record<RmsProgress, string>> = {
  100: 'awaiting confirmation',
  200: 'Rakuten processing',
  300: 'awaiting shipment',
  400: 'awaiting change confirmation',
  500: 'shipped',
  600: 'payment in progress',
  700: 'payment done',
  800: 'awaiting cancellation',
  900: 'cancelled',
};

function progressLabel(p: RmsProgress, lang: HistoryLang): string {
  return lang === 'ja' ? RMS_PROGRESS_LABELS[p] : PROGRESS_EN[p];
}

const AMOUNT_LABELS: Readonly<Record<keyof RmsAmounts, { ja: string; en: string }>> = {
  goodsPrice: { ja: '商品合計', en: 'goods total' },
  postagePrice: { ja: '送料', en: 'postage' },
  deliveryPrice: { ja: '代引料', en: 'COD fee' },
  paymentCharge: { ja: '決済手数料', en: 'payment fee' },
  totalPrice: { ja: '合計金額', en: 'total' },
  requestPrice: { ja: '請求金額', en: 'billed amount' },
};

function editJa(c: EditChange): string {
  switch (c.field) {
    case 'postagePrice':
    case 'deliveryPrice': {
      const where = c.package === null ? '' : `送付先${c.package}の`;
      return `${where}${c.field === 'postagePrice' ? '送料' : '代引料'} ${yenText(c.before, 'ja')} → ${yenText(c.after, 'ja')}`;
    }
    case 'paymentCharge':
      return `決済手数料 ${yenText(c.before, 'ja')} → ${yenText(c.after, 'ja')}`;
    case 'units':
      return `「${c.item}」の数量 ${c.before} → ${c.after}`;
    case 'price':
      return `「${c.item}」の単価 ${yenText(c.before, 'ja')} → ${yenText(c.after, 'ja')}`;
    case 'plannedShipDate':
    case 'deliveryDate':
      return `${c.field === 'plannedShipDate' ? '出荷予定日' : 'お届け日'} ${c.before ?? '未設定'} → ${c.after ?? '未設定'}`;
    case 'shippingTerm':
      return `お届け時間帯 ${shippingTermLabel(c.before, 'ja')} → ${shippingTermLabel(c.after, 'ja')}`;
  }
}

function editEn(c: EditChange): string {
  switch (c.field) {
    case 'postagePrice':
    case 'deliveryPrice': {
      const what = c.field === 'postagePrice' ? 'postage' : 'COD fee';
      const where = c.package === null ? what : `${what} of package ${c.package}`;
      return `${where} ${yenText(c.before, 'en')} → ${yenText(c.after, 'en')}`;
    }
    case 'paymentCharge':
      return `payment fee ${yenText(c.before, 'en')} → ${yenText(c.after, 'en')}`;
    case 'units':
      return `quantity of "${c.item}" ${c.before} → ${c.after}`;
    case 'price':
      return `unit price of "${c.item}" ${yenText(c.before, 'en')} → ${yenText(c.after, 'en')}`;
    case 'plannedShipDate':
    case 'deliveryDate':
      return `${c.field === 'plannedShipDate' ? 'ship-by date' : 'delivery date'} ${c.before ?? 'not set'} → ${c.after ?? 'not set'}`;
    case 'shippingTerm':
      return `delivery time ${shippingTermLabel(c.before, 'en')} → ${shippingTermLabel(c.after, 'en')}`;
  }
}

function shipmentJa(s: ShipmentParam): string {
  return `${carrierName(s.carrier)} ${s.shippingNumber ?? '伝票番号なし'}${s.shippingDate ? ` 発送日 ${s.shippingDate}` : ''}`;
}

function shipmentEn(s: ShipmentParam): string {
  return `${carrierName(s.carrier)} ${s.shippingNumber ?? 'no tracking number'}${s.shippingDate ? ` shipped ${s.shippingDate}` : ''}`;
}

/** What a sorting rule's action did, as the rule run's entry and the dry run show it. */
export function ruleDoneText(d: RuleDone, lang: HistoryLang): string {
  switch (d.kind) {
    case 'held':
      return lang === 'ja' ? `保留（理由: ${d.reason}）: ${moveText(d, 'ja')}` : `held (reason: ${d.reason}): ${moveText(d, 'en')}`;
    case 'workState':
      return lang === 'ja'
        ? `作業状況「${d.label}」${d.pushed ? '（RMSのサブステータスに連携）' : ''}`
        : `work state "${d.label}"${d.pushed ? ' (sent to RMS as the sub-status)' : ''}`;
    case 'confirmed':
      return lang === 'ja' ? `自動で注文確認: ${moveText(d, 'ja')}` : `confirmed automatically: ${moveText(d, 'en')}`;
    case 'mailQueued':
      return lang === 'ja' ? `メール「${d.template}」を送信` : `mail "${d.template}" sent`;
    case 'shippingMethodSet':
      return lang === 'ja' ? `配送方法を ${methodText(d, 'ja')}に設定` : `shipping method set to ${methodText(d, 'en')}`;
  }
}

const SERVICE_NAMES: Readonly<Record<ServiceKind, Readonly<Record<HistoryLang, string>>>> = {
  standard: { ja: '通常', en: 'standard' },
  cod: { ja: '代引', en: 'cash on delivery' },
  compact: { ja: 'コンパクト', en: 'compact' },
  mailbox: { ja: 'ポスト投函', en: 'post box' },
};

function methodText(m: { readonly profileName: string; readonly service: ServiceKind }, lang: HistoryLang): string {
  const service = SERVICE_NAMES[m.service][lang];
  return lang === 'ja' ? `${m.profileName}（${service}）` : `${m.profileName} (${service})`;
}

/** Why a sorting rule's action was skipped. */
export function ruleSkipText(s: RuleSkip, lang: HistoryLang): string {
  const ja = lang === 'ja';
  switch (s.kind) {
    case 'alreadyHeld':
      return ja ? '既に保留中' : 'already on hold';
    case 'releasedByStaff':
      return ja ? 'スタッフが解除した保留のため再び保留にしません' : 'staff released this hold, so it is not put on again';
    case 'autoConfirmShop':
      return ja ? 'RMSの自動注文確認がONの店舗のため注文確認しません' : 'not confirmed: the shop has automatic confirmation on in RMS';
    case 'postageUndetermined':
      return ja ? '送料が未確定のため注文確認できません' : 'cannot confirm while the postage is undetermined';
    case 'holdNotAllowed':
      return ja ? `${statusLabel(s.status, 'ja')}では保留にできません` : `cannot hold an order in ${statusLabel(s.status, 'en')}`;
    case 'confirmNotAllowed':
      return ja ? `${statusLabel(s.status, 'ja')}では注文確認できません` : `cannot confirm an order in ${statusLabel(s.status, 'en')}`;
    case 'workStateDeleted':
      return ja ? `作業状況 ${s.code} は削除されています` : `work state ${s.code} has been deleted`;
    case 'alreadyWorkState':
      return ja ? `既に作業状況「${s.label}」` : `already in work state "${s.label}"`;
    case 'mailTemplateMissing':
      return ja ? `メールテンプレート（ID ${s.templateId}）が見つかりません` : `mail template ${s.templateId} no longer exists`;
    case 'mailAlreadySent':
      return ja ? `メール「${s.template}」は送信済みのため送りません` : `mail "${s.template}" was already sent to this order`;
    case 'autoMailStopped':
      return ja ? `自動メールが停止されているためメール「${s.template}」を送りません` : `automatic mail is stopped for this order, so "${s.template}" is not sent`;
    case 'mailNotForStatus':
      return ja ? `${statusLabel(s.status, 'ja')}の受注にはメール「${s.template}」を送りません` : `mail "${s.template}" is not sent to an order in ${statusLabel(s.status, 'en')}`;
    case 'noMailAddress':
      return ja ? `購入者のメールアドレス（あんしんメルアド）がないためメール「${s.template}」を送れません` : `the buyer has no relay mail address, so "${s.template}" cannot be sent`;
    case 'shippingMethodMissing':
      return ja
        ? `配送方法 ${methodText({ profileName: s.profileId, service: s.service }, 'ja')}は出荷設定にありません`
        : `shipping method ${methodText({ profileName: s.profileId, service: s.service }, 'en')} is not in the shipping settings`;
    case 'shippingMethodNotAllowed':
      return ja ? `${statusLabel(s.status, 'ja')}では配送方法を変更できません` : `cannot change the shipping method of an order in ${statusLabel(s.status, 'en')}`;
    case 'labelExported':
      return ja ? '送り状データを出力済みのため配送方法を変更しません' : 'the label data was already exported, so the shipping method stays';
    case 'alreadyShippingMethod':
      return ja ? `既に配送方法 ${methodText(s, 'ja')}` : `already shipping by ${methodText(s, 'en')}`;
    case 'error':
      return `${s.action}: ${s.message}`;
  }
}

function shipByFlagsText(p: HistoryParams['shipByComputed'], lang: HistoryLang): string[] {
  const flags = p.flags.map((f) => SHIP_BY_FLAG_LABELS[f][lang]);
  if (p.reauthorisationDate) flags.push(lang === 'ja' ? `再オーソリ予定日 ${p.reauthorisationDate}` : `re-authorisation on ${p.reauthorisationDate}`);
  return flags;
}

const ja: Renderers = {
  imported: (p) => `RMSから取り込みました（RMS: ${progressLabel(p.progress, 'ja')} → ${statusLabel(p.to, 'ja')}）`,
  edited: (p) => [...p.changes.map(editJa), ...(p.reductionReason === null ? [] : [`減額理由: ${reasonLabel(p.reductionReason, 'ja')}`])].join('、'),
  confirmed: (p) => `注文確認を実施しました（RMSへの連携待ち）: ${moveText(p, 'ja')}`,
  autoConfirmed: (p) => `自動注文確認: ${moveText(p, 'ja')}`,
  confirmationAccepted: (p) => `RMSが注文確認を受け付けました: ${moveText(p, 'ja')}`,
  confirmationAlreadyConfirmed: (p) => `RMSでは注文確認済みでした: ${moveText(p, 'ja')}`,
  confirmationFoundCancelled: (p) => `注文確認の結果、RMSでキャンセル済みと判明しました: ${moveText(p, 'ja')}`,
  shipmentRegistered: (p) =>
    `出荷登録 ${p.package === null ? '' : `送付先${p.package}: `}${carrierName(p.carrier)} ${p.shippingNumber ?? '伝票番号なし'} 発送日 ${p.shippingDate}（${moveText(p, 'ja')}）`,
  held: (p) => `保留にしました${p.reason === null ? '' : `（理由: ${p.reason}）`}: ${moveText(p, 'ja')}`,
  released: (p) => `保留を解除しました: ${moveText(p, 'ja')}`,
  cancelledSentToRms: (p) => `キャンセルしました（理由: ${reasonLabel(p.reason, 'ja')}）。RMSへキャンセルを連携します: ${moveText(p, 'ja')}`,
  cancelledFinishInRms: (p) => `キャンセルしました（理由: ${reasonLabel(p.reason, 'ja')}）。RMSにログインしてキャンセル処理を実施してください: ${moveText(p, 'ja')}`,
  rmsProgressChanged: (p) =>
    `RMSのステータス ${progressLabel(p.fromProgress, 'ja')} → ${progressLabel(p.toProgress, 'ja')}${p.status === null ? '' : `（${moveText(p.status, 'ja')}）`}`,
  rmsCancelled: (p) =>
    `RMSでキャンセルされました${p.reason === null ? '' : `（理由: ${reasonLabel(p.reason, 'ja')}）`}: ` +
    `RMSのステータス ${progressLabel(p.fromProgress, 'ja')} → ${progressLabel(p.toProgress, 'ja')}${p.status === null ? '' : `（${moveText(p.status, 'ja')}）`}` +
    (p.settlingByConfirmation ? '注文確認済み連携でキャンセルを確定します' : ''),
  rmsCancelledWithoutConfirmation: (p) => `RMSでキャンセル済みのため、注文確認の連携を待たずにキャンセルにしました: ${moveText(p, 'ja')}`,
  rmsAmountsChanged: (p) =>
    `RMSで金額が変わりました: ${p.changes.map((c) => `${AMOUNT_LABELS[c.field].ja} ${yenText(c.before, 'ja')} → ${yenText(c.after, 'ja')}`).join('、')}`,
  rmsSubStatusChanged: (p) => `サブステータス ${p.before ?? 'なし'} → ${p.after ?? 'なし'}`,
  rmsShipmentsChanged: (p) =>
    `RMSの発送情報が変わりました: ${p.packages
      .map((k) => (k.package === null ? '' : `送付先${k.package} `) + [...k.added.map(shipmentJa), ...(k.removed > 0 ? [`${k.removed}件削除`] : [])].join('、'))
      .join('／')}`,
  rmsDeliveryChanged: (p) =>
    `RMSでお届け日時が変わりました: ${p.before.deliveryDate ?? '指定なし'} ${shippingTermLabel(p.before.shippingTerm, 'ja')} → ${p.after.deliveryDate ?? '指定なし'} ${shippingTermLabel(p.after.shippingTerm, 'ja')}`,
  shipByComputed: (p) => {
    const flags = shipByFlagsText(p, 'ja');
    return `出荷予定日を${p.basis === 'deliveryDate' ? 'お届け希望日から' : '注文日時から'}計算しました: ${p.date}${flags.length > 0 ? `（要確認: ${flags.join('、')}）` : ''}`;
  },
  shipByFailed: (p) => `出荷予定日を計算できませんでした（${p.error}）。店舗カレンダーを確認してください`,
  shipByQueued: (p) => `出荷予定日 ${p.date} をRMSに連携します（出荷予定日連携）`,
  rulesApplied: (p) =>
    p.matches.length === 0
      ? '仕分けルール: 該当するルールはありませんでした'
      : `仕分けルール: ${p.matches
          .map((m) => `「${m.ruleName}」${[...m.done.map((d) => ruleDoneText(d, 'ja')), ...m.skipped.map((s) => `スキップ（${ruleSkipText(s, 'ja')}）`)].join('、') || '一致'}`)
          .join(' / ')}`,
  rulesFailed: (p) => `仕分けルールを適用できませんでした: ${p.error}`,
  workStateSet: (p) => `作業状況 ${p.before ?? 'なし'} → ${p.after ?? 'なし'}${p.pushed ? '（RMSのサブステータスに連携）' : ''}`,
  rmsOperationRequeued: (p) => `${operationLabel(p.operation, 'ja')}をRMSに再送します`,
  rmsOperationSucceeded: (p) => `${operationLabel(p.operation, 'ja')}をRMSに連携しました`,
  rmsOperationVerified: (p) => `${operationLabel(p.operation, 'ja')}: RMSを再取得し、反映済みであることを確認しました`,
  rmsConfirmationAnswered: (p) => `${operationLabel(p.operation, 'ja')}: RMSの回答（${p.outcome}）を受け取りました`,
  rmsOperationFailed: (p) => `${operationLabel(p.operation, 'ja')}がRMSで受け付けられませんでした: ${p.rmsMessage}`,
};

const en: Renderers = {
  imported: (p) => `Imported from RMS (RMS: ${progressLabel(p.progress, 'en')} → ${statusLabel(p.to, 'en')})`,
  edited: (p) =>
    `Edited: ${[...p.changes.map(editEn), ...(p.reductionReason === null ? [] : [`reduction reason: ${reasonLabel(p.reductionReason, 'en')}`])].join(', ')}`,
  confirmed: (p) => `Confirmed the order (waiting to be sent to RMS): ${moveText(p, 'en')}`,
  autoConfirmed: (p) => `Confirmed automatically: ${moveText(p, 'en')}`,
  confirmationAccepted: (p) => `RMS accepted the confirmation: ${moveText(p, 'en')}`,
  confirmationAlreadyConfirmed: (p) => `RMS had the order confirmed already: ${moveText(p, 'en')}`,
  confirmationFoundCancelled: (p) => `The confirmation found the order cancelled in RMS: ${moveText(p, 'en')}`,
  shipmentRegistered: (p) =>
    `Shipment registered${p.package === null ? '' : ` for package ${p.package}`}: ${carrierName(p.carrier)} ${p.shippingNumber ?? 'no tracking number'} shipped ${p.shippingDate} (${moveText(p, 'en')})`,
  held: (p) => `Put on hold${p.reason === null ? '' : ` (reason: ${p.reason})`}: ${moveText(p, 'en')}`,
  released: (p) => `Released the hold: ${moveText(p, 'en')}`,
  cancelledSentToRms: (p) => `Cancelled (reason: ${reasonLabel(p.reason, 'en')}); the cancellation is sent to RMS: ${moveText(p, 'en')}`,
  cancelledFinishInRms: (p) => `Cancelled (reason: ${reasonLabel(p.reason, 'en')}); sign in to RMS and cancel the order there: ${moveText(p, 'en')}`,
  rmsProgressChanged: (p) =>
    `RMS status ${progressLabel(p.fromProgress, 'en')} → ${progressLabel(p.toProgress, 'en')}${p.status === null ? '' : ` (${moveText(p.status, 'en')})`}`,
  rmsCancelled: (p) =>
    `Cancelled in RMS${p.reason === null ? '' : ` (reason: ${reasonLabel(p.reason, 'en')})`}: ` +
    `RMS status ${progressLabel(p.fromProgress, 'en')} → ${progressLabel(p.toProgress, 'en')}${p.status === null ? '' : ` (${moveText(p.status, 'en')})`}` +
    (p.settlingByConfirmation ? '; the order confirmation is sent to settle the cancellation' : ''),
  rmsCancelledWithoutConfirmation: (p) => `Cancelled without waiting for the confirmation, as RMS has the order cancelled: ${moveText(p, 'en')}`,
  rmsAmountsChanged: (p) =>
    `Amounts changed in RMS: ${p.changes.map((c) => `${AMOUNT_LABELS[c.field].en} ${yenText(c.before, 'en')} → ${yenText(c.after, 'en')}`).join(', ')}`,
  rmsSubStatusChanged: (p) => `Sub-status ${p.before ?? 'none'} → ${p.after ?? 'none'}`,
  rmsShipmentsChanged: (p) =>
    `Shipments changed in RMS: ${p.packages
      .map((k) => (k.package === null ? '' : `package ${k.package}: `) + [...k.added.map(shipmentEn), ...(k.removed > 0 ? [`${k.removed} removed`] : [])].join(', '))
      .join('; ')}`,
  rmsDeliveryChanged: (p) =>
    `Delivery date and time changed in RMS: ${p.before.deliveryDate ?? 'not specified'} ${shippingTermLabel(p.before.shippingTerm, 'en')} → ${p.after.deliveryDate ?? 'not specified'} ${shippingTermLabel(p.after.shippingTerm, 'en')}`,
  shipByComputed: (p) => {
    const flags = shipByFlagsText(p, 'en');
    return `Ship-by date computed from the ${p.basis === 'deliveryDate' ? 'requested delivery date' : 'order time'}: ${p.date}${flags.length > 0 ? ` (check: ${flags.join(', ')})` : ''}`;
  },
  shipByFailed: (p) => `Could not compute the ship-by date (${p.error}). Check the shop calendar`,
  shipByQueued: (p) => `Ship-by date ${p.date} is sent to RMS`,
  rulesApplied: (p) =>
    p.matches.length === 0
      ? 'Sorting rules: no rule matched'
      : `Sorting rules: ${p.matches
          .map((m) => `"${m.ruleName}" ${[...m.done.map((d) => ruleDoneText(d, 'en')), ...m.skipped.map((s) => `skipped (${ruleSkipText(s, 'en')})`)].join(', ') || 'matched'}`)
          .join(' / ')}`,
  rulesFailed: (p) => `Could not apply the sorting rules: ${p.error}`,
  workStateSet: (p) => `Work state ${p.before ?? 'none'} → ${p.after ?? 'none'}${p.pushed ? ' (sent to RMS as the sub-status)' : ''}`,
  rmsOperationRequeued: (p) => `${operationLabel(p.operation, 'en')}: queued to be sent to RMS again`,
  rmsOperationSucceeded: (p) => `${operationLabel(p.operation, 'en')}: sent to RMS`,
  rmsOperationVerified: (p) => `${operationLabel(p.operation, 'en')}: re-read RMS and found it applied already`,
  rmsConfirmationAnswered: (p) => `${operationLabel(p.operation, 'en')}: RMS answered (${p.outcome})`,
  rmsOperationFailed: (p) => `${operationLabel(p.operation, 'en')}: RMS refused it: ${p.rmsMessage}`,
};

export const HISTORY_TEXT: Readonly<Record<HistoryLang, Renderers>> = { ja, en };

/** The entry's sentence in the language asked for. */
export function historyText(message: HistoryMessage, lang: HistoryLang): string {
  const render = HISTORY_TEXT[lang][message.code] as (params: HistoryMessage['params']) => string;
  return render(message.params);
}
