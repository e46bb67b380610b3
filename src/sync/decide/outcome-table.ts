import { RmsError, RmsOutcomeUnknownError, type RmsErrorKind } from '../../rms/errors.ts';

/**
 * The one place that decides what an RMS failure means for the operation at hand and for the
 * shop's run. Every caller in src/sync asks here instead of testing error classes itself, so a
 * new error kind is one new row (the table's type refuses a missing one).
 *
 * A failed *write* ends in one of:
 * - `holdBack`: put it back untouched (an unknown one stays unknown) and stop the shop's run —
 *   nothing RMS is asked for this shop can succeed until the credentials are fixed;
 * - `retryLater`: it certainly did not reach RMS; queued again after its retry delay;
 * - `reread`: it may have reached RMS and RMS is done with it; read the order again at once and
 *   resend only if RMS does not show it;
 * - `awaitResult`: it may have reached RMS and RMS may still be working on it (no answer within
 *   the timeout); a re-read now could miss it, so it is verified by a later run;
 * - `refuse`: RMS (or the wire schema) refused it; it stays failed, for staff, never resent.
 *
 * A failed *read* (the re-read before a send, an async result) either stops the shop
 * (`holdBack`) or leaves the operations it was for to a later try (`retryLater`).
 *
 * When a failure escapes a shop's part of the run, `runCode` names it in the run's messages.
 */
export type WriteFate = 'holdBack' | 'retryLater' | 'reread' | 'awaitResult' | 'refuse';
export type ReadFate = Extract<WriteFate, 'holdBack' | 'retryLater'>;
export type ShopFate = 'stop' | 'continue';
export type RunStopCode = 'RMS_AUTH_FAILED' | 'RMS_UNAVAILABLE';

/** An error kind, with an unknown outcome split by whether RMS may still be working on it. */
export type OutcomeCase = RmsErrorKind | 'outcomeUnknownTimedOut';

export interface OutcomeRow {
  readonly write: WriteFate;
  readonly read: ReadFate;
  /** `stop`: the shop's run ends at once, whatever it was doing (the error is rethrown to the run). */
  readonly shop: ShopFate;
  /** The run message's code when this failure ends a shop's part of the run. */
  readonly runCode: RunStopCode;
}

export const OUTCOME_TABLE: { readonly [C in OutcomeCase]: OutcomeRow } = {
  auth: { write: 'holdBack', read: 'holdBack', shop: 'stop', runCode: 'RMS_AUTH_FAILED' },
  unavailable: { write: 'retryLater', read: 'retryLater', shop: 'continue', runCode: 'RMS_UNAVAILABLE' },
  outcomeUnknown: { write: 'reread', read: 'retryLater', shop: 'continue', runCode: 'RMS_UNAVAILABLE' },
  outcomeUnknownTimedOut: { write: 'awaitResult', read: 'retryLater', shop: 'continue', runCode: 'RMS_UNAVAILABLE' },
  // An answer juchu cannot read may still mean RMS applied the write: treated like a lost answer.
  malformed: { write: 'reread', read: 'retryLater', shop: 'continue', runCode: 'RMS_UNAVAILABLE' },
  rejected: { write: 'refuse', read: 'retryLater', shop: 'continue', runCode: 'RMS_UNAVAILABLE' },
  invalidRequest: { write: 'refuse', read: 'retryLater', shop: 'continue', runCode: 'RMS_UNAVAILABLE' },
};

export function outcomeCase(err: RmsError): OutcomeCase {
  return err instanceof RmsOutcomeUnknownError && err.timedOut ? 'outcomeUnknownTimedOut' : err.kind;
}

/** The row for an RMS error; anything else is not an RMS outcome (a bug, the database) and is rethrown. */
export function outcomeOf(err: unknown): OutcomeRow {
  if (!(err instanceof RmsError)) throw err;
  return OUTCOME_TABLE[outcomeCase(err)];
}

/** What becomes of a write that failed with `err`; an error that stops the shop is rethrown. */
export function writeFate(err: unknown): Exclude<WriteFate, 'holdBack'> {
  const fate = outcomeOf(err).write;
  if (fate === 'holdBack') throw err;
  return fate;
}

/**
 * After a read that failed (an optional look-up, an async result): rethrows what must stop the
 * shop or is no RMS outcome at all; otherwise the caller goes on without the answer.
 */
export function goOnWithoutAnswer(err: unknown): void {
  if (outcomeOf(err).read === 'holdBack') throw err;
}

/** True when `err` is an RMS failure that ends the shop's run at once. */
export function stopsShop(err: unknown): boolean {
  return err instanceof RmsError && OUTCOME_TABLE[outcomeCase(err)].shop === 'stop';
}

/** The run message's code for an RMS failure that ended a shop's part of the run; null for anything else. */
export function runStopCode(err: unknown): RunStopCode | null {
  return err instanceof RmsError ? OUTCOME_TABLE[outcomeCase(err)].runCode : null;
}
