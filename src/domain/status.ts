/** Our order statuses (INTERFACE §4 slugs) and RMS's `orderProgress` codes. */
export const ORDER_STATUSES = [
  'awaiting_confirmation',
  'confirmation_queued',
  'rakuten_processing',
  'new',
  'on_hold',
  'shipped',
  'completed',
  'cancelled',
] as const;

export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const STATUS_LABELS: Readonly<Record<OrderStatus, { ja: string; en: string }>> = {
  awaiting_confirmation: { ja: '注文確認待ち', en: 'Awaiting confirmation' },
  confirmation_queued: { ja: '注文確認連携待ち', en: 'Confirmation queued' },
  rakuten_processing: { ja: '楽天処理中', en: 'Rakuten processing' },
  new: { ja: '新規受付', en: 'New' },
  on_hold: { ja: '保留', en: 'On hold' },
  shipped: { ja: '出荷済み', en: 'Shipped' },
  completed: { ja: '出荷報告済み', en: 'Shipping reported' },
  cancelled: { ja: 'キャンセル', en: 'Cancelled' },
};

export function isOrderStatus(value: string): value is OrderStatus {
  return (ORDER_STATUSES as readonly string[]).includes(value);
}

export const RMS_PROGRESSES = [100, 200, 300, 400, 500, 600, 700, 800, 900] as const;

export type RmsProgress = (typeof RMS_PROGRESSES)[number];

export const RMS_PROGRESS_LABELS: Readonly<Record<RmsProgress, string>> = {
  100: '注文確認待ち',
  200: '楽天処理中',
  300: '発送待ち',
  400: '変更確定待ち',
  500: '発送済',
  600: '支払手続き中',
  700: '支払手続き済',
  800: 'キャンセル確定待ち',
  900: 'キャンセル確定',
};

export function isRmsProgress(value: number): value is RmsProgress {
  return (RMS_PROGRESSES as readonly number[]).includes(value);
}
