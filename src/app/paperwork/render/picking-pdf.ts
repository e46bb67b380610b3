import { toJstIso } from '../../../domain/jst.ts';
import type { PickingRow, PickingSheet } from '../../../domain/paperwork/picking.ts';
import type { Column, Paper } from './paper.ts';

const LIST: readonly Column[] = [
  { title: 'ロケーション', width: 11 },
  { title: '管理番号 / SKU / JAN', width: 20 },
  { title: '商品名・オプション', width: 29 },
  { title: '数量', width: 7, align: 'right' },
  // An order number and its quantity on one line.
  { title: '注文（数量）', width: 33 },
];

const SHEET: readonly Column[] = [
  { title: 'ロケーション', width: 14 },
  { title: '管理番号 / SKU / JAN', width: 26 },
  { title: '商品名・オプション', width: 44 },
  { title: '数量', width: 8, align: 'right' },
  { title: '確認', width: 8, align: 'center' },
];

const code = (r: PickingRow): string => [r.manageNumber, r.sku, r.jan && `JAN ${r.jan}`].filter((s) => s).join('\n');
const name = (r: PickingRow): string => [r.name, r.options].filter((s) => s).join('\n');

/** トータルピッキングリスト: each 管理番号+SKU once, with its total and the orders it goes to. */
export function drawPickingList(paper: Paper, rows: readonly PickingRow[], about: { orders: number; shopCode: string; printedAt: Date }): void {
  const title = `ピッキングリスト\u3000${about.shopCode}\u3000${about.orders}件の注文`;
  paper.startPart('picking', () => {
    paper.paragraph(`${title}（続き）`, { size: 8, color: '#444444' }, 4);
    paper.tableHeader(LIST);
  });
  paper.paragraph(title, { size: 14, bold: true }, 2);
  paper.paragraph(`印刷 ${toJstIso(about.printedAt).slice(0, 16).replace('T', ' ')}\u3000${rows.length}品目\u3000合計 ${rows.reduce((a, r) => a + r.quantity, 0)}点`, { size: 8 }, 6);
  paper.tableHeader(LIST);
  for (const r of rows) {
    const orders = r.orders.map((o) => `${o.orderNumber}（${o.quantity}）`).join('\n');
    paper.tableRow(LIST, [r.location ?? '', code(r), name(r), String(r.quantity), orders], { size: 8 });
  }
}

/** 個別ピッキングリスト: one order per page (or more when it is long), with a box to tick per line. */
export function drawPickingSheet(paper: Paper, sheet: PickingSheet): void {
  const title = `ピッキングシート\u3000注文番号 ${sheet.orderNumber}`;
  paper.startPart(sheet.orderNumber, () => {
    paper.paragraph(`${title}（続き）`, { size: 8, color: '#444444' }, 4);
    paper.tableHeader(SHEET);
  });
  paper.paragraph(title, { size: 13, bold: true }, 2);
  paper.paragraph(`お届け先：${sheet.recipients.join('、')}`, { size: 9 }, 6);
  paper.tableHeader(SHEET);
  for (const r of sheet.rows) paper.tableRow(SHEET, [r.location ?? '', code(r), name(r), String(r.quantity), '□'], { size: 9 });
}
