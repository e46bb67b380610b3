/** Labels the web app shows; no imports, so the browser bundle does not pull in the holiday table. */

/**
 * Why staff should look at a computed ship-by date:
 * - `past`: the date is before today (an order imported late, or a long lead time).
 * - `deliveryUnreachable`: shipping on the earliest possible day still misses the requested
 *   delivery date; the ship-by date is that earliest day, never the impossible one.
 * - `reauthorisation`: more than 30 days after the order; 楽天ペイ re-authorises the payment
 *   7 days before the registered date (RMS reference §7.3).
 */
export type ShipByFlag = 'past' | 'deliveryUnreachable' | 'reauthorisation';

export const SHIP_BY_FLAG_LABELS: Readonly<Record<ShipByFlag, { ja: string; en: string }>> = {
  past: { ja: '出荷予定日が過ぎています', en: 'The ship-by date has passed' },
  deliveryUnreachable: { ja: 'お届け希望日に間に合いません', en: 'The requested delivery date cannot be met' },
  reauthorisation: { ja: '注文から30日を超えるため再オーソリされます', en: 'Over 30 days after the order: the payment is re-authorised' },
};
