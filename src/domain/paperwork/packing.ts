import type { Package } from '../order.ts';
import type { ProductTable } from './picking.ts';
import { manageNumberOf, skuOf } from './slip.ts';

/**
 * 検品 (the packing check) of one parcel: each scanned item code counts one unit of the line it
 * names. The codes a line answers to are its SKU and JAN (exact) and its 管理番号 (which may
 * cover several SKU lines: the first one still short is counted).
 */
export interface PackingLine {
  readonly manageNumber: string;
  readonly sku: string;
  readonly jan: string | null;
  readonly name: string;
  readonly options: string;
  readonly expected: number;
  readonly counted: number;
}

export type ScanOutcome =
  | { readonly kind: 'counted'; readonly line: number; readonly complete: boolean }
  | { readonly kind: 'wrongItem'; readonly code: string }
  | { readonly kind: 'tooMany'; readonly line: number };

export function packingLines(pkg: Package, products: ProductTable): PackingLine[] {
  return pkg.items
    .filter((item) => item.units > 0)
    .map((item) => {
      const manageNumber = manageNumberOf(item);
      const sku = skuOf(item);
      return {
        manageNumber,
        sku,
        jan: products.find(manageNumber, sku)?.jan ?? null,
        name: item.name,
        options: item.sku?.skuInfo ?? item.selectedChoice ?? '',
        expected: item.units,
        counted: 0,
      };
    });
}

/** Scanners add stray spaces and case varies between printed and typed codes. */
export function normalizeCode(code: string): string {
  return code.trim().toUpperCase();
}

/** One scan: the lines after it and what happened. A refused scan leaves the lines as they were. */
export function applyScan(lines: readonly PackingLine[], scanned: string): { lines: PackingLine[]; outcome: ScanOutcome } {
  const code = normalizeCode(scanned);
  const exact = indexesWhere(lines, (l) => (l.sku !== '' && normalizeCode(l.sku) === code) || (l.jan !== null && normalizeCode(l.jan) === code));
  const matching = exact.length > 0 ? exact : indexesWhere(lines, (l) => normalizeCode(l.manageNumber) === code);
  if (code === '' || matching.length === 0) return { lines: [...lines], outcome: { kind: 'wrongItem', code: scanned.trim() } };
  const open = matching.find((i) => lines[i]!.counted < lines[i]!.expected);
  if (open === undefined) return { lines: [...lines], outcome: { kind: 'tooMany', line: matching[0]! } };
  const next = lines.map((l, i) => (i === open ? { ...l, counted: l.counted + 1 } : l));
  return { lines: next, outcome: { kind: 'counted', line: open, complete: isComplete(next) } };
}

export function isComplete(lines: readonly PackingLine[]): boolean {
  return lines.every((l) => l.counted === l.expected);
}

function indexesWhere(lines: readonly PackingLine[], test: (l: PackingLine) => boolean): number[] {
  return lines.flatMap((l, i) => (test(l) ? [i] : []));
}
