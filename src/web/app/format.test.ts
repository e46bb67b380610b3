import { describe, expect, it } from 'vitest';
import { toApiError } from '../api/client.ts';
import { daysAndHours, formatDateTime, formatYen } from './format.ts';

describe('formatting for staff', () => {
  it('shows an undetermined amount as 未確定, never as a number', () => {
    expect(formatYen(null, 'ja')).toBe('未確定');
    expect(formatYen(null, 'en')).toBe('Undetermined');
    expect(formatYen(12_700, 'ja')).toBe('¥12,700');
  });

  it('shows instants in JST whatever their offset', () => {
    expect(formatDateTime('2026-11-28T15:30:00Z')).toBe('2026/11/29 00:30');
    expect(formatDateTime('2026-11-29T00:30:00+09:00')).toBe('2026/11/29 00:30');
    expect(formatDateTime(null)).toBe('—');
  });

  it('splits the hours left into days and the hours beyond them', () => {
    expect(daysAndHours({ daysLeft: 13, hoursLeft: 335 })).toEqual({ days: 13, hours: 23 });
    expect(daysAndHours({ daysLeft: 0, hoursLeft: 5 })).toEqual({ days: 0, hours: 5 });
  });
});

describe('API errors', () => {
  it('carry the stable code and the Japanese message from details', () => {
    const error = toApiError(409, {
      error: { code: 'VERSION_CONFLICT', message: 'The order was changed by someone else.', details: { messageJa: '他の人が更新しました。' } },
    });
    expect(error.code).toBe('VERSION_CONFLICT');
    expect(error.messageJa).toBe('他の人が更新しました。');
    expect(error.message).toBe('The order was changed by someone else.');
  });

  it('fall back to the English message, and to the status when the body is not the error format', () => {
    expect(toApiError(422, { error: { code: 'X', message: 'English only' } }).messageJa).toBe('English only');
    const bare = toApiError(502, 'Bad Gateway');
    expect(bare.code).toBe('HTTP_502');
    expect(bare.messageJa).toContain('502');
  });
});
