import type { DeadlineStatus } from '../../domain/deadline.ts';
import type { Lang } from '../i18n/language.tsx';

/** Instants arrive as ISO 8601 (UTC or with an offset) and are always shown in JST. */
const jstDateTime = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : jstDateTime.format(date);
}

/** Amounts arrive as integer yen, or null when RMS has not determined them (-9999 there). */
export function formatYen(value: number | null | undefined, lang: Lang): string {
  if (value === null || value === undefined) return lang === 'ja' ? '未確定' : 'Undetermined';
  return `¥${value.toLocaleString('ja-JP')}`;
}

export function formatTaxRate(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

export function personName(person: { familyName: string; firstName: string | null }): string {
  return person.firstName ? `${person.familyName} ${person.firstName}` : person.familyName;
}

/** `hoursLeft` counts every hour to the deadline; a badge shows whole days and the hours beyond. */
export function daysAndHours(deadline: Pick<DeadlineStatus, 'daysLeft' | 'hoursLeft'>): { days: number; hours: number } {
  return { days: deadline.daysLeft, hours: deadline.hoursLeft - deadline.daysLeft * 24 };
}
