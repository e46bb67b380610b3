import { formatAmount } from '../../../domain/money.ts';
import type { Amount } from '../../../domain/money.ts';
import { REDUCED_RATE_MARK } from '../../../domain/paperwork/slip.ts';
import type { Slip, SlipCharge, SlipParty } from '../../../domain/paperwork/slip.ts';
import type { Column, Paper } from './paper.ts';

/** The shop as the slip's header shows it; every field may be empty (the slip prints without it). */
export interface SlipIssuer {
  readonly name: string;
  readonly zipCode: string;
  readonly address: string;
  readonly phone: string;
  readonly logo: Buffer | null;
  /** `T` and 13 digits, validated where it is entered; null prints no invoice block. */
  readonly invoiceNumber: string | null;
  /** The shop's own words under the totals (お礼文, 返品の連絡先…). */
  readonly note: string;
}

export interface SlipPrint {
  readonly slip: Slip;
  /** The parcel's shipment key, which the Code 128 barcode carries; null prints no barcode. */
  readonly shipmentKey: string | null;
  readonly reprint: boolean;
}

const PRICED: readonly Column[] = [
  { title: '管理番号 / SKU', width: 19 },
  { title: '商品名・オプション', width: 40 },
  // Wide enough for "10%※" on A5.
  { title: '税率', width: 9, align: 'center' },
  { title: '単価（税込）', width: 12, align: 'right' },
  { title: '数量', width: 7, align: 'right' },
  { title: '金額（税込）', width: 13, align: 'right' },
];

const UNPRICED: readonly Column[] = [
  { title: '管理番号 / SKU', width: 25 },
  { title: '商品名・オプション', width: 63 },
  { title: '数量', width: 12, align: 'right' },
];

/** `-¥100` reads badly on paper: a discount prints as `−¥100`. */
const yen = (a: Amount): string => (a.kind === 'yen' && a.yen < 0 ? `−${formatAmount({ kind: 'yen', yen: -a.yen })}` : formatAmount(a));
const money = (n: number): string => yen({ kind: 'yen', yen: n });
const ratePercent = (rate: number): string => `${Math.round(rate * 100)}%`;

/** One 納品書 from a new page on; a long one continues on the next pages under a short header. */
export function drawSlip(paper: Paper, print: SlipPrint, issuer: SlipIssuer): void {
  const { slip } = print;
  const title = `納品書${print.reprint ? '（再発行）' : ''}`;
  const parcel = slip.parcels > 1 ? `\u3000送付先 ${slip.parcel}/${slip.parcels}` : '';
  paper.startPart(`${slip.orderNumber}${slip.parcels > 1 ? `#${slip.parcel}` : ''}`, () => {
    paper.paragraph(`${title}（続き）\u3000注文番号 ${slip.orderNumber}${parcel}`, { size: 8, color: '#444444' }, 4);
  });

  header(paper, print, issuer, title, parcel);
  parties(paper, slip.recipient, slip.orderer);
  giftBlock(paper, slip);

  const columns = slip.pricesHidden ? UNPRICED : PRICED;
  const repeat = () => paper.tableHeader(columns);
  paper.tableHeader(columns);
  for (const line of slip.lines) {
    const code = [line.manageNumber, line.sku].filter((s) => s).join('\n');
    const name = [line.name, ...line.options].join('\n');
    const cells = slip.pricesHidden
      ? [code, name, String(line.quantity)]
      : [code, name, `${ratePercent(line.taxRate)}${line.reducedRate ? REDUCED_RATE_MARK : ''}`, money(line.unitPrice), String(line.quantity), money(line.amount)];
    paper.tableRow(columns, cells, { size: 8 }, repeat);
  }
  paper.y += 4;

  if (!slip.pricesHidden) totals(paper, slip, issuer);
  if (slip.lines.some((l) => l.reducedRate) && !slip.pricesHidden) paper.paragraph(`${REDUCED_RATE_MARK}は軽減税率（8%）対象です。`, { size: 7.5 });
  if (issuer.note) {
    paper.y += 4;
    paper.paragraph(issuer.note, { size: 8 });
  }
  const replaced = paper.replacedHere();
  if (replaced.length > 0) paper.paragraph(`〓 は印字できない文字です（${replaced.join(' ')}）。`, { size: 7, color: '#b00020' });
}

