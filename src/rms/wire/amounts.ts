/** RMS's "not determined yet" money value (e.g. postage of a 送料別 order before the shop sets it). */
export const UNDETERMINED_AMOUNT = -9999;

export function isUndetermined(amount: number | null | undefined): boolean {
  return amount === UNDETERMINED_AMOUNT;
}

/** The tax rates RMS uses, as JSON decimals. */
export const TAX_RATES = [0, 0.08, 0.1] as const;
