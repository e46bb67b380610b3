import type { MessageModel } from './wire/messages.ts';
import type { OperationName } from './wire/operations.ts';

/**
 * What can go wrong talking to RMS, in the terms the sync worker decides on:
 * stop the shop (auth), try later (unavailable), verify by re-reading (outcome unknown),
 * show staff the reason (rejected), or quarantine the data (malformed).
 */
export type RmsErrorKind = 'auth' | 'unavailable' | 'outcomeUnknown' | 'rejected' | 'invalidRequest' | 'malformed';

export abstract class RmsError extends Error {
  abstract readonly kind: RmsErrorKind;

  constructor(
    readonly operation: OperationName | 'licenseExpiry',
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The ESA gateway refused the credentials (401 / ES01-01) or the function (ES04-01). */
export class RmsAuthError extends RmsError {
  readonly kind = 'auth';

  constructor(
    operation: OperationName | 'licenseExpiry',
    readonly status: number,
    readonly gatewayCode: string | null,
  ) {
    super(operation, `RMS refused the credentials (HTTP ${status}${gatewayCode ? `, ${gatewayCode}` : ''})`);
  }
}

/** RMS could not be reached or kept answering 429/5xx after every retry; nothing was applied. */
export class RmsUnavailableError extends RmsError {
  readonly kind = 'unavailable';

  constructor(
    operation: OperationName | 'licenseExpiry',
    readonly status: number | null,
    detail: string,
  ) {
    super(operation, `RMS unavailable for ${operation}: ${detail}`);
  }
}

/** A write got no usable answer (timeout, dropped connection, 5xx): RMS may have applied it. */
export class RmsOutcomeUnknownError extends RmsError {
  readonly kind = 'outcomeUnknown';

  constructor(
    operation: OperationName,
    readonly status: number | null,
    detail: string,
    /** No answer within the timeout: RMS may still be working on the request. */
    readonly timedOut = false,
  ) {
    super(operation, `outcome of ${operation} unknown: ${detail}`);
  }
}

/** RMS answered and refused (4xx with ERROR messages). Retrying the same request cannot help. */
export class RmsRejectedError extends RmsError {
  readonly kind = 'rejected';

  constructor(
    operation: OperationName,
    readonly status: number,
    readonly messages: readonly MessageModel[],
  ) {
    super(operation, `RMS rejected ${operation} (HTTP ${status}): ${describeMessages(messages)}`);
  }
}

/** juchu built a body the wire schema refuses; it was not sent. A bug or bad local data. */
export class RmsInvalidRequestError extends RmsError {
  readonly kind = 'invalidRequest';

  constructor(operation: OperationName, detail: string) {
    super(operation, `refusing to send an invalid ${operation} request: ${detail}`);
  }
}

/** RMS answered something that does not match the wire format. */
export class RmsMalformedError extends RmsError {
  readonly kind = 'malformed';

  constructor(
    operation: OperationName | 'licenseExpiry',
    readonly status: number,
    detail: string,
  ) {
    super(operation, `unexpected ${operation} response (HTTP ${status}): ${detail}`);
  }
}

/** `CODE: text` of each ERROR/WARNING message, for logs and for staff. */
export function describeMessages(messages: readonly MessageModel[]): string {
  const notable = messages.filter((m) => m.messageType !== 'INFO');
  const shown = notable.length > 0 ? notable : messages;
  return shown.map((m) => `${m.messageCode}: ${m.message}`).join(' / ') || '(no message)';
}
