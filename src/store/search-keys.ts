import { PHONE_KEY_MIN_DIGITS, SEARCH_KEY_MAX_CHARS } from './migrations/0006_order_search_keys.ts';

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
  return /^[\d\s\-()+]+$/u.test(q) && phoneKey(q).length >= PHONE_KEY_MIN_DIGITS;
}

/**
 * An RMS order number's shop id and order date (`123456-20261120`). A shorter prefix matches a
 * whole shop's orders or more, which no index holds in deadline order; it finds names and phones only.
 */
export const ORDER_NUMBER_PREFIX_MIN_CHARS = 15;

/** The stored search key to look up; a term longer than any stored key also checks the rest. */
export interface KeyLookup {
  /** At most SEARCH_KEY_MAX_CHARS characters, as migration 0006 stores them. */
  readonly key: string;
  /** The whole term when it is longer than `key`: each match must start with it. */
  readonly longTerm: string | null;
}

/** E.164: longer digit strings are order numbers, never phone numbers. */
const PHONE_MAX_DIGITS = 15;

/**
 * What a search `q` looks up: a name (or kana) key, or — for digits and separators, which no
 * name is made of — a phone key; and an order-number prefix if long enough.
 */
export function searchTerms(query: string): { lookup: KeyLookup | null; orderNumberPrefix: string | null } {
  const q = query.trim();
  const phone = looksLikePhone(q) ? phoneKey(q) : null;
  const term = phone === null ? nameKey(q) : phone.length <= PHONE_MAX_DIGITS ? phone : '';
  return { lookup: term === '' ? null : keyLookup(term), orderNumberPrefix: q.length >= ORDER_NUMBER_PREFIX_MIN_CHARS ? q : null };
}

function keyLookup(term: string): KeyLookup {
  const chars = [...term];
  if (chars.length <= SEARCH_KEY_MAX_CHARS) return { key: term, longTerm: null };
  return { key: chars.slice(0, SEARCH_KEY_MAX_CHARS).join(''), longTerm: term };
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
