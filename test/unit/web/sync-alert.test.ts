import { describe, expect, it } from 'vitest';
import { syncMessageText } from '../../../src/domain/sync-messages.ts';
import { syncAlertSentence } from '../../../src/web/i18n/messages/sync-alert.ts';

const JA = syncMessageText('RMS_AUTH_FAILED', {}, 'ja')!;

describe('a shop’s sync alert in the UI’s language', () => {
  it('is worded from its code and parameters: English in the English UI, Japanese in the Japanese one', () => {
    const detail = { code: 'RMS_AUTH_FAILED', params: {} };
    expect(syncAlertSentence(JA, detail, 'en')).toBe('RMS refused the license key (or service secret). Register a new license key; the sync resumes at the next run after that.');
    expect(syncAlertSentence(JA, detail, 'ja')).toBe(JA);
  });

  it('shows the stored text of an alert kept before alerts had parameters, in either language', () => {
    const detail = { code: 'RMS_AUTH_FAILED', params: null };
    expect(syncAlertSentence('古い文言のアラート', detail, 'en')).toBe('古い文言のアラート');
    expect(syncAlertSentence('古い文言のアラート', null, 'ja')).toBe('古い文言のアラート');
  });

  it('shows the answered text for a code this bundle does not know', () => {
    expect(syncAlertSentence('新しい種類のアラート', { code: 'SOMETHING_NEW', params: {} }, 'en')).toBe('新しい種類のアラート');
  });
});
