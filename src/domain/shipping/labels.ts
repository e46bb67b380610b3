import { isDetermined } from '../money.ts';
import type { LocalDate, Order, Package } from '../order.ts';
import { computeTotals } from '../totals.ts';
import { addressWords, splitAddress } from './address.ts';
import { isCod, type ShippingMethod } from './methods.ts';
import type { CarrierProfile, DateFormat, LabelField } from './profile.ts';
import { codePoint, sjisWidth, toCarrierText, toHalfWidthKana } from './text.ts';

/**
 * One 送付先's rows of label data (one row per parcel), and what stands in their way. A
 * problem keeps the 送付先 out of the file (the value would be cut, turned into `?` or
 * refused by the carrier); a warning lets it through (an empty contract field, a time slot
 * the carrier has no code for).
 */
export interface LabelSender {
  readonly name: string;
  readonly zipCode: string;
  readonly address: string;
  readonly phone: string;
}

/** The carrier contract numbers a shop keeps in its settings; empty until the shop fills them in. */
export interface CarrierContract {
  /** B2: 請求先顧客コード (10–12 digits) and 運賃管理番号 (2 digits). */
  readonly billingCustomerCode: string;
  readonly freightNumber: string;
  /** e飛伝: お客様コード. */
  readonly carrierCustomerCode: string;
}

export interface LabelInput {
  readonly order: Order;
  readonly pkg: Package;
  readonly shipmentKey: string;
  readonly method: ShippingMethod;
  readonly parcels: number;
  readonly shipDate: LocalDate;
  readonly itemName: string;
  readonly sender: LabelSender;
  readonly contract: CarrierContract;
}

export type LabelNoteCode =
  | 'UNENCODABLE'
  | 'TOO_LONG'
  | 'REQUIRED_EMPTY'
  | 'SERVICE_UNAVAILABLE'
  | 'COOL_UNAVAILABLE'
  | 'COD_AMOUNT_UNDETERMINED'
  | 'CONTRACT_FIELD_EMPTY'
  | 'TIME_SLOT_UNAVAILABLE'
  | 'COD_BY_MAILBOX';

export interface LabelNote {
  readonly severity: 'problem' | 'warning';
  readonly code: LabelNoteCode;
  /** The carrier's column heading, when the note is about one column. */
  readonly column: string | null;
  /** English, for logs and the API; the UI words it from the code. */
  readonly detail: string;
}

export interface LabelRows {
  readonly orderNumber: string;
  readonly basketId: number;
  readonly shipmentKey: string;
  /** Empty when there is any problem. */
  readonly rows: readonly (readonly string[])[];
  readonly notes: readonly LabelNote[];
}

const CONTRACT_FIELDS: ReadonlySet<LabelField> = new Set(['billingCustomerCode', 'freightNumber', 'carrierCustomerCode']);
const ADDRESS_FIELDS = ['recipientAddress1', 'recipientAddress2', 'recipientAddress3', 'recipientAddress4'] as const;
const SENDER_ADDRESS_FIELDS = ['senderAddress1', 'senderAddress2'] as const;

export const MAX_PARCELS_PER_PACKAGE = 20;

export function formatLabelDate(date: LocalDate | null, format: DateFormat): string {
  if (date === null) return '';
  return format === 'YYYY/MM/DD' ? date.replaceAll('-', '/') : date.replaceAll('-', '');
}

function formatZip(zip: string): string {
  const digits = zip.replace(/\D/g, '');
  return digits.length === 7 ? `${digits.slice(0, 3)}-${digits.slice(3)}` : zip;
}

function personName(p: { familyName: string; firstName: string | null }): string {
  return p.firstName ? `${p.familyName}\u3000${p.firstName}` : p.familyName;
}

/**
 * The 送付先's kana name. RMS's kana is optional on the 送付先 (SenderModel); when it is
 * missing and the 送付先 is the orderer (same name), the orderer's kana stands in.
 */
