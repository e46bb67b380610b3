import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { z } from 'zod';
import { parseDate, parseDatetime } from './wire/datetime.ts';
import { isGatewayError } from './wire/gateway.ts';
import { GET_ORDER_VERSION } from './wire/get-order.ts';
import { messagesOnlyResponseSchema } from './wire/common-responses.ts';
import { confirmOrderRequestSchema } from './wire/confirm-order.ts';
import { cancelOrderRequestSchema, type CancelOrderRequest } from './wire/cancel-order.ts';
import { licenseExpiryResponseSchema } from './wire/license.ts';
import { updateOrderMemoRequestSchema, type UpdateOrderMemoRequest } from './wire/memo.ts';
import { messageModelListSchema, type MessageModel } from './wire/messages.ts';
import { orderModelSchema, type OrderModel } from './wire/order-model.ts';
import {
  esaAuthorization,
  LICENSE_EXPIRY_PATH,
  operationUrl,
  READ_OPERATIONS,
  type OperationName,
} from './wire/operations.ts';
import { searchOrderRequestSchema, searchOrderResponseSchema, type SearchOrderRequest, type SearchOrderResponse } from './wire/search-order.ts';
import {
  getResultUpdateOrderShippingAsyncResponseSchema,
  updateOrderShippingAsyncRequestSchema,
  updateOrderShippingRequestSchema,
  type GetResultUpdateOrderShippingAsyncResponse,
  type UpdateOrderShippingAsyncRequest,
  type UpdateOrderShippingRequest,
} from './wire/shipping.ts';
import { updateOrderSenderRequestSchema, type UpdateOrderSenderRequest } from './wire/update-order-sender.ts';
import { updateOrderSubStatusRequestSchema } from './wire/sub-status.ts';
import {
  RmsAuthError,
  RmsInvalidRequestError,
  RmsMalformedError,
  RmsOutcomeUnknownError,
  RmsRejectedError,
  RmsUnavailableError,
} from './errors.ts';
import { RmsTransportError, type RmsHttp } from './http.ts';
import type { RateLimiter } from './rate-limiter.ts';
import { backoffDelay, parseRetryAfter, type RetryCause, type RetryPolicy, type Sleep } from './retry.ts';

/**
 * The typed RakutenPayOrderAPI client: the only code that sends RMS requests. Every body is
 * checked against the wire schema before it leaves and every answer after it arrives.
 *
 * Reads are retried (capped, jittered, longer after a 503). A 429 is retried for writes too,
 * because RMS refused it before doing anything. Any other failure of a write — a timeout, a
 * dropped connection, a 5xx — ends in `RmsOutcomeUnknownError`: the caller must re-read the
 * order before deciding to send again. Credentials never reach a log line.
 */
export interface RmsCredentials {
  readonly serviceSecret: string;
  readonly licenseKey: string;
}

/** Counts what went over the wire, for run records and the import benchmark. */
export interface RmsCallObserver {
  onCall(operation: OperationName | 'licenseExpiry', status: number | null, elapsedMs: number): void;
}

export interface RmsClientOptions {
  readonly baseUrl: string;
  readonly credentials: RmsCredentials;
  readonly http: RmsHttp;
  readonly rateLimiter: RateLimiter;
  readonly retry: RetryPolicy;
  readonly timeoutMs: number;
  readonly sleep: Sleep;
  readonly logger: Logger;
  readonly random?: () => number;
  readonly observer?: RmsCallObserver;
}

/** A getOrder record that did not match the OrderModel schema: kept aside, not imported. */
export interface MalformedOrderRecord {
  readonly orderNumber: string | null;
  readonly error: string;
  readonly raw: unknown;
}

export interface GetOrderResult {
  readonly orders: readonly OrderModel[];
  readonly malformed: readonly MalformedOrderRecord[];
  readonly notFound: readonly string[];
}

/** A short, stable, non-reversible id for a license key: safe for logs and shared tables. */
export function licenseKeyId(licenseKey: string): string {
  return createHash('sha256').update(licenseKey, 'utf8').digest('hex').slice(0, 16);
}

const getOrderEnvelopeSchema = z.looseObject({
  MessageModelList: messageModelListSchema,
  OrderModelList: z.array(z.unknown()),
});

const DAY_MS = 86_400_000;

const GET_ORDER_NOT_FOUND = 'ORDER_EXT_API_GET_ORDER_INFO_102';

interface Answer {
  readonly status: number;
  readonly json: unknown;
}

export class RmsClient {
  readonly keyId: string;
  private readonly random: () => number;

