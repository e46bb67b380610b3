import { describe, expect, it } from 'vitest';
import { HISTORY_TEXT, historyText } from '../../../src/domain/history-text.ts';
import type { HistoryCode, HistoryMessage, HistoryParams, StatusMove } from '../../../src/domain/history.ts';
import { historySentence } from '../../../src/web/i18n/messages/history.ts';

const move: StatusMove = { from: { status: 'new', statusBeforeHold: null }, to: { status: 'on_hold', statusBeforeHold: 'new' } };

interface Sample<C extends HistoryCode> {
  readonly params: HistoryParams[C];
  /** Parameter values both languages must show as they are (dates, numbers, names, RMS's words). */
  readonly shows: readonly string[];
}

/**
 * One sample per code. The mapped type makes this list exhaustive: a new code without a sample
 * does not compile. User data is ASCII, so any Japanese in an English sentence is a missing
 * translation; the one exception is carrier names, which are shown as RMS names them.
 */
const SAMPLES: { readonly [C in HistoryCode]: Sample<C> } = {
  imported: { params: { progress: 100, to: { status: 'awaiting_confirmation', statusBeforeHold: null } }, shows: [] },
  edited: {
    params: {
      changes: [
        { field: 'postagePrice', package: 2, before: null, after: 1200 },
        { field: 'deliveryPrice', package: null, before: 0, after: 330 },
        { field: 'paymentCharge', before: 0, after: 110 },
        { field: 'units', item: 'Green tea', before: 1, after: 3 },
        { field: 'price', item: 'Green tea', before: 1500, after: 1400 },
        { field: 'plannedShipDate', before: null, after: '2026-12-04' },
        { field: 'deliveryDate', before: '2026-12-05', after: null },
        { field: 'shippingTerm', before: null, after: 1416 },
      ],
      reductionReason: 8,
    },
    shows: ['¥1,200', '¥330', '¥110', 'Green tea', '¥1,400', '2026-12-04', '2026-12-05'],
  },
  confirmed: { params: move, shows: [] },
  autoConfirmed: { params: move, shows: [] },
  confirmationAccepted: { params: move, shows: [] },
  confirmationAlreadyConfirmed: { params: move, shows: [] },
  confirmationFoundCancelled: { params: move, shows: [] },
  shipmentRegistered: { params: { ...move, package: 2, carrier: '1001', shippingNumber: '1234-5678-9012', shippingDate: '2026-12-03' }, shows: ['ヤマト運輸', '1234-5678-9012', '2026-12-03'] },
  held: { params: { ...move, reason: 'Address check' }, shows: ['Address check'] },
  released: { params: move, shows: [] },
  cancelledSentToRms: { params: { ...move, reason: 8 }, shows: [] },
  cancelledFinishInRms: { params: { ...move, reason: 13 }, shows: [] },
  rmsProgressChanged: { params: { fromProgress: 100, toProgress: 300, status: move }, shows: [] },
  rmsCancelled: { params: { fromProgress: 100, toProgress: 900, status: null, reason: 4, settlingByConfirmation: true }, shows: [] },
  rmsCancelledWithoutConfirmation: { params: move, shows: [] },
  rmsAmountsChanged: { params: { changes: [{ field: 'requestPrice', before: 5000, after: 4500 }] }, shows: ['¥5,000', '¥4,500'] },
  rmsSubStatusChanged: { params: { before: null, after: 'Packing' }, shows: ['Packing'] },
  rmsShipmentsChanged: {
    params: { packages: [{ package: 1, added: [{ carrier: '1002', shippingNumber: 'SG-1', shippingDate: '2026-12-03' }], removed: 2 }] },
    shows: ['佐川急便', 'SG-1', '2026-12-03', '2'],
  },
  rmsDeliveryChanged: { params: { before: { deliveryDate: null, shippingTerm: null }, after: { deliveryDate: '2026-12-06', shippingTerm: 812 } }, shows: ['2026-12-06'] },
  shipByComputed: { params: { date: '2026-12-03', basis: 'deliveryDate', flags: ['past'], reauthorisationDate: '2027-01-10' }, shows: ['2026-12-03', '2027-01-10'] },
  shipByFailed: { params: { error: 'calendar has no working day' }, shows: ['calendar has no working day'] },
  shipByQueued: { params: { date: '2026-12-03' }, shows: ['2026-12-03'] },
  rulesApplied: {
    params: {
      matches: [
        {
          ruleName: 'Gift orders',
          done: [
            { kind: 'held', reason: 'Wrap it', ...move },
            { kind: 'workState', label: 'Wrapping', pushed: true },
            { kind: 'confirmed', ...move },
            { kind: 'mailQueued', template: 'Gift note' },
            { kind: 'shippingMethodSet', profileName: 'Sagawa', service: 'compact' },
          ],
          skipped: [
            { kind: 'alreadyHeld' },
            { kind: 'releasedByStaff' },
            { kind: 'autoConfirmShop' },
            { kind: 'postageUndetermined' },
            { kind: 'holdNotAllowed', status: { status: 'shipped', statusBeforeHold: null } },
            { kind: 'confirmNotAllowed', status: { status: 'cancelled', statusBeforeHold: null } },
            { kind: 'workStateDeleted', code: 'gone-state' },
            { kind: 'alreadyWorkState', label: 'Picking' },
            { kind: 'mailTemplateMissing', templateId: 42 },
            { kind: 'mailAlreadySent', template: 'Gift note' },
            { kind: 'autoMailStopped', template: 'Gift note' },
            { kind: 'noMailAddress', template: 'Gift note' },
            { kind: 'mailNotForStatus', template: 'Gift note', status: { status: 'shipped', statusBeforeHold: null } },
            { kind: 'shippingMethodMissing', profileId: 'japanpost-yupri', service: 'mailbox' },
            { kind: 'shippingMethodNotAllowed', status: { status: 'shipped', statusBeforeHold: null } },
            { kind: 'labelExported' },
            { kind: 'alreadyShippingMethod', profileName: 'Sagawa', service: 'cod' },
            { kind: 'error', action: 'hold', message: 'Event held is not allowed' },
          ],
        },
        { ruleName: 'Plain match', done: [], skipped: [] },
      ],
    },
    shows: ['Gift orders', 'Wrap it', 'Wrapping', 'gone-state', 'Picking', 'Gift note', 'Sagawa', '42', 'Event held is not allowed', 'Plain match'],
  },
  rulesFailed: { params: { error: 'boom' }, shows: ['boom'] },
  workStateSet: { params: { before: 'Picking', after: null, pushed: false }, shows: ['Picking'] },
  rmsOperationRequeued: { params: { operation: 'syncShippingReport' }, shows: [] },
  rmsOperationSucceeded: { params: { operation: 'syncConfirmation' }, shows: [] },
  rmsOperationVerified: { params: { operation: 'syncPlannedShipDate' }, shows: [] },
  rmsConfirmationAnswered: { params: { operation: 'syncConfirmation', outcome: 'alreadyConfirmed' }, shows: ['alreadyConfirmed'] },
  rmsOperationFailed: { params: { operation: 'syncItemChanges', rmsMessage: 'ERROR_105 amount' }, shows: ['ERROR_105 amount'] },
};

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff\uff01-\uff60]/;
const CARRIER_NAMES = /ヤマト運輸|佐川急便/g;

