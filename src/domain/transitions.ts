import type { OrderStatus, RmsProgress } from './status.ts';

/**
 * THE transition table: the single source of truth for how an order moves through the
 * 楽天ペイ lifecycle. Read it side by side with the seed (shared/seed/000_…txt):
 *
 *  自動注文確認 OFF: 注文 → 注文確認待ち → (staff confirm) 注文確認連携待ち
 *                    → (RMS accepts) 楽天処理中 → (RMS 300 発送待ち) 新規受付
 *  自動注文確認 ON:  注文 → 楽天処理中 → (RMS 300) 新規受付
 *  新規受付 → (every package has a shipment) 出荷済み → (RMS 500+) 出荷報告済み
 *  Cancelled in RMS while 注文確認待ち → 注文確認連携待ち, and the confirmation result
 *  (ERROR_102) reveals it → キャンセル. Found by polling in any later status → キャンセル
 *  (RMS's automatic cancellations — unpaid, payment error, deadline — arrive this way).
 *  Shop-side cancel: staff move 注文確認待ち or 新規受付 to キャンセル with a reason.
 *  保留: from any status before shipping, back to it on release (see `whileHeld`).
 *
 * Nothing moves backwards: a progress RMS reports late never undoes a later status, and
 * キャンセル is terminal.
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
  /** A shipment was registered and now every package has one. */
  | { readonly type: 'shipmentRegistered' }
  /** A shipment was registered for one package while another still has none. */
  | { readonly type: 'partialShipmentRegistered' }
  | { readonly type: 'held' }
  | { readonly type: 'released' }
  | { readonly type: 'staffCancelled' };

export type OrderEventType = OrderEvent['type'];

type LocalEventType = Exclude<OrderEventType, 'imported' | 'rmsProgressChanged'>;

/** `stay` keeps the status. */
type Target = OrderStatus | 'stay';

/**
 * Where an RMS progress leads from each status. A missing entry means: stay. Nothing leads
 * back: once RMS has moved an order on, an older progress seen late changes nothing.
 */
