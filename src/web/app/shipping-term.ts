import { shippingTermLabel as japaneseLabel } from '../../domain/shipping-term.ts';
import type { Lang } from '../i18n/language.tsx';

/** The お届け時間帯 codes offered in the picker (RMS accepts any h1h2 range as well). */
export const COMMON_SHIPPING_TERMS = [1, 2, 812, 1214, 1416, 1618, 1820, 1921, 9] as const;

const ENGLISH_NAMES: ReadonlyMap<number, string> = new Map([
  [0, 'None'],
  [1, 'Morning'],
  [2, 'Afternoon'],
  [9, 'Other'],
]);

export function shippingTermLabel(term: number | null, lang: Lang): string {
  if (lang === 'ja') return japaneseLabel(term);
  if (term === null) return 'Not specified';
  return ENGLISH_NAMES.get(term) ?? `${Math.floor(term / 100)}:00–${term % 100}:00`;
}
