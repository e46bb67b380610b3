/**
 * 減額理由 / キャンセル理由: the reason codes RMS accepts for a reduction of the billed amount
 * (`reductionReason`) and for a cancellation (`changeReasonDetailApply`). Codes 7, 9, 11 and 12
 * are not used by RMS; 16 is read-only (a social gift whose recipient never answered).
 */
export type ReasonSide = 'buyer' | 'shop';

export interface ChangeReasonCode {
  readonly code: number;
  readonly side: ReasonSide;
  readonly label: string;
  readonly labelEn: string;
}

export const CHANGE_REASONS: readonly ChangeReasonCode[] = [
  { code: 1, side: 'buyer', label: 'キャンセル', labelEn: 'Cancellation' },
  { code: 2, side: 'buyer', label: '受取後の返品', labelEn: 'Returned after receipt' },
  { code: 3, side: 'buyer', label: '長期不在による受取拒否', labelEn: 'Refused: long absence' },
  { code: 4, side: 'buyer', label: '未入金', labelEn: 'Not paid' },
  { code: 5, side: 'buyer', label: '代引決済の受取拒否', labelEn: 'Cash on delivery refused' },
  { code: 6, side: 'buyer', label: 'その他', labelEn: 'Other (buyer)' },
  { code: 8, side: 'shop', label: '欠品', labelEn: 'Out of stock' },
  { code: 10, side: 'shop', label: 'その他', labelEn: 'Other (shop)' },
  { code: 13, side: 'shop', label: '発送遅延', labelEn: 'Shipping delay' },
  { code: 14, side: 'shop', label: '顧客・配送対応注意表示', labelEn: 'Customer caution flag' },
  { code: 15, side: 'shop', label: '返品（破損・品間違い）', labelEn: 'Return (damaged or wrong item)' },
];

/** The read-only code RMS uses when a social gift's recipient never entered an address. */
export const SOCIAL_GIFT_EXPIRED_REASON = 16;

const accepted = new Set(CHANGE_REASONS.map((r) => r.code));

export function isAcceptedReason(code: number): boolean {
  return accepted.has(code);
}
