/**
 * The check digit of 12-digit tracking numbers issued by ヤマト, 佐川 and 日本郵便 (REFERENCE
 * §1.5, §2.4, §3: mark L): the last digit is the first eleven, read as one number, modulo 7.
 * Numbers of any other length carry no digit we know of and are not checked.
 */
/** True or false for a number of exactly 12 digits; null when the rule does not apply. */
export function trackingCheckDigitOk(trackingNumber: string): boolean | null {
  if (!/^\d{12}$/.test(trackingNumber)) return null;
  return Number(BigInt(trackingNumber.slice(0, 11)) % 7n) === Number(trackingNumber[11]);
}

/** The digit that completes an 11-digit body (for tests and the sandbox's carrier stand-ins). */
export function withCheckDigit(body11: string): string {
  if (!/^\d{11}$/.test(body11)) throw new RangeError('expected 11 digits');
  return `${body11}${Number(BigInt(body11) % 7n)}`;
}
