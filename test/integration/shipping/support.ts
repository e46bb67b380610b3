import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';
import { Readable } from 'node:stream';
import { SYSTEM_CALLER } from '../../../src/app/caller.ts';
import { emptyExportSummary } from '../../../src/app/shipping/label-export.ts';
import type { LabelSelection } from '../../../src/app/shipping/label-export.ts';
import type { ShippingService } from '../../../src/app/shipping/shipping-service.ts';
import { withCheckDigit } from '../../../src/domain/shipping/check-digit.ts';
import type { Harness } from '../sync/harness.ts';
import { SHOP, STAFF } from '../sync/harness.ts';

export const PROFILE = {
  displayName: 'テスト店',
  postalCode: '150-0001',
  address1: '東京都渋谷区神宮前1-2-3',
  address2: 'テストビル5階',
  phone: '03-1234-5678',
  email: 'shop@example.jp',
  invoiceRegistrationNumber: '',
  logo: '',
  sender: { name: '', postalCode: '', address1: '', address2: '', phone: '' },
};

/** The shipping service over a harness, with the shop's profile and B2 contract filled in. */
export async function shippingFor(h: Harness, contract = { billingCustomerCode: '0312345678', freightNumber: '01', carrierCustomerCode: '123456789012' }) {
  const { settings } = h.app;
  await settings.save(SYSTEM_CALLER, SHOP, 'profile', PROFILE, 0, STAFF);
  const shipping = await settings.view(SYSTEM_CALLER, SHOP, 'shipping');
  await settings.save(SYSTEM_CALLER, SHOP, 'shipping', { ...shipping.document, contract }, 0, STAFF);
  return { settings, service: h.app.shipping };
}

/** Orders placed, confirmed and moved by RMS to 300, so juchu has them 新規受付. */
export async function newOrders(h: Harness, count: number, scenario: Parameters<Harness['place']>[0] = 'card_ok'): Promise<string[]> {
  const numbers = h.place(scenario, count);
  await h.sync();
  for (const n of numbers) await h.orders.confirm(SYSTEM_CALLER, n, undefined, STAFF);
  await h.sync();
  h.advance(30 * 60);
  await h.sync();
  return numbers;
}

export async function exportFile(service: ShippingService, selection: LabelSelection) {
  const summary = emptyExportSummary();
  const chunks: Buffer[] = [];
  for await (const chunk of await service.exportLabels(SYSTEM_CALLER, selection, summary)) chunks.push(chunk);
  return { bytes: Buffer.concat(chunks), summary };
}

export function decodeRows(bytes: Buffer): string[][] {
  return parse(iconv.decode(bytes, 'cp932'), { relax_column_count: false }) as string[][];
}

export function encodeRows(rows: readonly (readonly string[])[]): Buffer {
  return iconv.encode(stringify(rows as string[][], { record_delimiter: '\r\n' }), 'cp932');
}

export const asStream = (bytes: Buffer) => Readable.from([bytes]);

/** Deterministic valid 12-digit tracking numbers (mod-7 check digit). */
export function trackingNumber(n: number, prefix = '4'): string {
  return withCheckDigit(`${prefix}${String(n).padStart(10, '0')}`);
}
