import type { OrderStatus, RmsProgress } from './status.ts';

/**
 * THE transition table: the single source of truth for how an order moves through the
 * 楽天ペイ lifecycle. Read it side by side with the seed (shared/seed/000_…txt):
 *
 *  自動注文確認 OFF: 注文 → 注文確認待ち → (staff confirm) 注文確認連携待ち
 *                    → (RMS accepts) 楽天処理中 → (RMS 300 発送待ち) 新規受付
 *  自動注文確認 ON:  注文 → 楽天処理中 → (RMS 300) 新規受付
 *  新規受付 → (shipment registered) 出荷済み → (RMS 500+) 出荷報告済み
 *  Cancelled in RMS while 注文確認待ち → 注文確認連携待ち, and the confirmation result
 *  (ERROR_102) reveals it → キャンセル. Found by polling in any later status → キャンセル.
 */

/** What RMS says about an order, reduced to what decides our status. */
export type ProgressClass = 'awaitingConfirmation' | 'processing' | 'readyToShip' | 'shipped' | 'cancelled';

export function classifyProgress(progress: RmsProgress): ProgressClass {
  switch (progress) {
    case 100:
      return 'awaitingConfirmation';
    case 200:
      return 'processing';
    // 400 変更確定待ち: a change is being finalised; the order was ready to ship before it.
    case 300:
    case 400:
      return 'readyToShip';
    case 500:
    case 600:
    case 700:
      return 'shipped';
    case 800:
    case 900:
      return 'cancelled';
  }
}

export type OrderEvent =
  /** First sight of an order in RMS. */
  | { readonly type: 'imported'; readonly progress: RmsProgress }
  /** Polling saw a new orderProgress. */
  | { readonly type: 'rmsProgressChanged'; readonly progress: RmsProgress }
  | { readonly type: 'staffConfirmed' }
  /** confirmOrder answered INFO_101 (or ERROR_103: RMS had it confirmed already). */
  | { readonly type: 'confirmationAccepted' }
  /** confirmOrder answered ERROR_102: the order had been cancelled in RMS. */
  | { readonly type: 'confirmationFoundCancelled' }
  | { readonly type: 'shipmentRegistered' }
  | { readonly type: 'held' }
  | { readonly type: 'released' }
  | { readonly type: 'staffCancelled' };

export type OrderEventType = OrderEvent['type'];

/** `stay` keeps the status; `previous` returns to the status before the hold. */
type Target = OrderStatus | 'stay' | 'previous';

/** Where an RMS progress leads from each status. A missing entry means: stay. */
const byProgress: Readonly<Record<OrderStatus, Partial<Record<ProgressClass, OrderStatus>>>> = {
  awaiting_confirmation: {
    processing: 'rakuten_processing', // confirmed directly in RMS
    readyToShip: 'new',
    shipped: 'completed',
    cancelled: 'confirmation_queued', // the seed's path: the confirmation result reveals it
  },
  confirmation_queued: {
    processing: 'rakuten_processing',
    readyToShip: 'new',
    shipped: 'completed',
    // cancelled: stay; the queued confirmation will answer ERROR_102
  },
  rakuten_processing: { readyToShip: 'new', shipped: 'completed', cancelled: 'cancelled' },
  new: { shipped: 'completed', cancelled: 'cancelled' },
  on_hold: { cancelled: 'cancelled' },
  shipped: { shipped: 'completed', cancelled: 'cancelled' },
  completed: { cancelled: 'cancelled' },
  cancelled: {},
};

const initialByProgress: Readonly<Record<ProgressClass, OrderStatus>> = {
  awaitingConfirmation: 'awaiting_confirmation',
  processing: 'rakuten_processing', // 自動注文確認 ON, or confirmed in RMS before import
  readyToShip: 'new',
  shipped: 'completed',
  cancelled: 'cancelled',
};

