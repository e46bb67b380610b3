import { CsvError, parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { Transform } from 'node:stream';
import type { Readable, TransformCallback } from 'node:stream';
import { isFormulaLike } from '../../domain/shipping/index.ts';

/**
 * Reading an uploaded tracking file as a stream of rows: the encoding told from the bytes
 * (a UTF-8 BOM, else valid UTF-8, else CP932), the size and the row count bounded, and the
 * whole file refused for anything that makes its rows untrustworthy — bytes the encoding
 * cannot read, an unclosed quote (a truncated file), a line break inside a cell, rows of
 * different lengths, a cell a spreadsheet would run as a formula.
 */
export const MAX_TRACKING_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_TRACKING_FILE_ROWS = 50_000;

export type TrackingFileProblem =
  | 'FILE_TOO_LARGE'
  | 'FILE_TOO_MANY_ROWS'
  | 'FILE_ENCODING'
  | 'FILE_TRUNCATED'
  | 'FILE_MALFORMED'
  | 'FILE_FORMULA'
  | 'FILE_EMPTY'
  | 'FILE_UNKNOWN_FORMAT'
  | 'FILE_WRONG_CARRIER';

/** The whole file is refused; `line` (1-based, the heading is 1) names where, when known. */
export class TrackingFileError extends Error {
  constructor(
    readonly problem: TrackingFileProblem,
    readonly line: number | null,
    detail: string,
  ) {
    super(line === null ? detail : `line ${line}: ${detail}`);
    this.name = 'TrackingFileError';
  }
}

export type Encoding = 'utf-8' | 'cp932';

export interface FileLimits {
  readonly maxBytes: number;
  readonly maxRows: number;
}

export const DEFAULT_FILE_LIMITS: FileLimits = { maxBytes: MAX_TRACKING_FILE_BYTES, maxRows: MAX_TRACKING_FILE_ROWS };

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Whether `bytes` is UTF-8, allowing a character cut at the end of the chunk. */
function looksUtf8(bytes: Buffer): boolean {
  for (let cut = 0; cut <= 3 && cut < bytes.length + 1; cut++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, bytes.length - cut));
      return true;
    } catch {
      // a multi-byte character may be cut at the chunk's end: try without its bytes
    }
  }
  return false;
}

/** Bytes → text, the encoding decided on the first chunk; counts bytes against the limit. */
class Decoder extends Transform {
  encoding: Encoding | null = null;
  private bytes = 0;
  private utf8: TextDecoder | null = null;
  private cp932: ReturnType<typeof iconv.getDecoder> | null = null;
  /** Newlines passed on so far, to name the line of an encoding error. */
  private lines = 1;

  constructor(private readonly maxBytes: number) {
    super({ readableObjectMode: false, decodeStrings: true });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) return done(new TrackingFileError('FILE_TOO_LARGE', null, `the file is over ${this.maxBytes} bytes`));
    let data = chunk;
    if (this.encoding === null) {
      if (data.subarray(0, 3).equals(BOM)) {
        data = data.subarray(3);
        this.encoding = 'utf-8';
      } else this.encoding = looksUtf8(data) ? 'utf-8' : 'cp932';
      if (this.encoding === 'utf-8') this.utf8 = new TextDecoder('utf-8', { fatal: true });
      else this.cp932 = iconv.getDecoder('cp932');
    }
    try {
      done(null, this.text(data, false));
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      done(null, this.encoding === null ? '' : this.text(Buffer.alloc(0), true));
    } catch (err) {
      done(err as Error);
    }
  }

  private text(data: Buffer, end: boolean): string {
    let text: string;
    try {
      text = this.utf8 ? this.utf8.decode(data, { stream: !end }) : this.cp932!.write(data) + (end ? (this.cp932!.end() ?? '') : '');
    } catch {
      throw new TrackingFileError('FILE_ENCODING', this.lines, 'the file is neither CP932 (Shift_JIS) nor UTF-8');
    }
    const bad = text.indexOf('\uFFFD');
    if (bad >= 0) {
      const line = this.lines + (text.slice(0, bad).match(/\n/g)?.length ?? 0);
      throw new TrackingFileError('FILE_ENCODING', line, `bytes that ${this.encoding === 'utf-8' ? 'UTF-8' : 'CP932'} cannot read`);
    }
    this.lines += text.match(/\n/g)?.length ?? 0;
    return text;
  }
}

export interface FileRow {
  /** 1-based; the heading row is line 1. */
  readonly line: number;
  readonly cells: readonly string[];
}

/**
 * The rows of `input`, the heading first. Throws TrackingFileError on the first fault found;
 * rows already handed out must then be discarded by the caller.
 */
export async function* readTrackingFile(input: Readable, limits: FileLimits = DEFAULT_FILE_LIMITS): AsyncGenerator<FileRow> {
  const decoder = new Decoder(limits.maxBytes);
  const parser = parse({ bom: true, skip_empty_lines: true, info: true, relax_column_count: false });
  input.on('error', (err) => decoder.destroy(err));
  decoder.on('error', (err) => parser.destroy(err));
  input.pipe(decoder).pipe(parser);
  let rows = 0;
  let headings: readonly string[] = [];
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const line = info.lines;
      rows++;
      if (rows === 1) headings = record;
      if (rows - 1 > limits.maxRows) throw new TrackingFileError('FILE_TOO_MANY_ROWS', line, `more than ${limits.maxRows} rows`);
      record.forEach((cell, i) => {
        if (/[\r\n]/.test(cell)) throw new TrackingFileError('FILE_MALFORMED', line, `a line break inside the cell of column ${headings[i] ?? i + 1}`);
        if (rows > 1 && isFormulaLike(cell)) throw new TrackingFileError('FILE_FORMULA', line, `column ${headings[i] ?? i + 1} starts like a formula ("${cell.slice(0, 20)}")`);
      });
      yield { line, cells: record };
    }
  } catch (err) {
    input.unpipe(decoder);
    input.resume();
    throw asFileError(err);
  }
  if (rows === 0) throw new TrackingFileError('FILE_EMPTY', null, 'the file has no rows');
}

function asFileError(err: unknown): unknown {
  if (err instanceof TrackingFileError) return err;
  const code = (err as { code?: string }).code;
  const line = (err as { lines?: number }).lines ?? null;
  if (code === 'CSV_QUOTE_NOT_CLOSED') return new TrackingFileError('FILE_TRUNCATED', line, 'a quoted cell is never closed (the file looks cut off)');
  if (code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' || code === 'CSV_RECORD_DONT_MATCH_COLUMNS_LENGTH') {
    return new TrackingFileError('FILE_MALFORMED', line, 'a row has a different number of columns than the heading (the file may be cut off)');
  }
  // Every other refusal of csv-parse (its codes do not all start with CSV_, e.g. INVALID_OPENING_QUOTE).
  if (err instanceof CsvError) return new TrackingFileError('FILE_MALFORMED', line, err.message);
  return err;
}
