/**
 * お届け時間帯 (shippingTerm) in RMS's code: 0 なし, 1 午前, 2 午後, 9 その他, or a range
 * written as one integer h1h2 — h1 the starting hour (7–23, unpadded), h2 the ending hour
 * (two digits, up to 24): 708 is 7–8時, 1416 is 14–16時.
 */
const NAMED: ReadonlyMap<number, { ja: string; en: string }> = new Map([
  [0, { ja: 'なし', en: 'None' }],
  [1, { ja: '午前', en: 'Morning' }],
  [2, { ja: '午後', en: 'Afternoon' }],
  [9, { ja: 'その他', en: 'Other' }],
]);

function hours(term: number): readonly [from: number, to: number] {
  return [Math.floor(term / 100), term % 100];
}

export function isShippingTerm(term: number): boolean {
  if (!Number.isInteger(term)) return false;
  if (NAMED.has(term)) return true;
  const [from, to] = hours(term);
  return from >= 7 && to <= 24 && from < to;
}

export function shippingTermLabel(term: number | null, lang: 'ja' | 'en' = 'ja'): string {
  if (term === null) return lang === 'ja' ? '指定なし' : 'Not specified';
  const named = NAMED.get(term);
  if (named !== undefined) return named[lang];
  const [from, to] = hours(term);
  return lang === 'ja' ? `${from}時〜${to}時` : `${from}:00–${to}:00`;
}
