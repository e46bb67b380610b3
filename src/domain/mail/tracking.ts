/**
 * Public tracking pages per RMS carrier code (REFERENCE §4.3). Numbers go in without hyphens
 * or spaces; carriers without a known page get no link, and the mail shows the number alone.
 */
const PAGES: Readonly<Record<string, (no: string) => string>> = {
  '1001': (no) => `https://member.kms.kuronekoyamato.co.jp/parcel/detail?pno=${no}`,
  '1030': (no) => `https://member.kms.kuronekoyamato.co.jp/parcel/detail?pno=${no}`,
  '1002': (no) => `https://k2k.sagawa-exp.co.jp/p/web/okurijosearch.do?okurijoNo=${no}`,
  '1003': (no) => `https://trackings.post.japanpost.jp/services/srv/search/direct?reqCodeNo1=${no}&searchKind=S002&locale=ja`,
  '1029': (no) => `https://trackings.post.japanpost.jp/services/srv/search/direct?reqCodeNo1=${no}&searchKind=S002&locale=ja`,
  '1004': (no) => `https://track.seino.co.jp/cgi-bin/gnpquery.pgm?GNPNO1=${no}`,
  '1006': (no) => `https://corp.fukutsu.co.jp/situation/tracking_no_hunt/${no}`,
  '1021': (no) => `https://info.jpexpress.jp/confirm/confirmList.html?denpyoNo=${no}`,
};

export function trackingUrl(carrierCode: string, trackingNumber: string): string | null {
  const page = PAGES[carrierCode];
  const digits = trackingNumber.replace(/[\s-]/g, '');
  return page && /^[0-9A-Za-z]+$/.test(digits) ? page(encodeURIComponent(digits)) : null;
}