  constructor(private readonly options: RmsClientOptions) {
    this.keyId = licenseKeyId(options.credentials.licenseKey);
    this.random = options.random ?? Math.random;
  }

  async searchOrder(request: SearchOrderRequest): Promise<SearchOrderResponse> {
    this.checkRequest('searchOrder', searchOrderRequestSchema, request);
    const answer = await this.post('searchOrder', request);
    return this.parseSuccess('searchOrder', answer, searchOrderResponseSchema);
  }

  /** Up to 100 orders, version 10. Records that fail the schema are returned apart, not thrown. */
  async getOrder(orderNumbers: readonly string[]): Promise<GetOrderResult> {
    const request = { orderNumberList: [...orderNumbers], version: GET_ORDER_VERSION };
    const answer = await this.post('getOrder', request);
    const envelope = this.parseSuccess('getOrder', answer, getOrderEnvelopeSchema);
    const orders: OrderModel[] = [];
    const malformed: MalformedOrderRecord[] = [];
    for (const raw of envelope.OrderModelList) {
      const parsed = orderModelSchema.safeParse(raw);
      if (parsed.success) {
        orders.push(parsed.data);
      } else {
        const orderNumber = (raw as { orderNumber?: unknown } | null)?.orderNumber;
        malformed.push({
          orderNumber: typeof orderNumber === 'string' ? orderNumber : null,
          error: z.prettifyError(parsed.error),
          raw,
        });
      }
    }
    const notFound = envelope.MessageModelList.filter((m) => m.messageCode === GET_ORDER_NOT_FOUND && m.orderNumber).map(
      (m) => m.orderNumber as string,
    );
    return { orders, malformed, notFound };
  }

  /** One message per order (INFO_101, ERROR_102/103/105); HTTP 200 even when every order failed. */
  async confirmOrder(orderNumbers: readonly string[]): Promise<readonly MessageModel[]> {
    return this.messagesOf('confirmOrder', confirmOrderRequestSchema, { orderNumberList: [...orderNumbers] });
  }

  async updateOrderSender(request: UpdateOrderSenderRequest): Promise<readonly MessageModel[]> {
    return this.messagesOf('updateOrderSender', updateOrderSenderRequestSchema, request);
  }

  async updateOrderShipping(request: UpdateOrderShippingRequest): Promise<readonly MessageModel[]> {
    return this.messagesOf('updateOrderShipping', updateOrderShippingRequestSchema, request);
  }

  async updateOrderShippingAsync(request: UpdateOrderShippingAsyncRequest): Promise<readonly MessageModel[]> {
    return this.messagesOf('updateOrderShippingAsync', updateOrderShippingAsyncRequestSchema, request);
  }

  async getResultUpdateOrderShippingAsync(requestId: string): Promise<GetResultUpdateOrderShippingAsyncResponse> {
    const answer = await this.post('getResultUpdateOrderShippingAsync', { requestId });
    return this.parseSuccess('getResultUpdateOrderShippingAsync', answer, getResultUpdateOrderShippingAsyncResponseSchema);
  }

  async updateOrderMemo(request: UpdateOrderMemoRequest): Promise<readonly MessageModel[]> {
    return this.messagesOf('updateOrderMemo', updateOrderMemoRequestSchema, request);
  }

  /** サブステータス for up to 100 orders; one message per order, HTTP 200 even when every order failed. */
  async updateOrderSubStatus(subStatusId: number | null, orderNumbers: readonly string[]): Promise<readonly MessageModel[]> {
    return this.messagesOf('updateOrderSubStatus', updateOrderSubStatusRequestSchema, { subStatusId, orderNumberList: [...orderNumbers] });
  }

  async cancelOrder(request: CancelOrderRequest): Promise<readonly MessageModel[]> {
    return this.messagesOf('cancelOrder', cancelOrderRequestSchema, request);
  }

  /** The license key's expiry from the license-management API; null when RMS does not say. */
  async licenseExpiry(): Promise<Date | null> {
    const base = this.options.baseUrl.replace(/\/+$/, '');
    const url = `${base}${LICENSE_EXPIRY_PATH}?licenseKey=${encodeURIComponent(this.options.credentials.licenseKey)}`;
    const answer = await this.exchange('licenseExpiry', 'GET', url, undefined, true);
    if (answer.status !== 200) throw new RmsMalformedError('licenseExpiry', answer.status, 'expected 200');
    const parsed = licenseExpiryResponseSchema.safeParse(answer.json);
    if (!parsed.success) throw new RmsMalformedError('licenseExpiry', answer.status, z.prettifyError(parsed.error));
    return parseExpiry(parsed.data.expiryDate);
  }

