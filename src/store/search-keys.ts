/**
 * Search keys stored next to each order, so that staff find 山田 太郎, ヤマダタロウ or
 * やまだ however they type it (full/half width, spaces, hiragana or katakana), and a phone
 * number with or without hyphens. Queries are normalised the same way.
 */
export function nameKey(text: string): string {
  return toKatakana(text.normalize('NFKC').replace(/\s+/gu, '').toLowerCase());
}

export function phoneKey(text: string): string {
  return text.normalize('NFKC').replace(/\D/gu, '');
}

/** A query that reads like a phone number: digits with the usual separators only. */
export function looksLikePhone(query: string): boolean {
  const q = query.normalize('NFKC');
  return /^[\d\s\-()+]+$/u.test(q) && phoneKey(q).length >= 3;
}

/** Exclusive upper bound of every string that starts with `prefix`, in byte order (UTF-8). */
export function prefixUpperBound(prefix: string): string {
  return `${prefix}\u{10FFFF}`;
}

const HIRAGANA = /[\u3041-\u3096\u309d\u309e]/gu;
const KATAKANA_OFFSET = 0x60;

function toKatakana(text: string): string {
  return text.replace(HIRAGANA, (ch) => String.fromCodePoint(ch.codePointAt(0)! + KATAKANA_OFFSET));
}
