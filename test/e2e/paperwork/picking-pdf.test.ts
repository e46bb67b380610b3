import { describe, expect, it } from 'vitest';
import { Paper } from '../../../src/app/paperwork/render/paper.ts';
import { drawPickingList, drawPickingSheet } from '../../../src/app/paperwork/render/picking-pdf.ts';
import { ProductTable, pickingList, pickingSheets } from '../../../src/domain/paperwork/picking.ts';
import { item, order, pkg } from '../../unit/domain/fixtures.ts';
import { pdfPages, pdfText } from './support/poppler.ts';

async function pdfOf(draw: (paper: Paper) => void): Promise<Buffer> {
  const paper = new Paper('A4', { title: 'picking' });
  const chunks: Buffer[] = [];
  paper.doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => paper.doc.on('end', resolve));
  draw(paper);
  paper.end();
  await ended;
  return Buffer.concat(chunks);
}

const sku = (id: string) => ({ variantId: id, merchantDefinedSkuId: null, skuInfo: `カラー:${id}` });
const orders = [
  order({ orderNumber: '100000-20261120-0000000001', packages: [pkg({ items: [item({ manageNumber: 'tea', units: 2 }), item({ itemDetailId: 2, manageNumber: 'cup', name: '湯呑み', sku: sku('red'), units: 1 })] })] }),
  order({ orderNumber: '100000-20261120-0000000002', packages: [pkg({ items: [item({ manageNumber: 'tea', units: 3 }), item({ itemDetailId: 2, manageNumber: 'cup', name: '湯呑み', sku: sku('blue'), units: 4 })] })] }),
];
const products = new ProductTable([
  { manageNumber: 'tea', sku: '', location: 'A-10', jan: '4901234567894' },
  { manageNumber: 'cup', sku: 'blue', location: 'A-2', jan: null },
]);

describe('picking PDFs, read back with poppler', () => {
  it('lists each 管理番号+SKU once in shelf order, with JAN, the total and the orders', async () => {
    const text = pdfText(await pdfOf((paper) => drawPickingList(paper, pickingList(orders, products), { orders: 2, shopCode: 'tea-shop', printedAt: new Date('2026-11-20T01:00:00Z') })));
    const rows = text.split('\n').map((l) => l.replace(/\s+/g, ' ').trim());
    const at = (needle: string) => rows.findIndex((r) => r.includes(needle));
    // A-2 before A-10 before the item without a location.
    expect(at('A-2 cup')).toBeGreaterThan(-1);
    expect(at('A-2 cup')).toBeLessThan(at('A-10 tea'));
    expect(at('A-10 tea')).toBeLessThan(at('cup 湯呑み 1 '));
    expect(rows[at('A-10 tea')]).toMatch(/ 5 100000-20261120-0000000001（2）$/);
    expect(text).toContain('100000-20261120-0000000002（3）');
    expect(text).toContain('JAN 4901234567894');
    expect(rows.some((r) => r.includes('3品目 合計 10点'))).toBe(true);
  });

  it('gives each order its own sheet', async () => {
    const pdf = await pdfOf((paper) => {
      for (const sheet of pickingSheets(orders, products)) drawPickingSheet(paper, sheet);
    });
    expect(pdfPages(pdf)).toBe(2);
    const text = pdfText(pdf);
    expect(text.match(/ピッキングシート/g)).toHaveLength(2);
  });
});
