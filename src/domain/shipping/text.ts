import iconv from 'iconv-lite';

/**
 * Text bound for a carrier's CSV, which is read as CP932 (Shift_JIS with Microsoft's
 * extensions). Characters CP932 lacks but that have a standard counterpart are mapped (the
 * wave dash and the other characters Unicode↔Shift_JIS tables disagree on, a few rare
 * variants); anything else is reported, never written as `?`.
 */

/** Unicode characters that CP932 writes with another code point (the well-known mismatches of JIS tables). */
const STANDARD_MAPPINGS: ReadonlyMap<string, string> = new Map([
  ['\u301C', '\uFF5E'], // 〜 WAVE DASH → ～ FULLWIDTH TILDE
  ['\u2212', '\uFF0D'], // − MINUS SIGN → － FULLWIDTH HYPHEN-MINUS
  ['\u2016', '\u2225'], // ‖ DOUBLE VERTICAL LINE → ∥ PARALLEL TO
  ['\u2014', '\u2015'], // — EM DASH → ― HORIZONTAL BAR
  ['\u00A2', '\uFFE0'], // ¢ → ￠
  ['\u00A3', '\uFFE1'], // £ → ￡
  ['\u00AC', '\uFFE2'], // ¬ → ￢
  ['\u00A5', '\uFFE5'], // ¥ → ￥ (0x5C would read back as a backslash)
  ['\u00A0', ' '], // no-break space
  ['\u{20BB7}', '吉'], // 𠮷 (つちよし) → 吉, as peers print it
  ['\u7E6B', '\u7E4B'], // 繫 → 繋
]);

/**
 * CP932's NEC and IBM extension kanji are outside JIS X 0208 (level 1/2), which B2クラウド
 * insists on; for those the usual variants are used.
 */
const JIS_X0208_VARIANTS: ReadonlyMap<string, string> = new Map([
  ['髙', '高'],
  ['﨑', '崎'],
]);

export type UnencodableReason = 'not-cp932' | 'machine-dependent';

export interface Unencodable {
  readonly char: string;
  /** `U+XXXX`, so a log or an error can name it unambiguously. */
  readonly codePoint: string;
  readonly reason: UnencodableReason;
}

export interface CarrierText {
  readonly text: string;
  readonly unencodable: readonly Unencodable[];
}

export interface TextRules {
  /** Only JIS X 0208 (level 1 and 2 kanji, no NEC/IBM extensions): B2クラウド. */
  readonly jisX0208Only: boolean;
}

/** What CP932 makes of a character, worked out once per character (an export asks millions of times). */
type Standing = 'ok' | 'not-cp932' | 'machine-dependent';
const standings = new Map<string, Standing>();

function standingOf(char: string): Standing {
  let standing = standings.get(char);
  if (standing === undefined) {
    const bytes = iconv.encode(char, 'cp932');
    // iconv-lite writes `?` for what CP932 lacks, and some characters come back as others.
    if (iconv.decode(bytes, 'cp932') !== char) standing = 'not-cp932';
    else {
      // Lead bytes of CP932's extensions: 0x87 NEC specials (①, ㈱ …), 0xED–0xEE NEC-selected IBM, 0xFA–0xFC IBM.
      const lead = bytes.length === 2 ? bytes[0]! : 0;
      standing = lead === 0x87 || lead === 0xed || lead === 0xee || (lead >= 0xfa && lead <= 0xfc) ? 'machine-dependent' : 'ok';
    }
    standings.set(char, standing);
  }
  return standing;
}

export function codePoint(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * `input` as the carrier can take it: NFC-composed, line breaks and tabs as spaces, standard
 * mappings applied, and every character still out of reach listed once.
 */
export function toCarrierText(input: string, rules: TextRules): CarrierText {
  let text = '';
  const unencodable: Unencodable[] = [];
  const seen = new Set<string>();
  for (const raw of input.normalize('NFC').replace(/[\r\n\t]+/g, ' ')) {
    let char = STANDARD_MAPPINGS.get(raw) ?? raw;
    if (rules.jisX0208Only) char = JIS_X0208_VARIANTS.get(char) ?? char;
    const standing = char.charCodeAt(0) < 0x80 ? 'ok' : standingOf(char);
    const reason: UnencodableReason | null = standing === 'not-cp932' ? 'not-cp932' : standing === 'machine-dependent' && rules.jisX0208Only ? 'machine-dependent' : null;
    if (reason !== null && !seen.has(char)) {
      seen.add(char);
      unencodable.push({ char, codePoint: codePoint(char), reason });
    }
    text += char;
  }
  return { text, unencodable };
}

/** Width as carriers count it: bytes in CP932, so a full-width character counts 2 and half-width kana 1. */
export function sjisWidth(text: string): number {
  let width = 0;
  for (const char of text) width += char.codePointAt(0)! < 0x80 || (char >= '\uFF61' && char <= '\uFF9F') ? 1 : 2;
  return width;
}

/**
 * Full-width katakana (and hiragana, read as katakana) → half-width, for the carriers' kana
 * columns (B2 お届け先名(ｶﾅ): half-width kana, REFERENCE §1.2). Built by inverting Unicode's
 * own compatibility mapping of the half-width forms, so it holds exactly the characters
 * that have one; the voiced marks come apart first (ガ → ｶﾞ).
 */
const HALF_WIDTH_KANA: ReadonlyMap<string, string> = new Map(
  Array.from({ length: 0xff9f - 0xff61 + 1 }, (_, i) => String.fromCharCode(0xff61 + i)).map((half) => [half.normalize('NFKC'), half]),
);

export interface HalfWidthKana {
  readonly text: string;
  /** Characters with no half-width form (kanji, ヶ, ヮ …), each once. */
  readonly unconvertible: readonly string[];
}

export function toHalfWidthKana(input: string): HalfWidthKana {
  let text = '';
  const unconvertible: string[] = [];
  // NFKC first: full-width letters and digits and the ideographic space become ASCII.
  for (const char of input.normalize('NFKC').normalize('NFD')) {
    const code = char.charCodeAt(0);
    const katakana = code >= 0x3041 && code <= 0x3096 ? String.fromCharCode(code + 0x60) : char;
    const half = code >= 0x20 && code < 0x7f ? char : HALF_WIDTH_KANA.get(katakana);
    if (half !== undefined) text += half;
    else if (!unconvertible.includes(char.normalize('NFC'))) unconvertible.push(char.normalize('NFC'));
  }
  return { text, unconvertible };
}
