import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

/**
 * The Japanese font every paper is set in: Noto Sans JP as whole TTF files shipped by an npm
 * package (no download at run time, no unicode-range slices). pdfkit embeds only the glyphs a
 * document uses, so a slip carries some tens of kilobytes of it, not five megabytes.
 */
const require = createRequire(import.meta.url);
const FILES = {
  regular: '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf',
} as const;

export type FontWeight = keyof typeof FILES;

/** Printed in place of a character the font lacks: 〓 (ゲタ), the typesetter's mark for a missing glyph. */
export const SUBSTITUTE = '〓';

interface LoadedFont {
  readonly data: Buffer;
  readonly font: fontkit.Font;
}

const loaded = new Map<FontWeight, LoadedFont>();

/** Read once per process: each document registers the same bytes. */
export function fontData(weight: FontWeight): Buffer {
  return load(weight).data;
}

function load(weight: FontWeight): LoadedFont {
  let entry = loaded.get(weight);
  if (!entry) {
    const data = readFileSync(require.resolve(FILES[weight]));
    const font = fontkit.create(data);
    if (!('hasGlyphForCodePoint' in font)) throw new Error(`${FILES[weight]} is a font collection, not a font`);
    entry = { data, font };
    loaded.set(weight, entry);
  }
  return entry;
}

export interface CheckedText {
  readonly text: string;
  /** Code points the font cannot print, as U+XXXX, each once. */
  readonly missing: readonly string[];
}

/**
 * `text` with every character the font lacks replaced by 〓, so a PDF never shows an empty box
 * or breaks, and the caller can say which characters were replaced. Control characters other
 * than line breaks become spaces. Both weights cover the same characters.
 */
export function printable(text: string): CheckedText {
  const { font } = load('regular');
  let out = '';
  const missing: string[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\n') out += ch;
    else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) out += ' ';
    // Variation selectors ride on the character before them; the font maps the base character.
    else if (cp >= 0xfe00 && cp <= 0xfe0f) continue;
    else if (cp >= 0xe0100 && cp <= 0xe01ef) continue;
    else if (font.hasGlyphForCodePoint(cp)) out += ch;
    else {
      out += SUBSTITUTE;
      const code = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
      if (!missing.includes(code)) missing.push(code);
    }
  }
  return { text: out, missing };
}