function header(paper: Paper, print: SlipPrint, issuer: SlipIssuer, title: string, parcel: string): void {
  const { slip } = print;
  const top = paper.y;
  const half = paper.contentWidth / 2;
  const right = paper.left + half + 10;
  let leftY = top;
  leftY += paper.textAt(title, paper.left, leftY, half, { size: 18, bold: true }) + 6;
  const facts = [
    `注文番号\u3000${slip.orderNumber}${parcel}`,
    `注文日\u3000\u3000${slip.orderDate}`,
    `出荷予定日\u3000${slip.shipBy ?? '未定'}`,
  ].join('\n');
  leftY += paper.textAt(facts, paper.left, leftY, half, { size: 9 }) + 6;
  if (print.shipmentKey) {
    paper.barcode(print.shipmentKey, paper.left, leftY, 30, 1);
    leftY += 32;
    leftY += paper.textAt(print.shipmentKey, paper.left + 10, leftY, half, { size: 8 }) + 2;
  }

  let rightY = top;
  if (issuer.logo && paper.image(issuer.logo, right, rightY, [half - 10, 40])) rightY += 44;
  rightY += paper.textAt(issuer.name, right, rightY, half - 10, { size: 11, bold: true }) + 2;
  const contact = [issuer.zipCode && `〒${issuer.zipCode}`, issuer.address, issuer.phone && `TEL ${issuer.phone}`].filter((s) => s).join('\n');
  if (contact) rightY += paper.textAt(contact, right, rightY, half - 10, { size: 8 }) + 2;
  if (issuer.invoiceNumber) rightY += paper.textAt(`登録番号\u3000${issuer.invoiceNumber}`, right, rightY, half - 10, { size: 8.5 }) + 2;
  paper.y = Math.max(leftY, rightY) + 6;
}

function parties(paper: Paper, recipient: SlipParty, orderer: SlipParty): void {
  const half = paper.contentWidth / 2;
  const block = (label: string, p: SlipParty) => `${label}\n〒${p.zipCode}\n${p.address}\n${p.name} 様\nTEL ${p.phoneNumber}`;
  const height = Math.max(paper.textHeight(block('お届け先', recipient), half - 6), paper.textHeight(block('ご注文者', orderer), half - 6));
  paper.ensure(height);
  paper.textAt(block('お届け先', recipient), paper.left, paper.y, half - 6, { size: 9 });
  paper.textAt(block('ご注文者', orderer), paper.left + half + 6, paper.y, half - 6, { size: 9 });
  paper.y += height + 8;
}

function giftBlock(paper: Paper, slip: Slip): void {
  const parts = [slip.gift ? 'ギフト' : '', slip.noshi ? `のし：${slip.noshi}` : ''].filter((s) => s);
  if (parts.length > 0) paper.paragraph(parts.join('\u3000'), { size: 9, bold: true });
  if (slip.giftMessage) paper.paragraph(`メッセージ：${slip.giftMessage}`, { size: 9 });
  if (parts.length > 0 || slip.giftMessage) paper.y += 4;
}

/** Label and amount rows, right-aligned under the table. */
function amountRows(paper: Paper, rows: readonly (readonly [string, string])[], bold = false): void {
  const labelX = paper.left + paper.contentWidth * 0.45;
  const labelW = paper.contentWidth * 0.35;
  const amountX = labelX + labelW;
  const amountW = paper.contentWidth * 0.2;
  for (const [label, amount] of rows) {
    const style = { size: bold ? 11 : 9, bold };
    const height = Math.max(paper.textHeight(label, labelW, style), paper.textHeight(amount, amountW, style));
    paper.ensure(height);
    paper.textAt(label, labelX, paper.y, labelW, style);
    paper.textAt(amount, amountX, paper.y, amountW - 3, { ...style, align: 'right' });
    paper.y += height + 1;
  }
}

const chargeRow = (c: SlipCharge): readonly [string, string] => [c.label, yen(c.amount)];

function totals(paper: Paper, slip: Slip, issuer: SlipIssuer): void {
  amountRows(paper, slip.parcelCharges.map(chargeRow));
  amountRows(paper, [[slip.parcels > 1 ? `この送付先の合計` : '合計', yen(slip.parcelTotal)]]);
  const order = slip.orderTotals;
  if (!order) {
    paper.paragraph('ご請求金額・税率ごとの内訳は、送付先1の納品書に記載しています。', { size: 8 });
    return;
  }
  if (order.charges.length > 0) amountRows(paper, order.charges.map(chargeRow));
  paper.y += 2;
  amountRows(paper, [['ご請求金額', yen(order.billed)]], true);
  paper.y += 4;
  const heading = issuer.invoiceNumber ? '税率ごとの合計（税込）と消費税額' : '税率ごとの内訳';
  const rows: [string, string][] = [];
  for (const row of order.taxRows) {
    rows.push([`${ratePercent(row.taxRate)}対象${row.taxRate === 0.08 ? REDUCED_RATE_MARK : ''}`, yen(row.target)]);
    rows.push([`\u3000うち消費税（${ratePercent(row.taxRate)}）`, yen(row.tax)]);
  }
  amountRows(paper, [[heading, ''], ...rows]);
  if (order.charges.some((c) => c.kind === 'point')) paper.paragraph('税率ごとの合計はポイント利用前の金額です。', { size: 7.5 });
}
