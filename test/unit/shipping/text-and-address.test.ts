import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { addressWords, splitAddress } from '../../../src/domain/shipping/address.ts';
import { trackingCheckDigitOk, withCheckDigit } from '../../../src/domain/shipping/check-digit.ts';
import { sjisWidth, toCarrierText } from '../../../src/domain/shipping/text.ts';

const lenient = { jisX0208Only: false };
const strict = { jisX0208Only: true };

describe('CP932 text for carriers', () => {
  it('maps the characters Unicode and Shift_JIS tables disagree on', () => {
    expect(toCarrierText('1〜2 −3 ‖ — ¢£¬ ¥', lenient)).toEqual({ text: '1～2 －3 ∥ ― ￠￡￢ ￥', unencodable: [] });
    expect(toCarrierText('𠮷野家', lenient).text).toBe('吉野家');
  });

  it('reports what has no mapping instead of writing ?', () => {
    const out = toCarrierText('東京😀都😀', lenient);
    expect(out.unencodable).toEqual([{ char: '😀', codePoint: 'U+1F600', reason: 'not-cp932' }]);
  });

  it('B2 (JIS X 0208 only) maps 髙 and 﨑 and reports NEC/IBM specials', () => {
    expect(toCarrierText('髙﨑', strict)).toEqual({ text: '高崎', unencodable: [] });
    expect(toCarrierText('①㈱', strict).unencodable.map((u) => u.reason)).toEqual(['machine-dependent', 'machine-dependent']);
    expect(toCarrierText('①㈱', lenient).unencodable).toEqual([]);
  });

  it('property: text reported clean encodes to CP932 and decodes back unchanged, and width is its byte length', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => {
        const out = toCarrierText(s, lenient);
        if (out.unencodable.length === 0) {
          const bytes = iconv.encode(out.text, 'cp932');
          expect(iconv.decode(bytes, 'cp932')).toBe(out.text);
          expect(sjisWidth(out.text)).toBe(bytes.length);
        } else {
          for (const u of out.unencodable) expect(out.text).toContain(u.char);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('address splitting', () => {
  it('keeps words whole and separates them with a space', () => {
    const words = addressWords({ prefecture: '東京都', city: '世田谷区玉川', subAddress: '1-14-1　楽天クリムゾンハウス 101号室' });
    expect(splitAddress(words, [32, 32, 32])).toEqual({ lines: ['東京都世田谷区玉川 1-14-1', '楽天クリムゾンハウス 101号室', ''], overflow: '' });
  });

  it('reports what does not fit instead of cutting it', () => {
    const out = splitAddress(['東京都千代田区', 'とても長い建物の名前がここに入ります'], [16, 16]);
    expect(out.overflow).not.toBe('');
    expect(out.lines.join('') + out.overflow.replace(/ /g, '')).toBe('東京都千代田区とても長い建物の名前がここに入ります');
  });

  it('property: every line within its width; the words come back in order, none lost', () => {
    const word = fc.string({ unit: fc.constantFrom('東', '京', 'ｱ', 'a', '1', '-', '号'), minLength: 1, maxLength: 25 });
    fc.assert(
      fc.property(fc.array(word, { maxLength: 8 }), fc.array(fc.integer({ min: 2, max: 40 }), { minLength: 1, maxLength: 4 }), (words, widths) => {
        const out = splitAddress(words, widths);
        out.lines.forEach((line, i) => expect(sjisWidth(line)).toBeLessThanOrEqual(widths[i]!));
        const strip = (s: string) => s.replace(/ /g, '');
        expect(strip(out.lines.join('')) + strip(out.overflow)).toBe(words.join(''));
      }),
      { numRuns: 500 },
    );
  });
});

describe('12-digit tracking numbers', () => {
  it('checks the mod-7 digit only for exactly 12 digits', () => {
    expect(trackingCheckDigitOk('123456789013')).toBe(true); // 12345678901 mod 7 = 3
    expect(trackingCheckDigitOk('123456789012')).toBe(false);
    expect(trackingCheckDigitOk('12345678901')).toBeNull();
    expect(trackingCheckDigitOk('EJ123456789JP')).toBeNull();
  });

  it('property: a number with its digit passes; changing the last digit to another fails unless ≡ mod 7', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{11}$/), fc.integer({ min: 0, max: 9 }), (body, last) => {
        const good = withCheckDigit(body);
        expect(trackingCheckDigitOk(good)).toBe(true);
        const other = `${body}${last}`;
        expect(trackingCheckDigitOk(other)).toBe(last === Number(good[11]));
      }),
    );
  });
});