const byProgress: Readonly<Record<Exclude<OrderStatus, 'on_hold'>, Partial<Record<ProgressClass, OrderStatus>>>> = {
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
  // Still 300 until RMS accepts the report; 500 and later mean it did.
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

/**
 * Events that are not about RMS progress: from → event → to. Anything absent is refused.
 * A confirmation result can arrive after polling already moved the order on, so the later
 * statuses take it calmly; ERROR_102 is RMS saying the order is cancelled, and is believed.
 * 保留 is not a row here: it is an overlay on the status beneath it (see `whileHeld`).
 */
const byEvent: Readonly<Record<Exclude<OrderStatus, 'on_hold'>, Partial<Record<LocalEventType, Target>>>> = {
  awaiting_confirmation: { staffConfirmed: 'confirmation_queued', held: 'on_hold', staffCancelled: 'cancelled' },
  confirmation_queued: {
    confirmationAccepted: 'rakuten_processing',
    confirmationFoundCancelled: 'cancelled',
    held: 'on_hold',
  },
  rakuten_processing: { confirmationAccepted: 'stay', confirmationFoundCancelled: 'cancelled', held: 'on_hold' },
  new: {
    shipmentRegistered: 'shipped',
    partialShipmentRegistered: 'stay',
    held: 'on_hold',
    staffCancelled: 'cancelled',
    confirmationAccepted: 'stay',
    confirmationFoundCancelled: 'cancelled',
  },
  shipped: { shipmentRegistered: 'stay', confirmationAccepted: 'stay', confirmationFoundCancelled: 'cancelled' },
  completed: { confirmationAccepted: 'stay', confirmationFoundCancelled: 'cancelled' },
  cancelled: { confirmationAccepted: 'stay', confirmationFoundCancelled: 'stay' },
};

export interface StatusState {
  readonly status: OrderStatus;
  readonly statusBeforeHold: OrderStatus | null;
}

export type TransitionResult =
  | { readonly ok: true; readonly state: StatusState }
  | { readonly ok: false; readonly reason: 'INVALID_TRANSITION' };

const REFUSED: TransitionResult = { ok: false, reason: 'INVALID_TRANSITION' };

/** Applies one event. The only function that decides a status. */
export function transition(current: StatusState | null, event: OrderEvent): TransitionResult {
  if (event.type === 'imported') {
    return current === null ? ok(initialByProgress[classifyProgress(event.progress)]) : REFUSED;
  }
  if (current === null) return REFUSED;
  if (current.status === 'on_hold') return whileHeld(current.statusBeforeHold ?? 'new', event);

  if (event.type === 'rmsProgressChanged') {
    return ok(byProgress[current.status][classifyProgress(event.progress)] ?? current.status);
  }
  const target = byEvent[current.status][event.type];
  if (target === undefined) return REFUSED;
  if (target === 'stay') return ok(current.status);
  if (target === 'on_hold') return { ok: true, state: { status: 'on_hold', statusBeforeHold: current.status } };
  return ok(target);
}

/**
 * 保留 is staff's local overlay: RMS carries on underneath, so what RMS reports moves the
 * status beneath the hold, and the release returns to wherever that is by then. The hold
 * ends by itself when the order beneath can no longer be held (cancelled or completed).
 */
function whileHeld(beneath: OrderStatus, event: Exclude<OrderEvent, { type: 'imported' }>): TransitionResult {
  switch (event.type) {
    case 'released':
      return ok(beneath);
    case 'staffCancelled':
      return transition({ status: beneath, statusBeforeHold: null }, event);
    case 'rmsProgressChanged':
    case 'confirmationAccepted':
    case 'confirmationFoundCancelled': {
      const moved = transition({ status: beneath, statusBeforeHold: null }, event);
      if (!moved.ok || !mayDo(moved.state.status, 'hold')) return moved;
      return { ok: true, state: { status: 'on_hold', statusBeforeHold: moved.state.status } };
    }
    default:
      return REFUSED;
  }
}

function ok(status: OrderStatus): TransitionResult {
  return { ok: true, state: { status, statusBeforeHold: null } };
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
  // Amounts change only here: 送料・手数料連携 and 注文明細変更 are for orders awaiting confirmation.
  awaiting_confirmation: ['editAmounts', 'editDeliveryDateTime', 'confirm', 'hold', 'cancel'],
  // The confirmation is on its way to RMS; staff can only hold the order meanwhile.
  confirmation_queued: ['hold'],
  // 楽天処理中: no edits and no operations, except the two date updates the seed names.
  rakuten_processing: ['editPlannedShipDate', 'editDeliveryDateTime', 'hold'],
  new: ['editPlannedShipDate', 'editDeliveryDateTime', 'registerShipment', 'hold', 'cancel'],
  // Cancelling a held order is allowed only where the status beneath allows it: see allowedActions.
  on_hold: ['release', 'cancel'],
  // Corrections and the remaining packages of a multi-destination order.
  shipped: ['registerShipment'],
  completed: [],
  cancelled: [],
};

export function mayDo(status: OrderStatus, action: StaffAction): boolean {
  return STAFF_ACTIONS[status].includes(action);
}

/** What staff may do with this order now, the hold taken into account. */
export function allowedActions(state: StatusState): readonly StaffAction[] {
  if (state.status !== 'on_hold') return STAFF_ACTIONS[state.status];
  const beneath = state.statusBeforeHold ?? 'new';
  return STAFF_ACTIONS.on_hold.filter((action) => action !== 'cancel' || mayDo(beneath, 'cancel'));
}

/** Statuses whose orders still need the shop's confirmation before the 14-day deadline. */
export function awaitsConfirmation(status: OrderStatus, statusBeforeHold: OrderStatus | null): boolean {
  const effective = status === 'on_hold' ? statusBeforeHold : status;
  return effective === 'awaiting_confirmation';
}
