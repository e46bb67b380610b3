import type { Order } from '../order.ts';

/**
 * Buyer mail: its states, what triggers it, and the at-most-once rule.
 *
 *   queued ──claim──► sending ──250──────────────► sent
 *     ▲                  │ ├──5xx───────────────► failed        (the relay's words kept)
 *     └──4xx, no connection, nothing sent yet──┘ └─data sent, answer lost──► unknown
 *
 * `sending` holds a lease on real time; a lease that runs out (the worker died mid-send) makes
 * the mail `unknown`, never `queued`: nobody can tell whether the relay took it. `failed` and
 * `unknown` leave the queue for good; only staff's 再送 sends such a mail again, as a new mail.
 * `cancelled`: an automatic mail that was no longer wanted when it fell due (the order was
 * cancelled in the buyer's window, or staff stopped automatic mail for it).
 */
export const MAIL_STATES = ['queued', 'sending', 'sent', 'failed', 'unknown', 'cancelled'] as const;
export type MailState = (typeof MAIL_STATES)[number];

export const MAIL_STATE_LABELS: Readonly<Record<MailState, { ja: string; en: string }>> = {
  queued: { ja: '送信待ち', en: 'Queued' },
  sending: { ja: '送信中', en: 'Sending' },
  sent: { ja: '送信済み', en: 'Sent' },
  failed: { ja: '送信失敗', en: 'Failed' },
  unknown: { ja: '送信結果不明', en: 'Outcome unknown' },
  cancelled: { ja: '送信取りやめ', en: 'Withdrawn' },
};

/** Events a shop may switch automatic mail on for. */
export const MAIL_TRIGGERS = ['orderTaken', 'confirmed', 'shipped'] as const;
export type MailTrigger = (typeof MAIL_TRIGGERS)[number];

export const MAIL_TRIGGER_LABELS: Readonly<Record<MailTrigger, { ja: string; en: string }>> = {
  orderTaken: { ja: '注文取込時（サンクスメール）', en: 'Order taken in (thank-you mail)' },
  confirmed: { ja: '注文確認時', en: 'Order confirmed' },
  shipped: { ja: '発送完了時（発送完了メール）', en: 'Shipped (shipping notice)' },
};

export function isMailTrigger(value: string): value is MailTrigger {
  return (MAIL_TRIGGERS as readonly string[]).includes(value);
}

/** States 再送 applies to: the relay refused it, or nobody knows whether it went. */
export function isResendable(state: MailState): boolean {
  return state === 'failed' || state === 'unknown';
}

/** The buyer may cancel an order still 注文確認待ち for this long after ordering. */
export const BUYER_CANCEL_WINDOW_MS = 30 * 60 * 1000;

/**
 * When a triggered mail falls due. The thank-you mail for an order still awaiting
 * confirmation waits out the buyer's cancel window, so a buyer who cancels at once is not
 * thanked; a shipping notice waits a short while so parcels reported together share one mail.
 */
export function triggeredMailDueAt(trigger: MailTrigger, order: Pick<Order, 'status' | 'orderedAt'>, now: Date, shippedGraceMs: number): Date {
  switch (trigger) {
    case 'orderTaken': {
      if (order.status !== 'awaiting_confirmation') return now;
      const windowEnd = order.orderedAt.getTime() + BUYER_CANCEL_WINDOW_MS;
      return new Date(Math.max(now.getTime(), windowEnd));
    }
    case 'confirmed':
      return now;
    case 'shipped':
      return new Date(now.getTime() + shippedGraceMs);
  }
}

/** An automatic mail due now, for an order in this state, still goes; otherwise it is withdrawn. */
export function stillWanted(order: Pick<Order, 'status'>, autoMailStopped: boolean): boolean {
  return !autoMailStopped && order.status !== 'cancelled';
}

/** What the relay did with a message, as far as the sender can know. */
export type SendOutcome =
  | { readonly kind: 'accepted'; readonly response: string }
  /** A 5xx: the relay refused it for good (e.g. 552 sender rejected). */
  | { readonly kind: 'refused'; readonly code: number; readonly response: string }
  /** A 4xx, or no connection: certainly not delivered, may be tried again. */
  | { readonly kind: 'deferred'; readonly code: number | null; readonly response: string }
  /** The message data went out and no answer came back: it may or may not have been taken. */
  | { readonly kind: 'unknown'; readonly response: string };

/** Retries after deferrals: 1, 2, 4 … minutes, at most an hour apart, then failed. */
export const MAX_MAIL_ATTEMPTS = 8;

export function retryDelayMs(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;
}

export interface NextState {
  readonly state: MailState;
  readonly retryAt: Date | null;
}

/** The state a mail goes to after an attempt (its `attempts`-th). */
export function afterAttempt(outcome: SendOutcome, attempts: number, now: Date): NextState {
  switch (outcome.kind) {
    case 'accepted':
      return { state: 'sent', retryAt: null };
    case 'refused':
      return { state: 'failed', retryAt: null };
    case 'unknown':
      return { state: 'unknown', retryAt: null };
    case 'deferred':
      return attempts >= MAX_MAIL_ATTEMPTS
        ? { state: 'failed', retryAt: null }
        : { state: 'queued', retryAt: new Date(now.getTime() + retryDelayMs(attempts)) };
  }
}
