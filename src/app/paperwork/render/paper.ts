import PDFDocument from 'pdfkit';
import { drawCode128, encodeCode128 } from './barcode.ts';
import { fontData, printable } from './font.ts';
import type { CheckedText } from './font.ts';

export type PaperSize = 'A4' | 'A5';

const SIZES: Readonly<Record<PaperSize, readonly [number, number]>> = {
  A4: [595.28, 841.89],
  A5: [419.53, 595.28],
};

export interface TextStyle {
  readonly size?: number;
  readonly bold?: boolean;
  readonly align?: 'left' | 'right' | 'center';
  readonly color?: string;
}

/** One column of a table: its width share and alignment. */
export interface Column {
  readonly title: string;
  readonly width: number;
  readonly align?: 'left' | 'right' | 'center';
}

/** A text the font could not fully print, and where. */
export interface Substitution {
  readonly where: string;
  readonly codePoints: readonly string[];
}

const MARGIN = 28;
const PRINTABLE_CACHE_SIZE = 2000;
const CELL_PAD = 3;
/** A single cell never grows beyond this many lines: the rest is cut with an ellipsis. */
const MAX_CELL_LINES = 30;

/**
 * A pdfkit document with the page flow the papers share: a cursor that moves down, a new page
 * (with the running header the caller gives) when the next block does not fit, tables whose
 * rows wrap, and every text checked against the font first. pdfkit writes each finished page
 * to its stream as soon as the next begins, so a batch's memory stays flat.
 */
export class Paper {
  readonly doc: PDFKit.PDFDocument;
  readonly width: number;
  readonly height: number;
  y = MARGIN;
  private readonly substitutions = new Map<string, Set<string>>();
  private readonly printableCache = new Map<string, CheckedText>();
  /** Where the current document part (a slip, a sheet) is; names it in substitution reports. */
  where = '';
  private continuation: (() => void) | null = null;

  constructor(
    readonly size: PaperSize,
    info: { title: string },
  ) {
    const [width, height] = SIZES[size];
    this.width = width;
    this.height = height;
    this.doc = new PDFDocument({ size: [width, height], margin: MARGIN, autoFirstPage: false, bufferPages: false, info: { Title: info.title, Creator: 'juchu' } });
    this.doc.registerFont('regular', fontData('regular'));
    this.doc.registerFont('bold', fontData('bold'));
  }

  get left(): number {
    return MARGIN;
  }

  get contentWidth(): number {
    return this.width - 2 * MARGIN;
  }

  private get bottom(): number {
    return this.height - MARGIN;
  }

  /** A new page for a new document part; `onContinue` draws the header of its later pages. */
  startPart(where: string, onContinue: (() => void) | null = null): void {
    this.where = where;
    this.continuation = onContinue;
    this.newPage();
  }

  private newPage(): void {
    this.doc.addPage({ size: [this.width, this.height], margin: MARGIN });
    this.y = MARGIN;
  }

  /** Makes room for `height`: a new page (with the part's running header) when it does not fit. */
  ensure(height: number): void {
    if (this.y + height <= this.bottom) return;
    this.newPage();
    this.continuation?.();
  }

  /** The text as it will print; `record` notes its replaced characters against the current part. */
  private checked(text: string, record: boolean): string {
    // Each text is measured, then drawn: check it against the font once. Bounded, so a batch does not grow it.
    let result = this.printableCache.get(text);
    if (!result) {
      if (this.printableCache.size >= PRINTABLE_CACHE_SIZE) this.printableCache.clear();
      result = printable(text);
      this.printableCache.set(text, result);
    }
    if (record && result.missing.length > 0) {
      const set = this.substitutions.get(this.where) ?? new Set<string>();
      for (const code of result.missing) set.add(code);
      this.substitutions.set(this.where, set);
    }
    return result.text;
  }

  private style(s: TextStyle): void {
    this.doc.font(s.bold ? 'bold' : 'regular').fontSize(s.size ?? 9).fillColor(s.color ?? '#000000');
  }

  textHeight(text: string, width: number, s: TextStyle = {}): number {
    this.style(s);
    return this.doc.heightOfString(this.checked(text, false), { width, lineGap: 1 });
  }

