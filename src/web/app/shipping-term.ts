/**
 * お届け時間帯 in RMS's code: 0 なし, 1 午前, 2 午後, 9 その他, or four digits h1h2 such as
 * 1416 for 14時〜16時.
 */
export const COMMON_SHIPPING_TERMS = [1, 2, 812, 1214, 1416, 1618, 1820, 1921, 9] as const;

export function shippingTermLabel(term: number | null, lang: 'ja' | 'en'): string {
  const ja = lang === 'ja';
  if (term === null || term === 0) return ja ? '指定なし' : 'None';
  if (term === 1) return ja ? '午前中' : 'Morning';
  if (term === 2) return ja ? '午後' : 'Afternoon';
  if (term === 9) return ja ? 'その他' : 'Other';
  const from = Math.floor(term / 100);
  const to = term % 100;
  return ja ? `${from}時〜${to}時` : `${from}:00–${to}:00`;
}
