import { readFileSync } from 'node:fs';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { RmsClient } from '../../../src/rms/client.ts';
import { RmsAuthError, RmsOutcomeUnknownError, RmsRejectedError, RmsUnavailableError } from '../../../src/rms/errors.ts';
import { RmsTransportError, type RmsHttp, type RmsHttpRequest, type RmsHttpResponse } from '../../../src/rms/http.ts';
import { DEFAULT_RETRY_POLICY } from '../../../src/rms/retry.ts';

// The reference examples, kept in test/fixtures so the suite needs nothing outside the repository.
const EXAMPLES = new URL('../../fixtures/rms-examples/', import.meta.url).pathname;
const example = (name: string): string => readFileSync(`${EXAMPLES}/${name}`, 'utf8');

type Step = RmsHttpResponse | Error;

/** An RMS that answers from a script and remembers what it was asked. */
function scripted(steps: Step[]): { http: RmsHttp; requests: RmsHttpRequest[] } {
  const requests: RmsHttpRequest[] = [];
  const http: RmsHttp = async (request) => {
    requests.push(request);
    const step = steps.shift();
    if (!step) throw new Error('unexpected call');
    if (step instanceof Error) throw step;
    return step;
  };
  return { http, requests };
}

const ok = (body: string): RmsHttpResponse => ({ status: 200, headers: {}, body });
const status = (code: number, body = '{}'): RmsHttpResponse => ({ status: code, headers: {}, body });

function client(http: RmsHttp, sleeps: number[] = []): RmsClient {
  return new RmsClient({
    baseUrl: 'https://rms.example',
    credentials: { serviceSecret: 'SP-secret', licenseKey: 'SL-license' },
    http,
    rateLimiter: { acquire: async () => {} },
    retry: { ...DEFAULT_RETRY_POLICY, maxAttempts: 3 },
    timeoutMs: 1000,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    logger: pino({ level: 'silent' }),
    random: () => 0.5,
  });
}

const CONFIRM_ONE = JSON.stringify({
  MessageModelList: [{ messageType: 'INFO', messageCode: 'ORDER_EXT_API_CONFIRM_ORDER_INFO_101', message: '注文確認に成功しました。', orderNumber: 'x-1' }],
});

describe('RMS client', () => {
  it('sends ESA auth and JSON to <base>/es/2.0/order/<operation>/', async () => {
    const rms = scripted([ok(example('getOrder.response.200.json'))]);
    const answer = await client(rms.http).getOrder(['388804-20260216-0312457780']);
    expect(answer.orders.map((o) => o.orderNumber)).toEqual(['388804-20260216-0312457780']);
    const [request] = rms.requests;
    expect(request!.url).toBe('https://rms.example/es/2.0/order/getOrder/');
    expect(request!.headers.authorization).toBe(`ESA ${Buffer.from('SP-secret:SL-license').toString('base64')}`);
    expect(JSON.parse(request!.body!)).toEqual({ orderNumberList: ['388804-20260216-0312457780'], version: 10 });
  });

  it('keeps a malformed order record apart instead of failing the whole answer', async () => {
    const body = JSON.parse(example('getOrder.response.200.json')) as { OrderModelList: Record<string, unknown>[] };
    const good = body.OrderModelList[0]!;
    body.OrderModelList.push({ ...good, orderNumber: 'broken-1', orderProgress: 'shipped' });
    const answer = await client(scripted([ok(JSON.stringify(body))]).http).getOrder(['388804-20260216-0312457780', 'broken-1']);
    expect(answer.orders).toHaveLength(1);
    expect(answer.malformed.map((m) => m.orderNumber)).toEqual(['broken-1']);
    expect(answer.malformed[0]!.error).toContain('orderProgress');
  });

  it('retries a read after 503 and a dropped connection, backing off longer for the 503', async () => {
    const sleeps: number[] = [];
    const rms = scripted([status(503), new RmsTransportError('network', 'ECONNRESET'), ok(example('searchOrder.response.200.json'))]);
    const request = JSON.parse(example('searchOrder.request.json')) as Parameters<RmsClient['searchOrder']>[0];
    const answer = await client(rms.http, sleeps).searchOrder(request);
    expect(answer.orderNumberList).toHaveLength(3);
    expect(rms.requests).toHaveLength(3);
    expect(sleeps[0]).toBeGreaterThan(sleeps[1]!);
  });

  it('gives up on a read after the last attempt', async () => {
    const rms = scripted([status(500), status(500), status(500)]);
    await expect(client(rms.http).getOrder(['a'])).rejects.toBeInstanceOf(RmsUnavailableError);
  });

  it('never repeats a write whose outcome is unknown: a timeout or a 5xx is reported, not retried', async () => {
    const timedOut = scripted([new RmsTransportError('timeout', 'no answer')]);
    await expect(client(timedOut.http).confirmOrder(['x-1'])).rejects.toBeInstanceOf(RmsOutcomeUnknownError);
    expect(timedOut.requests).toHaveLength(1);
    const failed = scripted([status(502)]);
    await expect(client(failed.http).confirmOrder(['x-1'])).rejects.toBeInstanceOf(RmsOutcomeUnknownError);
    expect(failed.requests).toHaveLength(1);
  });

  it('retries a write refused with 429, which RMS did not apply', async () => {
    const rms = scripted([status(429), ok(CONFIRM_ONE)]);
    const messages = await client(rms.http).confirmOrder(['x-1']);
    expect(messages[0]!.messageCode).toBe('ORDER_EXT_API_CONFIRM_ORDER_INFO_101');
    expect(rms.requests).toHaveLength(2);
  });

  it('turns the gateway envelope into an auth error without the key in its message', async () => {
    const rms = scripted([status(401, example('error.gateway.401.json'))]);
    const err = await client(rms.http).getOrder(['a']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RmsAuthError);
    expect((err as RmsAuthError).gatewayCode).toBe('ES01-01');
    expect(String((err as Error).message)).not.toContain('SL-license');
  });

  it('reports a 400 with RMS messages as a rejection', async () => {
    const rms = scripted([status(400, example('error.searchOrder.400.json'))]);
    const request = JSON.parse(example('searchOrder.request.json')) as Parameters<RmsClient['searchOrder']>[0];
    const err = await client(rms.http).searchOrder(request).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RmsRejectedError);
    expect((err as RmsRejectedError).messages.map((m) => m.messageCode)).toContain('ORDER_EXT_API_SEARCH_ORDER_ERROR_009');
  });

  it('refuses to send a body the wire schema rejects', async () => {
    const rms = scripted([]);
    await expect(
      client(rms.http).updateOrderMemo({ orderNumber: 'x-1', shippingTerm: 99 }),
    ).rejects.toMatchObject({ kind: 'invalidRequest' });
    expect(rms.requests).toHaveLength(0);
  });
});
