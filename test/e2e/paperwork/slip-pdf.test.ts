import { describe, expect, it } from 'vitest';
import { Paper } from '../../../src/app/paperwork/render/paper.ts';
import type { PaperSize } from '../../../src/app/paperwork/render/paper.ts';
import { drawSlip } from '../../../src/app/paperwork/render/slip-pdf.ts';
import type { SlipIssuer } from '../../../src/app/paperwork/render/slip-pdf.ts';
import { encodeCode128 } from '../../../src/app/paperwork/render/barcode.ts';
import { UNDETERMINED, formatAmount, yen } from '../../../src/domain/money.ts';
import type { Order } from '../../../src/domain/order.ts';
import { slipsOf } from '../../../src/domain/paperwork/slip.ts';
import { computeTotals } from '../../../src/domain/totals.ts';
import { item, order, pkg } from '../../unit/domain/fixtures.ts';
import bwipjs from 'bwip-js';
import { darkRuns, pdfImageCount, pdfPageGray, pdfPages, pdfText } from './support/poppler.ts';

const issuer: SlipIssuer = {
  name: 'お茶の店 みどり',
  zipCode: '150-0001',
  address: '東京都渋谷区神宮前1-2-3',
  phone: '03-1111-2222',
  logo: null,
  invoiceNumber: 'T1234567890123',
  note: 'ご利用ありがとうございました。',
};

async function render(o: Order, opts: { key?: string | null; paper?: PaperSize; issuer?: SlipIssuer; reprint?: boolean } = {}): Promise<{ pdf: Buffer; replaced: string[] }> {
  const paper = new Paper(opts.paper ?? 'A4', { title: 'test' });
  const chunks: Buffer[] = [];
  paper.doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => paper.doc.on('end', resolve));
  for (const slip of slipsOf(o, { hidePricesOnGift: true })) {
    drawSlip(paper, { slip, shipmentKey: opts.key === undefined ? 'K7Q2M9X4' : opts.key, reprint: opts.reprint ?? false }, opts.issuer ?? issuer);
  }
  paper.end();
  await ended;
  return { pdf: Buffer.concat(chunks), replaced: paper.report().flatMap((r) => r.codePoints) };
}

/** pdftotext -layout puts a row on one line; collapse runs of spaces so rows compare simply. */
const rows = (text: string): string[] => text.split('\n').map((l) => l.replace(/\s+/g, ' ').trim());
const amount = (n: number): string => formatAmount(yen(n));

const mixed = order({
  orderNumber: '100000-20261120-0000000042',
  packages: [
    pkg({
      postagePrice: yen(660),
      postageTaxRate: 0.1,
      items: [
        item({ itemDetailId: 1, manageNumber: 'tea-sencha', name: '煎茶 100g', price: 1080, units: 3, taxRate: 0.08 }),
        item({ itemDetailId: 2, manageNumber: 'cup-red', name: '湯呑み', price: 2000, units: 1, taxRate: 0.1, taxIncluded: false }),
      ],
    }),
  ],
  coupons: [{ couponCode: 'C', name: '300円OFF', capitalCode: 1, price: 300, units: 1, itemDetailId: 0 }],
  usedPoint: 150,
});

