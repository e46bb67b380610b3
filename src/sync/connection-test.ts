import pino from 'pino';
import type { ConnectionTarget, ConnectionTestResult, RmsAnswer } from '../app/admin/connection.ts';
import type { Clock } from '../ports/clock.ts';
import { licenseKeyId, RmsClient } from '../rms/client.ts';
import { RmsAuthError, RmsError, RmsUnavailableError } from '../rms/errors.ts';
import { fetchHttp, type RmsHttp, type RmsHttpResponse } from '../rms/http.ts';
import { createRateLimiter } from '../rms/rate-limiter.ts';
import { realSleep } from '../rms/retry.ts';
import { DATE_TYPE } from '../rms/wire/codes.ts';
import { formatDatetime } from '../rms/wire/datetime.ts';
import { GATEWAY_FUNCTION_NOT_ENABLED_CODE } from '../rms/wire/gateway.ts';
import type { Store } from '../store/store.ts';

/** Someone is waiting in front of the form: one attempt, a short timeout. */
const TEST_TIMEOUT_MS = 15_000;
/** What of RMS's answer is shown: enough for any error envelope, bounded for a stray HTML page. */
const ANSWER_TEXT_LIMIT = 2_000;
const HOUR_MS = 3_600_000;

/**
 * "Test the connection": the license-expiry look-up and one searchOrder over the last hour,
 * with the credentials as typed, before anything is saved. What RMS answered is handed back
 * verbatim (status and body, or the network error), since that is what the shop owner can
 * take to Rakuten: ES01-01, ES04-01 for a function the key does not have, a timeout.
 */
export function rmsConnectionTester(deps: { readonly store: Store; readonly clock: Clock; readonly http?: RmsHttp }) {
  return async (target: ConnectionTarget): Promise<ConnectionTestResult> => {
    let last: RmsHttpResponse | null = null;
    const http = deps.http ?? fetchHttp;
    const client = new RmsClient({
      baseUrl: target.rmsUrl,
      credentials: { serviceSecret: target.serviceSecret, licenseKey: target.licenseKey },
      http: async (request) => (last = await http(request)),
      // The same per-license budget the worker spends: a test must not push a running shop over RMS's limit.
      rateLimiter: createRateLimiter({ key: licenseKeyId(target.licenseKey), perSecond: target.rateLimitPerSecond, store: deps.store.rateSlots, sleep: realSleep }),
      retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, maintenanceBaseDelayMs: 0 },
      timeoutMs: TEST_TIMEOUT_MS,
      sleep: realSleep,
      logger: pino({ level: 'silent' }),
    });
    const answerOf = (err: unknown): RmsAnswer => ({
      status: last?.status ?? null,
      body: last ? last.body.slice(0, ANSWER_TEXT_LIMIT) : null,
      error: err instanceof RmsError ? err.message : (err as Error).message,
    });

    let licenseKeyExpiresAt: Date | null = null;
    let licenseNote: RmsAnswer | null = null;
    try {
      licenseKeyExpiresAt = await client.licenseExpiry();
    } catch (err) {
      if (!(err instanceof RmsError)) throw err;
      // The expiry look-up is a function of its own that a license may lack (ES04-01), as in sync/license.ts: note it and go on.
      const refused = err instanceof RmsAuthError && err.gatewayCode !== GATEWAY_FUNCTION_NOT_ENABLED_CODE;
      if (refused || err instanceof RmsUnavailableError) return { ok: false, step: 'licenseExpiry', answer: answerOf(err), licenseKeyExpiresAt: null, licenseNote: null };
      licenseNote = answerOf(err);
    }
    last = null;
    const now = deps.clock.now();
    try {
      const found = await client.searchOrder({
        dateType: DATE_TYPE.ordered,
        startDatetime: formatDatetime(new Date(now.getTime() - HOUR_MS)),
        endDatetime: formatDatetime(now),
        PaginationRequestModel: { requestRecordsAmount: 30, requestPage: 1 },
      });
      return { ok: true, step: null, answer: null, licenseKeyExpiresAt, licenseNote, ordersInLastHour: found.PaginationResponseModel?.totalRecordsAmount ?? 0 };
    } catch (err) {
      if (!(err instanceof RmsError)) throw err;
      return { ok: false, step: 'searchOrder', answer: answerOf(err), licenseKeyExpiresAt, licenseNote };
    }
  };
}