  private async messagesOf<S extends z.ZodType>(
    operation: OperationName,
    requestSchema: S,
    request: z.input<S>,
  ): Promise<readonly MessageModel[]> {
    this.checkRequest(operation, requestSchema, request);
    const answer = await this.post(operation, request);
    return this.parseSuccess(operation, answer, messagesOnlyResponseSchema).MessageModelList;
  }

  private checkRequest(operation: OperationName, schema: z.ZodType, request: unknown): void {
    const checked = schema.safeParse(request);
    if (!checked.success) throw new RmsInvalidRequestError(operation, z.prettifyError(checked.error));
  }

  /** 200 → the parsed body; 4xx with messages → rejected; anything else → malformed. */
  private parseSuccess<S extends z.ZodType>(operation: OperationName, answer: Answer, schema: S): z.output<S> {
    if (answer.status >= 400 && answer.status < 500) {
      const messages = z.looseObject({ MessageModelList: messageModelListSchema }).safeParse(answer.json);
      throw new RmsRejectedError(operation, answer.status, messages.success ? messages.data.MessageModelList : []);
    }
    const parsed = schema.safeParse(answer.json);
    if (answer.status !== 200 || !parsed.success) {
      throw new RmsMalformedError(operation, answer.status, parsed.success ? 'unexpected status' : z.prettifyError(parsed.error));
    }
    return parsed.data;
  }

  private post(operation: OperationName, body: unknown): Promise<Answer> {
    const url = operationUrl(this.options.baseUrl, operation);
    return this.exchange(operation, 'POST', url, JSON.stringify(body), READ_OPERATIONS.has(operation));
  }

  private async exchange(
    operation: OperationName | 'licenseExpiry',
    method: 'GET' | 'POST',
    url: string,
    body: string | undefined,
    isRead: boolean,
  ): Promise<Answer> {
    const { credentials, http, retry, timeoutMs, logger } = this.options;
    const headers: Record<string, string> = {
      authorization: esaAuthorization(credentials.serviceSecret, credentials.licenseKey),
      'content-type': 'application/json; charset=utf-8',
    };
    for (let attempt = 1; ; attempt++) {
      await this.options.rateLimiter.acquire();
      const started = performance.now();
      let status: number | null = null;
      let cause: RetryCause;
      let retryAfterMs: number | null = null;
      let detail: string;
      try {
        const res = await http({ url, method, headers, body, timeoutMs });
        status = res.status;
        const json = parseJson(res.body);
        // The gateway envelope also wraps some 5xx answers; only a refusal (4xx) is about credentials.
        if (res.status === 401 || res.status === 403 || (res.status < 500 && res.status !== 429 && isGatewayError(json))) {
          const gatewayCode = isGatewayError(json) ? json.Results.errorCode : null;
          throw new RmsAuthError(operation, res.status, gatewayCode);
        }
        if (res.status < 500 && res.status !== 429) return { status: res.status, json };
        detail = `HTTP ${res.status}`;
        retryAfterMs = parseRetryAfter(res.headers['retry-after'], Date.now());
        if (res.status === 429) {
          cause = 'throttled';
        } else {
          if (!isRead) throw new RmsOutcomeUnknownError(operation as OperationName, res.status, detail);
          cause = res.status === 503 ? 'maintenance' : 'transient';
        }
      } catch (err) {
        if (!(err instanceof RmsTransportError)) throw err;
        if (!isRead) throw new RmsOutcomeUnknownError(operation as OperationName, null, err.message, err.kind === 'timeout');
        cause = 'transient';
        detail = err.message;
      } finally {
        this.options.observer?.onCall(operation, status, performance.now() - started);
      }
      if (attempt >= retry.maxAttempts) {
        throw new RmsUnavailableError(operation, status, `${detail} after ${attempt} attempts`);
      }
      const delay = backoffDelay(retry, { attempt, cause, retryAfterMs }, this.random);
      logger.warn({ operation, attempt, status, cause, delayMs: delay, license: this.keyId }, 'RMS call failed; retrying');
      await this.options.sleep(delay);
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The expiry API's format is not documented: accept a wire datetime, a date or ISO text. */
function parseExpiry(text: string | null): Date | null {
  if (!text) return null;
  const day = parseDate(text);
  // A bare date is taken to last until the end of that JST day (one harvested note; UNCERTAIN).
  if (day) return new Date(day.getTime() + DAY_MS - 1000);
  const at = parseDatetime(text) ?? new Date(Date.parse(text));
  return Number.isNaN(at.getTime()) ? null : at;
}