function message(code: HistoryCode): HistoryMessage {
  return { code, params: SAMPLES[code].params } as HistoryMessage;
}

describe('history sentences', () => {
  const codes = Object.keys(SAMPLES) as HistoryCode[];

  it('cover the same codes in both languages as the samples do', () => {
    expect(Object.keys(HISTORY_TEXT.ja).sort()).toEqual([...codes].sort());
    expect(Object.keys(HISTORY_TEXT.en).sort()).toEqual([...codes].sort());
  });

  it.each(codes)('%s reads in Japanese and in English, with its parameters', (code) => {
    const ja = historyText(message(code), 'ja');
    const en = historyText(message(code), 'en');
    expect(ja).toMatch(JAPANESE);
    expect(en.replace(CARRIER_NAMES, '')).not.toMatch(JAPANESE);
    expect(en.length).toBeGreaterThan(10);
    for (const value of SAMPLES[code].shows) {
      expect(ja).toContain(value);
      expect(en).toContain(value);
    }
  });

  it('say statuses, reasons and labels in the language asked for', () => {
    expect(historyText({ code: 'held', params: { ...move, reason: null } }, 'ja')).toBe('保留にしました: 新規受付 → 保留（新規受付）');
    expect(historyText({ code: 'held', params: { ...move, reason: null } }, 'en')).toBe('Put on hold: New → On hold (New)');
    expect(historyText(message('cancelledSentToRms'), 'ja')).toContain('（理由: 欠品）');
    expect(historyText(message('cancelledSentToRms'), 'en')).toContain('(reason: Out of stock)');
    expect(historyText(message('rmsOperationFailed'), 'en')).toBe('Item changes: RMS refused it: ERROR_105 amount');
    expect(historyText({ code: 'rulesApplied', params: { matches: [] } }, 'en')).toBe('Sorting rules: no rule matched');
  });
});

describe('the UI’s history line', () => {
  it('renders a coded entry in the UI’s language', () => {
    const coded = { code: 'released', params: { ...move }, summary: 'stored text' };
    expect(historySentence(coded, 'en')).toBe('Released the hold: New → On hold (New)');
    expect(historySentence(coded, 'ja')).toBe('保留を解除しました: 新規受付 → 保留（新規受付）');
  });

  it('shows an older entry’s stored text, whatever the language', () => {
    const old = { code: null, params: null, summary: '保留にしました: 新規受付 → 保留（新規受付）' };
    expect(historySentence(old, 'en')).toBe(old.summary);
    expect(historySentence(old, 'ja')).toBe(old.summary);
  });

  it('shows the stored text for a code this UI does not know yet', () => {
    expect(historySentence({ code: 'somethingNewer', params: {}, summary: '新しい文' }, 'en')).toBe('新しい文');
  });
});
