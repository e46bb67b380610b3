/**
 * Money is integer yen. RMS marks an amount it does not know yet (e.g. postage for 送料別
 * items) with a sentinel; here that is its own case, `undetermined`, so it can never be added,
 * compared or displayed as a number by accident.
 */
export type Yen = number;

export type Amount = { readonly kind: 'yen'; readonly yen: Yen } | { readonly kind: 'undetermined' };

export const UNDETERMINED: Amount = Object.freeze({ kind: 'undetermined' });

export function yen(value: number): Amount {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not an integer amount of yen: ${value}`);
  return { kind: 'yen', yen: value };
}

export function isDetermined(a: Amount): a is { readonly kind: 'yen'; readonly yen: Yen } {
  return a.kind === 'yen';
}

/** Sum of amounts; undetermined as soon as one term is. */
export function sumAmounts(terms: readonly Amount[]): Amount {
  let total = 0;
  for (const t of terms) {
    if (t.kind === 'undetermined') return UNDETERMINED;
    total += t.yen;
  }
  return yen(total);
}

export function subtract(a: Amount, b: Amount): Amount {
  return a.kind === 'yen' && b.kind === 'yen' ? yen(a.yen - b.yen) : UNDETERMINED;
}

export function sameAmount(a: Amount, b: Amount): boolean {
  return a.kind === b.kind && (a.kind === 'undetermined' || a.yen === (b as { yen: Yen }).yen);
}

/** The API and storage form: a number, or null for undetermined. */
export function amountToNullable(a: Amount): Yen | null {
  return a.kind === 'yen' ? a.yen : null;
}

export function amountFromNullable(value: Yen | null): Amount {
  return value === null ? UNDETERMINED : yen(value);
}

export function formatAmount(a: Amount, lang: 'ja' | 'en' = 'ja'): string {
  if (a.kind === 'undetermined') return lang === 'ja' ? '未確定' : 'undetermined';
  // Grouping by hand: Intl's toLocaleString costs more than the rest of an edit together.
  return `¥${String(a.yen).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}
