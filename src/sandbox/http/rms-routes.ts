import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  formatDate,
  formatDatetime,
  isOperationName,
  LICENSE_EXPIRY_PATH,
  ORDER_API_PATH,
  READ_OPERATIONS,
  type MessageModel,
  type OperationName,
} from '../../rms/wire/index.ts';
import { drawsDrop, drawsError5xx, drawsMalformed, faultBody, inMaintenance, RateLimiter, targets } from '../faults.ts';
import { ledgerEntry, type LedgerFault } from '../ledger.ts';
import { OPERATION_HANDLERS, type OperationResult } from '../operations/index.ts';
import type { Sandbox } from '../sandbox.ts';
import { errorMessage } from '../validation.ts';
import { authenticate, gatewayUnauthorised } from './auth.ts';
import { orderNumbersIn, parseJsonBody } from './body.ts';

const RMS_JSON = 'application/json;charset=utf-8';
const MALFORMED_JSON = '{"MessageModelList":[{"messageType":"INFO","mess';

interface CallRecord {
  /** Wall clock when the request arrived. */
  receivedMs: number;
  operation: string;
  orderNumbers: readonly string[];
  httpStatus: number;
  messageCodes?: string[];
  changedState?: boolean;
  shopId?: string | null;
  fault?: LedgerFault | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * RMS as Rakuten serves it: every operation under /es/2.0/order/, POST only, ESA auth, plus
 * the license expiry look-up. Every call, refused or not, goes to the ledger.
 */
export function registerRmsRoutes(app: FastifyInstance, sandbox: Sandbox): RateLimiter {
  const limiter = new RateLimiter();

  const record = (call: CallRecord) => {
    sandbox.state.ledger.push(
      ledgerEntry(sandbox.clock.now(), call.receivedMs, {
        operation: call.operation,
        orderNumbers: [...call.orderNumbers],
        httpStatus: call.httpStatus,
        messageCodes: call.messageCodes ?? [],
        changedState: call.changedState ?? false,
        shopId: call.shopId ?? null,
        fault: call.fault ?? null,
      }),
    );
  };

  const sendJson = (reply: FastifyReply, status: number, body: unknown) =>
    reply.code(status).header('content-type', RMS_JSON).send(JSON.stringify(body));

  const handleOperation = async (request: FastifyRequest<{ Params: { operation: string } }>, reply: FastifyReply) => {
    const receivedMs = Date.now();
    const { operation } = request.params;
    if (!isOperationName(operation)) return reply.code(404).send();
    if (request.method !== 'POST') return reply.code(405).header('allow', 'POST').send();
    const parsed = parseJsonBody(request.body);
    const body = parsed.ok ? parsed.value : undefined;
    const orderNumbers = orderNumbersIn(body);
    const { state } = sandbox;
    const now = sandbox.now();
    const faults = state.faults;

    if (inMaintenance(faults, now)) {
      record({ receivedMs, operation, orderNumbers, httpStatus: 503, fault: 'maintenance' });
      const fault = faultBody(faults, 503);
      return reply.code(503).header('content-type', fault.contentType).send(fault.body);
    }
    const auth = authenticate(state, request.headers.authorization, now);
    if (!auth) {
      const refusal = gatewayUnauthorised(state);
      record({ receivedMs, operation, orderNumbers, httpStatus: refusal.status, fault: 'unauthorised' });
      return sendJson(reply, refusal.status, refusal.body);
    }
    const shopId = auth.shop.shopId;
    if (!limiter.allow(auth.licenseKey, faults.rateLimitPerSecond, receivedMs)) {
      record({ receivedMs, operation, orderNumbers, httpStatus: faults.rateLimitStatus, shopId, fault: 'rateLimited' });
      const fault = faultBody(faults, faults.rateLimitStatus);
      return reply.code(faults.rateLimitStatus).header('content-type', fault.contentType).send(fault.body);
    }
    if (faults.latencyMs > 0 && targets(faults, operation)) await sleep(faults.latencyMs);
    if (drawsError5xx(faults, operation, state.faultRandom)) {
      record({ receivedMs, operation, orderNumbers, httpStatus: faults.error5xxStatus, shopId, fault: 'error5xx' });
      const fault = faultBody(faults, faults.error5xxStatus);
      return reply.code(faults.error5xxStatus).header('content-type', fault.contentType).send(fault.body);
    }

    const result: OperationResult = parsed.ok
      ? OPERATION_HANDLERS[operation]({ state, shop: auth.shop, now: sandbox.now() }, body)
      : unparsableBody(operation);
    if (!READ_OPERATIONS.has(operation)) state.revision++;
    const messageCodes = ((result.body.MessageModelList as MessageModel[] | undefined) ?? []).map((m) => m.messageCode);
    const call = { receivedMs, operation, orderNumbers: result.orderNumbers.length ? result.orderNumbers : orderNumbers, httpStatus: result.status, messageCodes, changedState: result.changedState, shopId };

    if (drawsDrop(faults, operation, state.faultRandom)) {
      record({ ...call, fault: 'dropped' });
      reply.hijack();
      request.raw.socket.destroy();
      return reply;
    }
    if (drawsMalformed(faults, operation, state.faultRandom)) {
      record({ ...call, fault: 'malformed' });
      return reply.code(result.status).header('content-type', RMS_JSON).send(MALFORMED_JSON);
    }
    record(call);
    return reply.code(result.status).header('content-type', RMS_JSON).send(result.json ?? JSON.stringify(result.body));
  };

  app.all(`${ORDER_API_PATH}:operation`, handleOperation);

  app.all(LICENSE_EXPIRY_PATH, async (request: FastifyRequest<{ Querystring: { licenseKey?: string } }>, reply) => {
    const receivedMs = Date.now();
    if (request.method !== 'GET') return reply.code(405).header('allow', 'GET').send();
    const { state } = sandbox;
    const now = sandbox.now();
    const auth = authenticate(state, request.headers.authorization, now);
    if (!auth) {
      const refusal = gatewayUnauthorised(state);
      record({ receivedMs, operation: 'licenseExpiryDate', orderNumbers: [], httpStatus: refusal.status, fault: 'unauthorised' });
      return sendJson(reply, refusal.status, refusal.body);
    }
    const license = auth.shop.licenses.find((l) => l.licenseKey === request.query.licenseKey);
    const status = license ? 200 : request.query.licenseKey ? 404 : 400;
    record({ receivedMs, operation: 'licenseExpiryDate', orderNumbers: [], httpStatus: status, shopId: auth.shop.shopId });
    const format = state.settings.licenseExpiryDateFormat === 'date' ? formatDate : formatDatetime;
    return sendJson(reply, status, { expiryDate: license ? format(license.expiresAt) : null });
  });

  return limiter;
}

/** A body that is not JSON is a format error of the request itself. */
function unparsableBody(operation: OperationName): OperationResult {
  const messages = [errorMessage(operation, false, 'request')];
  const body: Record<string, unknown> =
    operation === 'searchOrder'
      ? { orderNumberList: null, MessageModelList: messages, PaginationResponseModel: null }
      : { MessageModelList: messages };
  return { status: 400, body, orderNumbers: [], changedState: false };
}
