/**
 * Carriers' public tracking pages by RMS carrier code (REFERENCE §4.3, mark L), the number
 * without hyphens. Carriers not listed, and numbers that are not letters and digits, get no
 * link: the number alone is shown (on the order page and in buyer mail alike).
 */
const PATTERNS: Readonly<Record<string, string>> = {
  '1001': 'https://member.kms.kuronekoyamato.co.jp/parcel/detail?pno={no}',
  '1030': 'https://member.kms.kuronekoyamato.co.jp/parcel/detail?pno={no}',
  '1002': 'https://k2k.sagawa-exp.co.jp/p/web/okurijosearch.do?okurijoNo={no}',
  '1003': 'https://trackings.post.japanpost.jp/services/srv/search/direct?reqCodeNo1={no}&searchKind=S002&locale=ja',
  '1029': 'https://trackings.post.japanpost.jp/services/srv/search/direct?reqCodeNo1={no}&searchKind=S002&locale=ja',
  '1004': 'https://track.seino.co.jp/cgi-bin/gnpquery.pgm?GNPNO1={no}',
  '1006': 'https://corp.fukutsu.co.jp/situation/tracking_no_hunt/{no}',
  '1021': 'https://info.jpexpress.jp/confirm/confirmList.html?denpyoNo={no}',
};

export function trackingUrl(deliveryCompany: string, shippingNumber: string | null): string | null {
  const pattern = PATTERNS[deliveryCompany];
  const number = shippingNumber?.replace(/[\s-]/g, '') ?? '';
  if (!pattern || !/^[0-9A-Za-z]+$/.test(number)) return null;
  return pattern.replace('{no}', number);
}
