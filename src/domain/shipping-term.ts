/**
 * お届け時間帯 (shippingTerm) in RMS's code: 0 なし, 1 午前, 2 午後, 9 その他, or a range
 * written as one integer h1h2 — h1 the starting hour (7–23, unpadded), h2 the ending hour
 * (two digits, up to 24): 708 is 7–8時, 1416 is 14–16時.
 */
const NAMED: ReadonlyMap<number, string> = new Map([
  [0, 'なし'],
  [1, '午前'],
  [2, '午後'],
  [9, 'その他'],
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

export function shippingTermLabel(term: number | null): string {
  if (term === null) return '指定なし';
  const named = NAMED.get(term);
  if (named !== undefined) return named;
  const [from, to] = hours(term);
  return `${from}時〜${to}時`;
}
