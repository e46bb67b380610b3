import { findCarrier, MAX_TRACKING_NUMBER_LENGTH } from '../carriers.ts';
import { isLocalDate } from '../jst.ts';
import type { LocalDate } from '../order.ts';
import type { CarrierProfile, CarrierProfileId } from './profile.ts';

/**
 * Tracking files (送り状番号取込): a carrier's issued-data export, whose rows carry the
 * shipment key juchu exported, or the simple CSV, whose rows name the order itself. The
 * format is told by the heading row.
 */
export const SIMPLE_TRACKING_HEADINGS = ['order_number', 'basket_id', 'delivery_company', 'shipping_number', 'shipping_date'] as const;

export type TrackingFormat = { readonly kind: 'carrier'; readonly profileId: CarrierProfileId } | { readonly kind: 'simple' };

export interface TrackingColumns {
  readonly format: TrackingFormat;
  readonly key: number;
  readonly number: number;
  readonly date: number | null;
  /** Simple CSV only. */
  readonly basketId: number | null;
  readonly deliveryCompany: number | null;
}

const clean = (heading: string) => heading.replace(/^\uFEFF/, '').trim();

/** The format whose headings the row holds, or null when none fits. */
export function recognizeTrackingFormat(headings: readonly string[], profiles: readonly CarrierProfile[]): TrackingColumns | null {
  const names = headings.map(clean);
  const at = (name: string) => names.indexOf(name);
  if (SIMPLE_TRACKING_HEADINGS.every((h, i) => names[i] === h)) {
    return { format: { kind: 'simple' }, key: 0, number: 3, date: 4, basketId: 1, deliveryCompany: 2 };
  }
  for (const profile of profiles) {
    const t = profile.tracking;
    if (!t || at(t.keyHeading) < 0 || at(t.numberHeading) < 0) continue;
    const date = t.dateHeading === null ? -1 : at(t.dateHeading);
    return {
      format: { kind: 'carrier', profileId: profile.id },
      key: at(t.keyHeading),
      number: at(t.numberHeading),
      date: date < 0 ? null : date,
      basketId: null,
      deliveryCompany: null,
    };
  }
  return null;
}

/** One data row as read: what it points at and the parcel it reports. */
export interface TrackingRow {
  /** 1-based line of the file (the heading is line 1). */
  readonly line: number;
  /** Shipment key (carrier files) or order number (simple CSV). */
  readonly key: string;
  readonly basketId: number | null;
  readonly deliveryCompany: string | null;
  readonly shippingNumber: string;
  readonly shippingDate: LocalDate | null;
}

export type RowReadError = { readonly line: number; readonly problem: string };

/** `2026/01/02`, `2026-1-2`, `20260102` → `2026-01-02`; null for anything else. */
export function parseCarrierDate(text: string): LocalDate | null {
  const t = text.trim();
  const m = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m) return null;
  const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isLocalDate(date) ? date : null;
}

/** Tracking numbers are compared without hyphens and spaces, which carriers print but RMS does not need. */
export function normalizeTrackingNumber(text: string): string {
  return text.replace(/[\s\u3000-]/g, '');
}

export function readTrackingRow(columns: TrackingColumns, cells: readonly string[], line: number): TrackingRow | RowReadError {
  const cell = (i: number | null) => (i === null ? '' : (cells[i] ?? '').trim());
  const key = cell(columns.key);
  const shippingNumber = normalizeTrackingNumber(cell(columns.number));
  if (key === '') return { line, problem: 'the key column is empty' };
  if (shippingNumber === '') return { line, problem: 'the tracking number is empty' };
  if ([...shippingNumber].length > MAX_TRACKING_NUMBER_LENGTH) return { line, problem: `the tracking number is over ${MAX_TRACKING_NUMBER_LENGTH} characters` };
  const dateText = cell(columns.date);
  const shippingDate = dateText === '' ? null : parseCarrierDate(dateText);
  if (dateText !== '' && shippingDate === null) return { line, problem: `"${dateText}" is not a date` };
  let basketId: number | null = null;
  let deliveryCompany: string | null = null;
  if (columns.format.kind === 'simple') {
    const basket = cell(columns.basketId);
    if (basket !== '') {
      if (!/^\d{1,10}$/.test(basket)) return { line, problem: `basket_id "${basket}" is not a number` };
      basketId = Number(basket);
    }
    deliveryCompany = cell(columns.deliveryCompany);
    if (!findCarrier(deliveryCompany)) return { line, problem: `delivery_company "${deliveryCompany}" is not an RMS carrier code` };
  }
  return { line, key, basketId, deliveryCompany, shippingNumber, shippingDate };
}

/** A cell a spreadsheet would run as a formula (CSV injection); such a file is refused. */
export function isFormulaLike(cell: string): boolean {
  return /^[=+\-@\t\r]/.test(cell);
}
