import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Reading PDFs back with Debian's poppler-utils (pdftotext, pdfinfo, pdftoppm), installed by
 * `.ci/run`: a PDF these cannot read is a broken PDF.
 */
function withFile<T>(pdf: Buffer, work: (path: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'juchu-pdf-'));
  try {
    const path = join(dir, 'in.pdf');
    writeFileSync(path, pdf);
    return work(path, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function pdfText(pdf: Buffer, layout = true): string {
  return withFile(pdf, (path) => execFileSync('pdftotext', [...(layout ? ['-layout'] : []), path, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
}

export function pdfPages(pdf: Buffer): number {
  const info = withFile(pdf, (path) => execFileSync('pdfinfo', [path], { encoding: 'utf8' }));
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}

/** Raster images drawn in the PDF (pdfimages -list: two header lines, then a row per image, its alpha mask a row of type smask). */
export function pdfImageCount(pdf: Buffer): number {
  const list = withFile(pdf, (path) => execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' }));
  return list
    .split('\n')
    .slice(2)
    .filter((row) => row.trim().split(/\s+/)[2] === 'image').length;
}

export interface Gray {
  readonly width: number;
  readonly height: number;
  /** One byte per pixel, 0 black … 255 white, row by row. */
  readonly pixels: Buffer;
}

/** Page `page` rendered in gray at `dpi` (pdftoppm writes PGM, parsed here). */
export function pdfPageGray(pdf: Buffer, page: number, dpi: number): Gray {
  return withFile(pdf, (path, dir) => {
    execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', path, join(dir, 'page')]);
    return parsePgm(readFileSync(join(dir, 'page.pgm')));
  });
}

export function pdfPagePng(pdf: Buffer, page: number, dpi: number): Buffer {
  return withFile(pdf, (path, dir) => {
    execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', path, join(dir, 'page')]);
    return readFileSync(join(dir, 'page.png'));
  });
}

function parsePgm(data: Buffer): Gray {
  // Header: "P5", width, height, maxval, each separated by whitespace, then one byte per pixel.
  const fields: string[] = [];
  let at = 0;
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(data[at]!))) at++;
    let field = '';
    while (!/\s/.test(String.fromCharCode(data[at]!))) field += String.fromCharCode(data[at++]!);
    fields.push(field);
  }
  if (fields[0] !== 'P5' || fields[3] !== '255') throw new Error(`not an 8-bit PGM: ${fields.join(' ')}`);
  return { width: Number(fields[1]), height: Number(fields[2]), pixels: data.subarray(at + 1) };
}

/** Dark and light runs along row `y`, from the first dark pixel to the last, as lengths in pixels. */
export function darkRuns(image: Gray, y: number, fromX = 0, toX = image.width): number[] {
  const row = image.pixels.subarray(y * image.width, (y + 1) * image.width);
  const runs: number[] = [];
  let dark: boolean | null = null;
  for (let x = fromX; x < toX; x++) {
    const isDark = row[x]! < 128;
    if (dark === null) {
      if (!isDark) continue;
      dark = true;
      runs.push(0);
    }
    if (isDark !== dark) {
      runs.push(0);
      dark = isDark;
    }
    runs[runs.length - 1]!++;
  }
  // Ends on the last dark run: drop the trailing light one.
  if (runs.length % 2 === 0) runs.pop();
  return runs;
}
