import { findCarrier } from '../carriers.ts';
import { toJstIso } from '../jst.ts';
import { formatAmount, yen } from '../money.ts';
import type { Amount } from '../money.ts';
import type { LocalDate, Order, Person } from '../order.ts';
import { shippingTermLabel } from '../shipping-term.ts';
import { computeTotals } from '../totals.ts';
import { trackingUrl } from '../shipping/tracking-links.ts';

/**
 * The placeholders a template may name, with what staff see in the editor. Values are plain
 * text; where an order has several 送付先 or parcels they are joined with 「、」 (or one per
 * line for lists), as peers do.
 */
export const PLACEHOLDERS = {
  order_number: { ja: '注文番号', en: 'Order number' },
  order_date: { ja: '注文日時', en: 'Ordered at' },
  buyer_name: { ja: '注文者名', en: 'Buyer name' },
  recipient_names: { ja: '送付先名', en: 'Recipient names' },
  recipient_addresses: { ja: '送付先住所', en: 'Recipient addresses' },
  items: { ja: '商品明細', en: 'Items' },
  goods_price: { ja: '商品合計', en: 'Goods total' },
  postage_price: { ja: '送料', en: 'Postage' },
  delivery_price: { ja: '代引料', en: 'COD fee' },
  payment_charge: { ja: '決済手数料', en: 'Payment charge' },
  coupon_discount: { ja: 'クーポン値引き', en: 'Coupon discount' },
  used_point: { ja: 'ポイント利用', en: 'Points used' },
  total_price: { ja: '合計金額', en: 'Total' },
  request_price: { ja: '請求金額', en: 'Amount billed' },
  payment_method: { ja: '支払方法', en: 'Payment method' },
  planned_ship_date: { ja: '出荷予定日', en: 'Planned ship date' },
  delivery_date: { ja: 'お届け希望日', en: 'Delivery date' },
  delivery_slot: { ja: 'お届け時間帯', en: 'Delivery time slot' },
  carrier_names: { ja: '配送会社', en: 'Carriers' },
  tracking_numbers: { ja: '追跡番号', en: 'Tracking numbers' },
  tracking_urls: { ja: '追跡URL', en: 'Tracking URLs' },
  parcels: { ja: '発送明細（配送会社・追跡番号・URL）', en: 'Parcels (carrier, number, URL)' },
  shop_name: { ja: '店舗名', en: 'Shop name' },
  signature: { ja: '署名', en: 'Signature' },
} as const;

export type PlaceholderName = keyof typeof PLACEHOLDERS;

export const PLACEHOLDER_NAMES = Object.keys(PLACEHOLDERS) as PlaceholderName[];

export function isPlaceholderName(name: string): name is PlaceholderName {
  return Object.hasOwn(PLACEHOLDERS, name);
}

/** What a mail is about besides the order: who sends it. */
export interface MailSender {
  readonly shopName: string;
  readonly signature: string;
}

const JOIN = '、';

function fullName(person: Pick<Person, 'familyName' | 'firstName'>): string {
  return [person.familyName, person.firstName].filter((p) => p !== null && p !== '').join(' ');
}

/** 2026年11月20日 */
export function japaneseDate(date: LocalDate): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** 2026年11月20日 10:05 (JST) */
function japaneseDateTime(at: Date): string {
  const iso = toJstIso(at);
  return `${japaneseDate(iso.slice(0, 10))} ${iso.slice(11, 16)}`;
}

/** 〒123-4567 東京都… */
function address(person: Person): string {
  const zip = person.address.zipCode.replace(/\D/g, '');
  const shown = zip.length === 7 ? `〒${zip.slice(0, 3)}-${zip.slice(3)}` : person.address.zipCode;
  return `${shown} ${person.address.prefecture}${person.address.city}${person.address.subAddress}`;
}

const money = (a: Amount): string => formatAmount(a, 'ja');

export interface Parcel {
  readonly carrierCode: string;
  readonly carrierName: string;
  readonly trackingNumber: string | null;
  readonly trackingUrl: string | null;
}

/** Every parcel reported so far, in package order. */
export function parcelsOf(order: Order): Parcel[] {
  return order.packages.flatMap((p) =>
    p.shipments.map((s) => ({
      carrierCode: s.deliveryCompany,
      carrierName: findCarrier(s.deliveryCompany)?.name ?? s.deliveryCompany,
      trackingNumber: s.shippingNumber,
      trackingUrl: s.shippingNumber === null ? null : trackingUrl(s.deliveryCompany, s.shippingNumber),
    })),
  );
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values.filter((v) => v !== ''))];
}

/** Every placeholder's value for one order. */
export function placeholderValues(order: Order, sender: MailSender): Record<PlaceholderName, string> {
  const totals = computeTotals(order);
  const parcels = parcelsOf(order);
  const items = order.packages.flatMap((p) =>
    p.items.map((i) => `${i.name}${i.selectedChoice ? `（${i.selectedChoice.replace(/\s+/g, ' ')}）` : ''}  ${money(yen(i.price))} × ${i.units}`),
  );
  return {
    order_number: order.orderNumber,
    order_date: japaneseDateTime(order.orderedAt),
    buyer_name: fullName(order.buyer),
    recipient_names: distinct(order.packages.map((p) => fullName(p.recipient))).join(JOIN),
    recipient_addresses: order.packages.map((p) => `${fullName(p.recipient)} 様  ${address(p.recipient)}`).join('\n'),
    items: items.join('\n'),
    goods_price: money(totals.goodsPrice),
    postage_price: money(totals.postagePrice),
    delivery_price: money(totals.deliveryPrice),
    payment_charge: money(totals.paymentCharge),
    coupon_discount: money(totals.couponAllTotalPrice),
    used_point: `${order.usedPoint}ポイント`,
    total_price: money(totals.totalPrice),
    request_price: money(totals.requestPrice),
    payment_method: order.settlement.methodName,
    planned_ship_date: order.plannedShipDate ? japaneseDate(order.plannedShipDate) : '未定',
    delivery_date: order.deliveryDate ? japaneseDate(order.deliveryDate) : '指定なし',
    delivery_slot: shippingTermLabel(order.shippingTerm),
    carrier_names: distinct(parcels.map((p) => p.carrierName)).join(JOIN),
    tracking_numbers: distinct(parcels.map((p) => p.trackingNumber ?? '')).join(JOIN),
    tracking_urls: distinct(parcels.map((p) => p.trackingUrl ?? '')).join('\n'),
    parcels: parcels
      .map((p) => [p.carrierName, p.trackingNumber ? `追跡番号 ${p.trackingNumber}` : null, p.trackingUrl].filter((x) => x !== null).join('  '))
      .join('\n'),
    shop_name: sender.shopName,
    signature: sender.signature,
  };
}