/** Events that are not about RMS progress: from → event → to. Anything absent is refused. */
const byEvent: Readonly<Record<OrderStatus, Partial<Record<Exclude<OrderEventType, 'imported' | 'rmsProgressChanged'>, Target>>>> = {
  awaiting_confirmation: { staffConfirmed: 'confirmation_queued', held: 'on_hold', staffCancelled: 'cancelled' },
  confirmation_queued: {
    confirmationAccepted: 'rakuten_processing',
    confirmationFoundCancelled: 'cancelled',
  },
  rakuten_processing: { confirmationAccepted: 'stay', held: 'on_hold' },
  new: { shipmentRegistered: 'shipped', held: 'on_hold', staffCancelled: 'cancelled', confirmationAccepted: 'stay' },
  on_hold: { released: 'previous', staffCancelled: 'cancelled', confirmationAccepted: 'stay' },
  shipped: { shipmentRegistered: 'stay' },
  completed: {},
  cancelled: { confirmationFoundCancelled: 'stay' },
};

export interface StatusState {
  readonly status: OrderStatus;
  readonly statusBeforeHold: OrderStatus | null;
}

export type TransitionResult =
  | { readonly ok: true; readonly state: StatusState }
  | { readonly ok: false; readonly reason: 'INVALID_TRANSITION' };

/** Applies one event. The only function that decides a status. */
export function transition(current: StatusState | null, event: OrderEvent): TransitionResult {
  if (event.type === 'imported') {
    return ok({ status: initialByProgress[classifyProgress(event.progress)], statusBeforeHold: null });
  }
  if (current === null) return { ok: false, reason: 'INVALID_TRANSITION' };

  if (event.type === 'rmsProgressChanged') {
    const cls = classifyProgress(event.progress);
    if (current.status === 'on_hold') {
      // RMS moves on while staff hold the order: cancel ends the hold, anything else
      // changes where the release will return to.
      const to = byProgress.on_hold[cls];
      if (to) return ok({ status: to, statusBeforeHold: null });
      const before = current.statusBeforeHold ?? 'new';
      return ok({ status: 'on_hold', statusBeforeHold: byProgress[before][cls] ?? before });
    }
    const to = byProgress[current.status][cls];
    return ok({ status: to ?? current.status, statusBeforeHold: null });
  }

  const target = byEvent[current.status][event.type];
  if (target === undefined) return { ok: false, reason: 'INVALID_TRANSITION' };
  if (target === 'stay') return ok(current);
  if (target === 'previous') {
    return ok({ status: current.statusBeforeHold ?? 'new', statusBeforeHold: null });
  }
  if (target === 'on_hold') return ok({ status: 'on_hold', statusBeforeHold: current.status });
  return ok({ status: target, statusBeforeHold: null });
}

function ok(state: StatusState): TransitionResult {
  return { ok: true, state };
}

/** What staff may do in each status. The UI shows exactly these; the API refuses the rest. */
export type StaffAction =
  | 'editAmounts' // 数量・単価, 送料, 代引料, 決済手数料
  | 'editDeliveryDateTime' // お届け日・時間帯
  | 'editPlannedShipDate' // 出荷予定日
  | 'confirm'
  | 'registerShipment'
  | 'hold'
  | 'release'
  | 'cancel';

export const STAFF_ACTIONS: Readonly<Record<OrderStatus, readonly StaffAction[]>> = {
  awaiting_confirmation: ['editAmounts', 'editDeliveryDateTime', 'confirm', 'hold', 'cancel'],
  confirmation_queued: [],
  // 楽天処理中: no edits and no operations, except the two date updates the seed names.
  rakuten_processing: ['editPlannedShipDate', 'editDeliveryDateTime', 'hold'],
  new: ['editPlannedShipDate', 'editDeliveryDateTime', 'registerShipment', 'hold', 'cancel'],
  on_hold: ['release', 'cancel'],
  shipped: ['registerShipment'],
  completed: [],
  cancelled: [],
};

export function mayDo(status: OrderStatus, action: StaffAction): boolean {
  return STAFF_ACTIONS[status].includes(action);
}

/** Statuses whose orders still need the shop's confirmation before the 14-day deadline. */
export function awaitsConfirmation(status: OrderStatus, statusBeforeHold: OrderStatus | null): boolean {
  const effective = status === 'on_hold' ? statusBeforeHold : status;
  return effective === 'awaiting_confirmation';
}