function kanaName(order: Order, pkg: Package): string {
  const r = pkg.recipient;
  const b = order.buyer;
  const own = [r.familyNameKana, r.firstNameKana].filter((k): k is string => !!k);
  const sameAsBuyer = r.familyName === b.familyName && (r.firstName ?? '') === (b.firstName ?? '');
  const kana = own.length > 0 ? own : sameAsBuyer ? [b.familyNameKana, b.firstNameKana].filter((k): k is string => !!k) : [];
  return kana.join(' ');
}

/** The amount the carrier collects: the whole billed amount, on the first parcel of the order's first 送付先. */
function codAmounts(order: Order): { amount: number; tax: number } | null {
  const totals = computeTotals(order);
  if (!isDetermined(totals.requestPrice)) return null;
  const tax = totals.taxSummary.reduce((sum, t) => sum + (isDetermined(t.reqPriceTax) ? t.reqPriceTax.yen : 0), 0);
  return { amount: totals.requestPrice.yen, tax };
}

export function buildLabelRows(profile: CarrierProfile, input: LabelInput): LabelRows {
  const { order, pkg, method } = input;
  const notes: LabelNote[] = [];
  const problem = (code: LabelNoteCode, column: string | null, detail: string) => notes.push({ severity: 'problem', code, column, detail });
  const warning = (code: LabelNoteCode, column: string | null, detail: string) => notes.push({ severity: 'warning', code, column, detail });

  const serviceCode = profile.services[method.service];
  if (serviceCode === undefined) problem('SERVICE_UNAVAILABLE', null, `${profile.id} has no code for service ${method.service}`);
  const coolCode = profile.cool[method.cool];
  if (coolCode === undefined) problem('COOL_UNAVAILABLE', null, `${profile.id} cannot carry ${method.cool} parcels`);
  const cod = method.service === 'cod' ? codAmounts(order) : null;
  if (method.service === 'cod' && cod === null) problem('COD_AMOUNT_UNDETERMINED', null, 'the billed amount is undetermined');
  if (method.service === 'mailbox' && isCod(order)) warning('COD_BY_MAILBOX', null, 'a COD order goes by post box: the carrier collects nothing');
  const term = order.shippingTerm;
  let timeSlot = '';
  if (term !== null && term !== 0) {
    if (method.service === 'mailbox') warning('TIME_SLOT_UNAVAILABLE', null, `post-box parcels take no time slot (shippingTerm ${term})`);
    else {
      timeSlot = profile.timeSlots[String(term)] ?? '';
      if (timeSlot === '') warning('TIME_SLOT_UNAVAILABLE', null, `${profile.id} has no time-slot code for shippingTerm ${term}`);
    }
  }

  const rules = { jisX0208Only: profile.jisX0208Only };
  const clean = (value: string, column: string | null): string => {
    const converted = toCarrierText(value, rules);
    for (const u of converted.unencodable) problem('UNENCODABLE', column, `${u.char} (${u.codePoint}) is ${u.reason === 'not-cp932' ? 'not in CP932' : 'a machine-dependent character'}`);
    return converted.text;
  };

  const headingOf = (field: LabelField) => profile.columns.find((c) => c.field === field)?.heading ?? field;
  const spread = (fields: readonly LabelField[], words: string[], label: string): Partial<Record<LabelField, string>> => {
    const present = fields.filter((f) => profile.columns.some((c) => c.field === f));
    if (present.length === 0) return {};
    const widths = present.map((f) => profile.columns.find((c) => c.field === f)?.width ?? Number.MAX_SAFE_INTEGER);
    const split = splitAddress(words, widths);
    if (split.overflow !== '') problem('TOO_LONG', headingOf(present[0] ?? fields[0]!), `${label} does not fit in ${present.length} column(s): "${split.overflow}" is left over`);
    return Object.fromEntries(present.map((f, i) => [f, split.lines[i]!]));
  };

  const r = pkg.recipient;
  let recipientNameKana = '';
  if (profile.columns.some((c) => c.field === 'recipientNameKana')) {
    const kana = toHalfWidthKana(kanaName(order, pkg));
    for (const char of kana.unconvertible) problem('UNENCODABLE', headingOf('recipientNameKana'), `${char} (${codePoint(char)}) has no half-width kana form`);
    recipientNameKana = kana.text;
  }
  const recipientAddress = clean(`${r.address.prefecture}${r.address.city} ${r.address.subAddress}`, headingOf('recipientAddress1'));
  const [recipientPrefCity, ...recipientStreet] = recipientAddress.split(' ');
  const senderAddress = clean(input.sender.address, headingOf('senderAddress1'));
  const values: Partial<Record<LabelField, string>> = {
    shipmentKey: input.shipmentKey,
    orderNumber: order.orderNumber,
    service: serviceCode ?? '',
    cool: coolCode ?? '',
    payment: profile.payment ? (method.service === 'cod' ? profile.payment.cod : profile.payment.prepaid) : '',
    shipDate: formatLabelDate(input.shipDate, profile.dateFormat),
    deliveryDate: formatLabelDate(order.deliveryDate, profile.dateFormat),
    timeSlot,
    recipientPhone: r.phoneNumber,
    recipientZip: formatZip(r.address.zipCode),
    recipientName: personName(r),
    recipientNameKana,
    recipientHonorific: '様',
    senderPhone: input.sender.phone,
    senderZip: formatZip(input.sender.zipCode),
    senderName: input.sender.name,
    itemName: input.itemName,
    codAmount: '',
    codTax: '',
    parcelCount: '1',
    billingCustomerCode: input.contract.billingCustomerCode,
    freightNumber: input.contract.freightNumber,
    carrierCustomerCode: input.contract.carrierCustomerCode,
    trackingNumber: '',
    ...spread(ADDRESS_FIELDS, addressWords({ prefecture: recipientPrefCity ?? '', city: '', subAddress: recipientStreet.join(' ') }), 'the address'),
    ...spread(SENDER_ADDRESS_FIELDS, addressWords({ prefecture: '', city: '', subAddress: senderAddress }), 'the sender address'),
  };

  const firstBasket = order.packages[0]?.basketId === pkg.basketId;
  const rows: string[][] = [];
  for (let parcel = 0; parcel < input.parcels; parcel++) {
    const codHere = cod !== null && firstBasket && parcel === 0;
    const row = profile.columns.map((column) => {
      if (!column.field) return '';
      if (column.field === 'codAmount') return codHere ? String(cod.amount) : '';
      if (column.field === 'codTax') return codHere ? String(cod.tax) : '';
      return values[column.field] ?? '';
    });
    rows.push(row);
  }

  // Column checks on the first row: the others differ only in the COD amount.
  profile.columns.forEach((column, i) => {
    if (!column.field) return;
    const isAddress = (ADDRESS_FIELDS as readonly string[]).includes(column.field) || (SENDER_ADDRESS_FIELDS as readonly string[]).includes(column.field);
    const value = isAddress ? rows[0]![i]! : clean(rows[0]![i]!, column.heading);
    for (const row of rows) if (!isAddress && column.field !== 'codAmount' && column.field !== 'codTax') row[i] = value;
    if (value === '' && column.required && !(column.field === 'codAmount' || column.field === 'codTax')) {
      if (CONTRACT_FIELDS.has(column.field)) warning('CONTRACT_FIELD_EMPTY', column.heading, `${column.heading} is empty in the shop settings`);
      else problem('REQUIRED_EMPTY', column.heading, `${column.heading} is required`);
    }
    if (column.width !== undefined && sjisWidth(value) > column.width) {
      problem('TOO_LONG', column.heading, `${sjisWidth(value)} bytes where ${column.width} fit`);
    }
  });

  const blocked = notes.some((n) => n.severity === 'problem');
  return { orderNumber: order.orderNumber, basketId: pkg.basketId, shipmentKey: input.shipmentKey, rows: blocked ? [] : rows, notes };
}
