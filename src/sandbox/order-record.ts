import type { OrderModel } from '../rms/wire/index.ts';
import type { ScheduledEvent, EventKind } from './scheduler.ts';
import type { SandboxShop } from './shop.ts';

/** How the buyer's payment will go, fixed when the order is generated. */
export type PaymentPlan = 'succeeds' | 'cardDeclined' | 'unpaid';

/** Rakuten's side of the payment, shown by getPayment and the control API. */
export interface PaymentState {
  status: number;
  procRequestedAt: Date | null;
  procCompletedAt: Date | null;
  procNgAt: Date | null;
  billingRequestedAt: Date | null;
  fixedAt: Date | null;
  procCancelledAt: Date | null;
  cancelledAt: Date | null;
  authorizedAt: Date | null;
  reauthorizations: Date[];
}

/**
 * One order. `model` is the getOrder v10 OrderModel itself (keys in wire order), so getOrder
 * only serialises; the other fields are what RMS knows but does not show, plus millisecond
 * copies of the datetimes searchOrder filters on.
 */
export interface SandboxOrder {
  readonly orderNumber: string;
  readonly shop: SandboxShop;
  readonly orderedAt: number;
  readonly scenario: string;
  plan: PaymentPlan;
  model: OrderModel;
  payment: PaymentState;
  confirmedAt: number | null;
  fixedAt: number | null;
  reportedAt: number | null;
  paymentFixedAt: number | null;
  /** Where a parked (400) order returns to. */
  progressBeforePark: number | null;
  /** The serialised model and the state revision it was made at. */
  jsonCache: { revision: number; json: string } | null;
  /** Events scheduled for this order, by kind (at most one of each). */
  readonly pending: Map<EventKind, ScheduledEvent>;
}