describe('納品書 PDF, read back with poppler', () => {
  it("prints juchu's totals: lines, billed amount, tax per rate, reduced-rate marks and the registration number", async () => {
    const { pdf } = await render(mixed);
    const text = pdfText(pdf);
    const lines = rows(text);
    const totals = computeTotals(mixed);
    expect(text).toContain('納品書');
    expect(text).not.toContain('領収書');
    expect(lines.some((l) => l.includes('煎茶 100g') && l.includes('8%※') && l.includes(`${amount(1080)} 3 ${amount(3240)}`))).toBe(true);
    expect(lines.some((l) => l.includes('湯呑み') && l.includes('10%') && l.includes(`${amount(2200)} 1 ${amount(2200)}`))).toBe(true);
    expect(lines).toContain(`ご請求金額 ${formatAmount(totals.requestPrice)}`);
    for (const row of totals.taxSummary) {
      const pct = Math.round(row.taxRate * 100);
      expect(lines).toContain(`${pct}%対象${pct === 8 ? '※' : ''} ${formatAmount(row.reqPrice)}`);
      expect(lines).toContain(`うち消費税（${pct}%） ${formatAmount(row.reqPriceTax)}`);
    }
    expect(lines).toContain(`ポイント利用 −${amount(150)}`);
    expect(lines).toContain(`クーポン（300円OFF） −${amount(300)}`);
    expect(text).toMatch(/登録番号\s+T1234567890123/);
    expect(text).toContain('※は軽減税率（8%）対象です。');
  });

  it('prints without the invoice block when the shop has no registration number, and without an empty profile', async () => {
    const bare = { ...issuer, invoiceNumber: null, address: '', phone: '', zipCode: '' };
    const text = pdfText((await render(mixed, { issuer: bare })).pdf);
    expect(text).not.toContain('登録番号');
    expect(text).toContain('税率ごとの内訳');
    expect(text).not.toContain('TEL 03-1111');
  });

  it('prints the shop logo as an image, and prints without a logo it cannot read', async () => {
    // Any PNG will do: bwip-js draws one.
    const png = await bwipjs.toBuffer({ bcid: 'qrcode', text: 'logo' });
    const withLogo = (await render(mixed, { issuer: { ...issuer, logo: png } })).pdf;
    expect(pdfImageCount(withLogo)).toBe(1);
    const broken = (await render(mixed, { issuer: { ...issuer, logo: Buffer.from('not an image') } })).pdf;
    expect(pdfImageCount(broken)).toBe(0);
    expect(pdfText(broken)).toContain('ご請求金額');
  });

  it('shows undetermined postage as 未確定, down to the billed amount and the tax rows', async () => {
    const open = order({ packages: [pkg({ postagePrice: UNDETERMINED })] });
    const lines = rows(pdfText((await render(open)).pdf));
    expect(lines).toContain('送料 未確定');
    expect(lines).toContain('ご請求金額 未確定');
    expect(lines.filter((l) => l.startsWith('うち消費税')).every((l) => l.endsWith('未確定'))).toBe(true);
  });

  it('runs a 200-line order over pages with the header repeated, every line printed once', async () => {
    const items = Array.from({ length: 200 }, (_, i) => item({ itemDetailId: 10_000 + i, manageNumber: `item-${String(i).padStart(3, '0')}`, name: `商品 ${i}`, price: 100 + i, units: 1 }));
    const big = order({ packages: [pkg({ items })] });
    const { pdf } = await render(big);
    const text = pdfText(pdf);
    const pages = pdfPages(pdf);
    // 200 one-line rows after the slip's header blocks, then the totals: 6 pages of A4, 9 of A5.
    expect(pages).toBe(6);
    expect(pdfPages((await render(big, { paper: 'A5' })).pdf)).toBe(9);
    // Each page after the first starts with the continuation header, and the table header again.
    expect(text.match(/（続き）/g)?.length).toBe(pages - 1);
    expect(text.match(/管理番号 \/ SKU/g)?.length).toBe(pages);
    for (let i = 0; i < 200; i++) expect(text.match(new RegExp(`item-${String(i).padStart(3, '0')}\\b`, 'g'))?.length, `item-${i}`).toBe(1);
    expect(rows(text)).toContain(`ご請求金額 ${formatAmount(computeTotals(big).requestPrice)}`);
  });

  it('wraps a 300-character name in its cell, whole, and replaces characters outside the font with 〓 and a note', async () => {
    const name = `${'とても長い商品名'.repeat(38).slice(0, 297)}終わり`;
    const odd = order({ buyer: { ...order().buyer, familyName: '🍵田' }, packages: [pkg({ items: [item({ name })] })] });
    const { pdf, replaced } = await render(odd);
    const flat = pdfText(pdf, false).replace(/\s+/g, '');
    expect(name.length).toBe(300);
    // The row's other cells sit beside the name's first line: take them out to read the name whole.
    expect(flat.replace(`8%※${amount(1000)}1${amount(1000)}`, '')).toContain(name);
    expect(flat).toContain('〓田');
    expect(flat).toContain('〓は印字できない文字です（U+1F375）。');
    expect(replaced).toEqual(['U+1F375']);
  });

  it('prints each parcel of a two-destination order on its own slip, order-wide totals on the first', async () => {
    const two = order({
      packages: [pkg({ basketId: 1, items: [item({ itemDetailId: 1 })] }), pkg({ basketId: 2, recipient: { ...order().buyer, familyName: '佐藤' }, items: [item({ itemDetailId: 2 })] })],
    });
    const { pdf } = await render(two, { reprint: true });
    const text = pdfText(pdf);
    expect(pdfPages(pdf)).toBe(2);
    expect(text.match(/納品書（再発行）/g)?.length).toBe(2);
    expect(rows(text).filter((l) => l.startsWith('ご請求金額 ¥'))).toHaveLength(1);
    expect(text).toContain('送付先1の納品書に記載しています');
    expect(text).toContain('送付先 2/2');
  });

  it("draws the Code 128 of the shipment key exactly as bwip-js encodes it (module for module)", async () => {
    const key = 'K7Q2M9X4';
    const { pdf } = await render(mixed, { key });
    const dpi = 288;
    const image = pdfPageGray(pdf, 1, dpi);
    const modulePx = dpi / 72; // the slip draws one module per point
    const expected = encodeCode128(key).modules;
    // Scan the upper part of the left half; the barcode's row is the one with as many runs as it has bars and spaces.
    let found: number[] | null = null;
    for (let y = 0; y < image.height / 3 && !found; y++) {
      const runs = darkRuns(image, y, 0, Math.floor(image.width / 2));
      if (runs.length === expected.length) found = runs.map((r) => Math.round(r / modulePx));
    }
    expect(found).toEqual(expected);
    // A different key draws different bars: the comparison can fail.
    expect(encodeCode128('K7Q2M9X5').modules).not.toEqual(expected);
  });
});
