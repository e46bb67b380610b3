import { ERROR_MESSAGES } from '../domain/errors.ts';
import type { DomainError } from '../domain/errors.ts';

/**
 * What the API answers on failure: `{ error: { code, message, details } }` with the English
 * message and, in `details.messageJa`, the Japanese one the UI shows.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly messageJa: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static of(code: keyof typeof ERROR_MESSAGES, details: Record<string, unknown> = {}): ApiError {
    const { en, ja } = ERROR_MESSAGES[code];
    return new ApiError(statusOfDomainError(code), code, en, ja, details);
  }

  /** Refusals that belong to the HTTP layer rather than the domain. */
  static csrfFailed(): ApiError {
    return new ApiError(403, 'CSRF_FAILED', 'Missing or wrong x-csrf-token header.', '画面を再読み込みしてからやり直してください。');
  }

  static adminOnly(role: string): ApiError {
    return new ApiError(403, 'FORBIDDEN', 'Only admins may do this.', 'この操作は管理者だけができます。', { role });
  }

  static tooManyAttempts(retryAfterSeconds: number): ApiError {
    return new ApiError(429, 'TOO_MANY_ATTEMPTS', 'Too many failed logins; try again later.', 'ログインの失敗が続いたため、しばらくしてからやり直してください。', {
      retryAfterSeconds,
    });
  }

  /** Too many requests from one client address, whatever the account (the per-address flood limit). */
  static tooManyFromAddress(retryAfterSeconds: number): ApiError {
    return new ApiError(429, 'TOO_MANY_ATTEMPTS', 'Too many requests from this address; try again later.', 'この接続元からの試行が多すぎます。しばらくしてからやり直してください。', {
      retryAfterSeconds,
    });
  }

  static badCredentials(): ApiError {
    return new ApiError(401, 'UNAUTHORIZED', 'Wrong email or password.', 'メールアドレスまたはパスワードが違います。');
  }

  body(): { error: { code: string; message: string; details: Record<string, unknown> } } {
    return { error: { code: this.code, message: this.message, details: { ...this.details, messageJa: this.messageJa } } };
  }
}

/**
 * HTTP status per domain error code. A refusal because of the order's current state (its
 * status, an undetermined postage) is 409 Conflict: the same request may succeed once the
 * order has moved on. A refusal because of what the request says (a missing 減額理由, a
 * missing tracking number, an unknown carrier) is 422. docs/API.md lists them.
 */
const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  VALIDATION_FAILED: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VERSION_CONFLICT: 409,
  ORDER_NOT_EDITABLE: 409,
  INVALID_TRANSITION: 409,
  POSTAGE_UNDETERMINED: 409,
  OPERATION_NOT_FAILED: 409,
  LAST_ADMIN: 409,
  OWN_ROLE: 403,
  LINK_INVALID: 410,
  RMS_CONNECTION_FAILED: 422,
  WRONG_PASSWORD: 422,
  SETTINGS_CONFLICT: 409,
  MAIL_NOT_CONFIGURED: 409,
  MAIL_NOT_RESENDABLE: 409,
  MAIL_TEMPLATE_IN_USE: 409,
  REDUCTION_REASON_REQUIRED: 422,
  INVALID_REDUCTION_REASON: 422,
  TRACKING_NUMBER_REQUIRED: 422,
  TRACKING_FILE_REJECTED: 422,
  TRACKING_PREVIEW_COMMITTED: 409,
  SHIPPING_FILTER_NAME_TAKEN: 409,
};

/** Any other domain code is a business rule the request broke. */
const DEFAULT_DOMAIN_STATUS = 422;

export function statusOfDomainError(code: string): number {
  return STATUS_BY_CODE[code] ?? DEFAULT_DOMAIN_STATUS;
}

export function fromDomainError(err: DomainError): ApiError {
  const details = err.details === undefined || err.details === null ? {} : typeof err.details === 'object' ? (err.details as Record<string, unknown>) : { detail: err.details };
  return new ApiError(statusOfDomainError(String(err.code)), String(err.code), err.message, err.messageJa, details);
}
