import { describe, expect, it } from 'vitest';
import { OPERATION_LABELS, type RmsOperationKind } from '../../../src/domain/operations.ts';
import { SYNC_MESSAGES, syncMessageText } from '../../../src/domain/sync-messages.ts';
import { ShopRunLog } from '../../../src/sync/run-log.ts';
import { runMessageText } from '../../../src/web/pages/SyncRunsPage.tsx';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
const PARAMS = { count: 1200, what: 'x', cause: 'rms', operation: 'syncShippingReport', daysLeft: 7 };

/** A run that says a bit of everything the worker says. */
function aRun(): ShopRunLog {
  const log = new ShopRunLog('shop1');
  log.imported();
  log.imported();
  log.pushed('100-1', 'syncConfirmation', 'ORDER_EXT_API_CONFIRM_ORDER_INFO_101: 注文確認しました');
  log.cancelled('100-2', 'confirmation');
  log.failed('100-3', 'RMS_REJECTED', { operation: 'syncItemChanges' }, 'ERROR_105: 金額が未確定です');
  log.failed('100-4', 'RMS_UNAVAILABLE', { operation: 'syncShippingReport' }, 'HTTP 503');
  log.failed(null, 'RMS_UNAVAILABLE', {}, 'RMS unavailable for getOrder');
  log.info(null, 'LICENSE_EXPIRES_7D', { daysLeft: 7 });
  return log;
}

describe('sync run messages as codes with parameters', () => {
  it.each(Object.keys(SYNC_MESSAGES))('%s reads in Japanese and in English', (code) => {
    const ja = syncMessageText(code, PARAMS, 'ja')!;
    const en = syncMessageText(code, PARAMS, 'en')!;
    expect(ja).toMatch(JAPANESE);
    expect(en).not.toMatch(JAPANESE);
    expect(en).not.toBe(ja);
  });

  it('keeps the Japanese sentence beside the code, and the English UI shows English', () => {
    const messages = aRun().messages;
    expect(messages.map((m) => [m.code, m.params])).toEqual([
      ['IMPORTED', { count: 2 }],
      ['PUSHED', { operation: 'syncConfirmation' }],
      ['CANCELLED', { cause: 'confirmation' }],
      ['RMS_REJECTED', { operation: 'syncItemChanges' }],
      ['RMS_UNAVAILABLE', { operation: 'syncShippingReport' }],
      ['RMS_UNAVAILABLE', {}],
      ['LICENSE_EXPIRES_7D', { daysLeft: 7 }],
    ]);
    expect(messages.map((m) => m.message)).toEqual([
      'RMSから新しい注文を2件取り込みました。',
      '注文確認済み連携をRMSに連携しました。',
      'キャンセルになりました（注文確認の結果）。',
      '注文明細（数量・単価）変更がRMSで受け付けられませんでした。RMSのメッセージを確認してください。',
      'RMSに接続できなかったため、出荷報告はあとで再送します。',
      'RMSとの通信に失敗したため同期を中断しました。次回の同期で続きから再開します。',
      'RMSのライセンスキーの有効期限まであと7日です。',
    ]);
    expect(messages.map((m) => runMessageText(m, 'ja'))).toEqual(messages.map((m) => m.message));
    expect(messages.map((m) => runMessageText(m, 'en'))).toEqual([
      'Imported 2 new orders from RMS.',
      'Order confirmation sent to RMS.',
      'Cancelled (answer to the order confirmation).',
      "RMS refused the item changes. See RMS's message.",
      'RMS could not be reached; the shipping report will be sent again later.',
      'RMS could not be reached, so the sync stopped. The next sync carries on from here.',
      'The RMS license key expires in 7 days.',
    ]);
    // RMS's own words stay data, in the language RMS wrote them.
    expect(messages[1]!.detail).toBe('ORDER_EXT_API_CONFIRM_ORDER_INFO_101: 注文確認しました');
  });

  it('names every operation kind in the reader language', () => {
    for (const kind of Object.keys(OPERATION_LABELS) as RmsOperationKind[]) {
      expect(syncMessageText('PUSHED', { operation: kind }, 'en')).toBe(`${OPERATION_LABELS[kind].en} sent to RMS.`);
    }
  });

  it('shows a message stored before codes had parameters as it was stored', () => {
    const old = { shopCode: 'shop1', orderNumber: null, level: 'info' as const, code: 'IMPORTED', params: null, message: 'RMSから新しい注文を3件取り込みました。', detail: null };
    expect(runMessageText(old, 'en')).toBe(old.message);
    expect(runMessageText({ ...old, code: 'SOMETHING_NEWER', params: {} }, 'en')).toBe(old.message);
  });

  it('shows a domain refusal in the reader language, unless it carries a sentence of its own', () => {
    const log = new ShopRunLog('shop1');
    log.failed('100-5', 'INVALID_TRANSITION', {}, 'not allowed', 'この受注は現在のステータスではその操作ができません。');
    log.failed('100-6', 'VALIDATION_FAILED', null, 'postage: negative', '送料が負の値です。');
    const [generic, own] = log.messages;
    expect(runMessageText(generic!, 'en')).toBe('That action is not allowed in the order’s current status.');
    expect(runMessageText(own!, 'en')).toBe('送料が負の値です。');
  });
});