  /** Text at (x, y) within width, wrapping; answers its height. Does not move the cursor. */
  textAt(text: string, x: number, y: number, width: number, s: TextStyle = {}, maxHeight?: number): number {
    this.style(s);
    const value = this.checked(text, true);
    const options = { width, align: s.align ?? 'left', lineGap: 1, ...(maxHeight !== undefined && { height: maxHeight, ellipsis: '…' }) } as const;
    // pdfkit leaves its cursor below what it drew: measuring again would wrap the text a second time.
    this.doc.text(value, x, y, options);
    return Math.min(this.doc.y - y, maxHeight ?? Number.POSITIVE_INFINITY);
  }

  /** A paragraph across the page at the cursor, which moves below it. */
  paragraph(text: string, s: TextStyle = {}, gap = 2): void {
    const height = this.textHeight(text, this.contentWidth, s);
    this.ensure(height);
    this.textAt(text, this.left, this.y, this.contentWidth, s);
    this.y += height + gap;
  }

  rule(weight = 0.5): void {
    this.doc.moveTo(this.left, this.y).lineTo(this.left + this.contentWidth, this.y).lineWidth(weight).strokeColor('#000000').stroke();
    this.y += 3;
  }

  /** Column x positions for widths given as shares of the content width. */
  private columnsAt(columns: readonly Column[]): { x: number; width: number }[] {
    const total = columns.reduce((acc, c) => acc + c.width, 0);
    let x = this.left;
    return columns.map((c) => {
      const width = (c.width / total) * this.contentWidth;
      const at = { x, width };
      x += width;
      return at;
    });
  }

  tableHeader(columns: readonly Column[], s: TextStyle = {}): void {
    const at = this.columnsAt(columns);
    const style = { size: s.size ?? 8, bold: true };
    const height = Math.max(...columns.map((c, i) => this.textHeight(c.title, at[i]!.width - 2 * CELL_PAD, style))) + 2 * CELL_PAD;
    this.ensure(height + 14);
    this.doc.rect(this.left, this.y, this.contentWidth, height).fillColor('#e8e8e8').fill();
    columns.forEach((c, i) => this.textAt(c.title, at[i]!.x + CELL_PAD, this.y + CELL_PAD, at[i]!.width - 2 * CELL_PAD, { ...style, align: c.align }));
    this.y += height;
  }

  /**
   * One row; cells are texts, wrapped in their column. A row that does not fit starts a new page
   * (the part's header, then `repeatHeader`) rather than split across two.
   */
  tableRow(columns: readonly Column[], cells: readonly string[], s: TextStyle = {}, repeatHeader?: () => void): void {
    const at = this.columnsAt(columns);
    const lineHeight = this.textHeight('あ', 100, s);
    const maxHeight = lineHeight * MAX_CELL_LINES;
    const heights = cells.map((text, i) => Math.min(this.textHeight(text, at[i]!.width - 2 * CELL_PAD, s), maxHeight));
    const height = Math.max(...heights) + 2 * CELL_PAD;
    if (this.y + height > this.bottom) {
      this.ensure(height);
      repeatHeader?.();
    }
    cells.forEach((text, i) => this.textAt(text, at[i]!.x + CELL_PAD, this.y + CELL_PAD, at[i]!.width - 2 * CELL_PAD, { ...s, align: columns[i]!.align }, maxHeight));
    this.y += height;
    this.doc.moveTo(this.left, this.y).lineTo(this.left + this.contentWidth, this.y).lineWidth(0.3).strokeColor('#999999').stroke();
  }

  /** Code 128 of `text` at (x, y), `height` tall; answers its width. */
  barcode(text: string, x: number, y: number, height: number, moduleWidth = 1): number {
    return drawCode128(this.doc, encodeCode128(text), x, y, moduleWidth, height);
  }

  image(data: Buffer, x: number, y: number, fit: [number, number]): boolean {
    try {
      this.doc.image(data, x, y, { fit });
      return true;
    } catch {
      // A logo pdfkit cannot read (not PNG or JPEG, or damaged) is left out, never a broken PDF.
      return false;
    }
  }

  /** The parts that had characters replaced with 〓, and which. */
  report(): Substitution[] {
    return [...this.substitutions].map(([where, codes]) => ({ where, codePoints: [...codes] }));
  }

  /** The characters replaced so far in the current part. */
  replacedHere(): readonly string[] {
    return [...(this.substitutions.get(this.where) ?? [])];
  }

  end(): void {
    this.doc.end();
  }
}
