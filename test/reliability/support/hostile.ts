import fc from 'fast-check';

/** How many inputs each property tries: small in CI, large for the figures in docs/RELIABILITY.md. */
export const FUZZ_RUNS = Number(process.env.JUCHU_FUZZ_RUNS ?? 40);

/** Strings that have broken other systems: injections, markup, encodings, control characters. */
export const NASTY_STRINGS: readonly string[] = [
  "' OR '1'='1",
  "'; DROP TABLE orders; --",
  '" OR ""="',
  '1; DELETE FROM outbox',
  '%',
  '_',
  '\\',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{constructor.constructor("return process")()}}',
  '__proto__',
  'constructor',
  '../../../../etc/passwd',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF',
  '\u202Eevil\u202C',
  '\u200B\u200D\uFEFF',
  'ｼﾞｭﾁｭｳ１２３',
  '𠮷野家🍣',
  'e\u0301\u0301\u0301',
  ' ',
  '',
  '\r\n\r\nX-Injected: 1',
  '-9999',
  'NaN',
  'Infinity',
  '1e309',
  '0x10',
  'x'.repeat(10_000),
];

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

export const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(-1, -9999, 0, 0.5, -0, 2 ** 31, 2 ** 53, Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308, Number.MIN_VALUE),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Any JSON value whose leaves are hostile. */
export const nastyJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    nastyString,
    nastyNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(nastyString, fc.constantFrom('version', 'packages', 'basketId', 'items', 'reason', 'orderNumbers', '__proto__')), tie('value'), {
      maxKeys: 4,
    }),
  ),
})).value;

/** A field's value: usually hostile, sometimes plausible, so validation is passed now and then and the domain is reached. */
export function maybe<T>(plausible: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof(plausible, nastyJson);
}
