/**
 * 注文確認期限: Rakuten cancels an order the shop has not confirmed within 14 days of the order.
 * JST has no daylight saving time, so "14 days later" is exactly 14 × 24 hours and lands on
 * the same JST wall-clock time.
 */
export const CONFIRMATION_PERIOD_DAYS = 14;

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** Below these, the UI raises the alarm: red under a day, amber under three. */
const CRITICAL_WITHIN_MS = 24 * HOUR_MS;
const WARNING_WITHIN_MS = 72 * HOUR_MS;

export type DeadlineUrgency = 'overdue' | 'critical' | 'warning' | 'normal';

export interface DeadlineStatus {
  readonly msLeft: number;
  /** Whole days left (negative once overdue), truncated toward zero. */
  readonly daysLeft: number;
  /** Whole hours left (negative once overdue), truncated toward zero. */
  readonly hoursLeft: number;
  readonly urgency: DeadlineUrgency;
}

export function confirmationDeadline(orderedAt: Date): Date {
  return new Date(orderedAt.getTime() + CONFIRMATION_PERIOD_DAYS * DAY_MS);
}

export function deadlineStatus(deadline: Date, now: Date): DeadlineStatus {
  const msLeft = deadline.getTime() - now.getTime();
  return {
    msLeft,
    daysLeft: wholeUnits(msLeft, DAY_MS),
    hoursLeft: wholeUnits(msLeft, HOUR_MS),
    urgency: urgencyOf(msLeft),
  };
}

function urgencyOf(msLeft: number): DeadlineUrgency {
  if (msLeft <= 0) return 'overdue';
  if (msLeft < CRITICAL_WITHIN_MS) return 'critical';
  if (msLeft < WARNING_WITHIN_MS) return 'warning';
  return 'normal';
}

function wholeUnits(ms: number, unit: number): number {
  // `+ 0` turns the -0 of a truncated small negative into 0.
  return Math.trunc(ms / unit) + 0;
}
