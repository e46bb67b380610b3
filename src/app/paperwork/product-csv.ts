import type { Readable } from 'node:stream';
import { DomainError } from '../../domain/errors.ts';
import type { ProductInfo } from '../../domain/paperwork/picking.ts';
// The one bounded reader of uploaded CSV files (encoding from the bytes, size and row limits,
// truncated files and formula cells refused); it came with the tracking import.
import { readTrackingFile, TrackingFileError } from '../shipping/tracking-file.ts';

/** A shop's product table is at most this many rows; more is refused rather than half-loaded. */
export const MAX_PRODUCT_ROWS = 50_000;
/** 50,000 rows of 管理番号, SKU, location and JAN fit well within this. */
export const MAX_PRODUCT_FILE_BYTES = 10 * 1024 * 1024;

/** Header names staff may use, Japanese or English, for each column. */
const HEADERS: Readonly<Record<keyof ProductInfo, readonly string[]>> = {
  manageNumber: ['管理番号', '商品管理番号', 'manageNumber', 'manage_number'],
  sku: ['SKU', 'SKU管理番号', 'sku'],
  location: ['ロケーション', '棚番', 'location'],
  jan: ['JAN', 'JANコード', 'jan'],
};

const invalid = (problem: string, line?: number): DomainError =>
  new DomainError('PRODUCT_CSV_INVALID', { problem, ...(line !== undefined && { line }) }, `product CSV${line !== undefined ? ` line ${line}` : ''}: ${problem}`);

/**
 * The product table as uploaded: a header row naming 管理番号 (required), SKU, ロケーション and JAN
 * in any order, then one row per product or SKU. A row without SKU covers every SKU of its
 * 管理番号. Any bad row refuses the whole file, naming its line.
 */
export async function readProductCsv(input: Readable): Promise<ProductInfo[]> {
  const records: string[][] = [];
  try {
    for await (const row of readTrackingFile(input, { maxBytes: MAX_PRODUCT_FILE_BYTES, maxRows: MAX_PRODUCT_ROWS })) records.push(row.cells.map((c) => c.trim()));
  } catch (err) {
    if (err instanceof TrackingFileError) throw invalid(err.message.replace(/^line \d+: /, ''), err.line ?? undefined);
    throw err;
  }
  const [header, ...rows] = records;
  if (!header) throw invalid('the file is empty');
  const column = (field: keyof ProductInfo): number => header.findIndex((h) => HEADERS[field].some((name) => name.toLowerCase() === h.toLowerCase()));
  const at = { manageNumber: column('manageNumber'), sku: column('sku'), location: column('location'), jan: column('jan') };
  if (at.manageNumber < 0) throw invalid(`no 管理番号 column (header: ${header.join(', ')})`, 1);
  if (rows.length > MAX_PRODUCT_ROWS) throw invalid(`more than ${MAX_PRODUCT_ROWS} rows`);
  const seen = new Set<string>();
  return rows.map((row, i) => {
    const line = i + 2;
    const cell = (index: number): string => (index >= 0 ? (row[index] ?? '') : '');
    const manageNumber = cell(at.manageNumber);
    if (manageNumber === '') throw invalid('管理番号 is empty', line);
    const sku = cell(at.sku);
    const jan = cell(at.jan);
    if (jan !== '' && !/^\d{8}$|^\d{13}$/.test(jan)) throw invalid(`JAN must be 8 or 13 digits: ${jan}`, line);
    const key = `${manageNumber}\u0000${sku}`;
    if (seen.has(key)) throw invalid(`管理番号 ${manageNumber}${sku ? ` / SKU ${sku}` : ''} appears twice`, line);
    seen.add(key);
    return { manageNumber, sku, location: cell(at.location) || null, jan: jan || null };
  });
}
