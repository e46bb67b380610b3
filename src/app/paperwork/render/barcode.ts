import bwipjs from 'bwip-js';

/**
 * Code 128 as vector bars: bwip-js encodes (start code, code sets, check digit, stop), the bars
 * are drawn as rectangles, so the barcode stays sharp at any printer resolution.
 */
export interface Code128 {
  /** Alternating bar and space widths in modules, starting with a bar. */
  readonly modules: readonly number[];
  readonly totalModules: number;
}

export function encodeCode128(text: string): Code128 {
  const [symbol] = bwipjs.raw({ bcid: 'code128', text }) as { sbs: number[] }[];
  if (!symbol) throw new Error(`bwip-js gave no Code 128 for ${JSON.stringify(text)}`);
  return { modules: symbol.sbs, totalModules: symbol.sbs.reduce((a, b) => a + b, 0) };
}

/** What draws the bars: pdfkit's document, or anything with the same two calls. */
export interface BarSurface {
  rect(x: number, y: number, w: number, h: number): unknown;
  fill(color?: string): unknown;
}

/** Draws the bars with their quiet zones (10 modules each side) inside width × height at (x, y). */
export function drawCode128(surface: BarSurface, code: Code128, x: number, y: number, moduleWidth: number, height: number): number {
  const quiet = 10 * moduleWidth;
  let at = x + quiet;
  code.modules.forEach((width, i) => {
    if (i % 2 === 0) surface.rect(at, y, width * moduleWidth, height);
    at += width * moduleWidth;
  });
  surface.fill('#000000');
  return at + quiet - x;
}
