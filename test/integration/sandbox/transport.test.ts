import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, Harness } from './harness.ts';

describe('sandbox transport', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(() => h.close());

  const post = (path: string, init: RequestInit = {}) =>
    fetch(`${h.url}${path}`, { method: 'POST', headers: { authorization: h.authorization(), 'content-type': 'application/json' }, body: '{"orderNumberList":["x"],"version":10}', ...init });

  it('serves operations with and without the trailing slash', async () => {
    const withSlash = await post('/es/2.0/order/getOrder/');
    const without = await post('/es/2.0/order/getOrder');
    expect(withSlash.status).toBe(200);
    expect(without.status).toBe(200);
    expect(withSlash.headers.get('content-type')).toBe('application/json;charset=utf-8');
  });

  it('answers 404 for an unknown operation and 405 for other methods', async () => {
    expect((await post('/es/2.0/order/getNenga/')).status).toBe(404);
    const get = await fetch(`${h.url}/es/2.0/order/getOrder/`, { headers: { authorization: h.authorization() } });
    expect(get.status).toBe(405);
    expect((await post('/es/2.0/order/getOrder/', { method: 'PUT' })).status).toBe(405);
  });

  it('refuses bad credentials with the gateway envelope and 401', async () => {
    for (const authorization of ['', 'Basic abc', 'ESA not base64!', `ESA ${Buffer.from('nobody:nothing').toString('base64')}`]) {
      const res = await post('/es/2.0/order/getOrder/', { headers: { authorization, 'content-type': 'application/json' } });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ Results: { errorCode: 'ES01-01', message: 'Un-Authorised' } });
    }
  });

  it('answers a body that is not JSON with an ERROR_011 and keeps MessageModelList', async () => {
    const res = await post('/es/2.0/order/searchOrder/', { body: '{not json' });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toEqual({ orderNumberList: null, MessageModelList: [expect.objectContaining({ messageCode: 'ORDER_EXT_API_SEARCH_ORDER_ERROR_011' })], PaginationResponseModel: null });
  });

  it('reports the license expiry and fails every call once the key has expired', async () => {
    const shop = await h.createShop({ licenseExpiresAt: '2026-03-01T00:00:00+09:00' });
    const expiry = await fetch(`${h.url}/es/1.0/license-management/license-key/expiry-date?licenseKey=${shop.licenseKey}`, { headers: { authorization: h.authorization(shop) } });
    expect(expiry.status).toBe(200);
    expect(await expiry.json()).toEqual({ expiryDate: '2026-03-01T00:00:00+0900' });
    expect((await h.rms('getSubStatusList', {}, shop)).status).toBe(200);
    await h.control('POST', '/sandbox/clock', { set: '2026-03-01T00:00:00+09:00' });
    const refused = await h.rms('getSubStatusList', {}, shop);
    expect(refused).toEqual({ status: 401, body: { Results: { errorCode: 'ES01-01', message: 'Un-Authorised' } } });
    await h.control('POST', '/sandbox/clock', { set: '2026-02-16T10:00:00+09:00' });
  });

  it('gives new keys a 90-day life ending 23:59:59 JST, and a rotated key works alongside the old one', async () => {
    const first = await h.createShop({});
    const rotated = await h.createShop({ serviceSecret: first.serviceSecret });
    expect(rotated.shopId).toBe(first.shopId);
    expect((await h.rms('getSubStatusList', {}, first)).status).toBe(200);
    expect((await h.rms('getSubStatusList', {}, rotated)).status).toBe(200);
    const expiry = await fetch(`${h.url}/es/1.0/license-management/license-key/expiry-date?licenseKey=${first.licenseKey}`, { headers: { authorization: h.authorization(first) } });
    expect(await expiry.json()).toEqual({ expiryDate: '2026-05-17T23:59:59+0900' });
  });

  it('answers 503 inside a maintenance window and records the refusal', async () => {
    await h.control('PUT', '/sandbox/faults', { maintenance: { from: '2026-02-16T09:00:00+09:00', to: '2026-02-16T11:00:00+09:00' } });
    const res = await h.rms('getSubStatusList', {});
    expect(res.status).toBe(503);
    await h.control('PUT', '/sandbox/faults', { maintenance: null });
    expect((await h.rms('getSubStatusList', {})).status).toBe(200);
    const { body } = await h.control<{ entries: Array<{ fault: string | null; httpStatus: number }> }>('GET', '/sandbox/ledger?operation=getSubStatusList');
    expect(body.entries.some((e) => e.fault === 'maintenance' && e.httpStatus === 503)).toBe(true);
  });

  it('injects 5xx deterministically under a seed', async () => {
    const run = async () => {
      await h.control('PUT', '/sandbox/faults', { errorRate5xx: 0.5, seed: 9 });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await h.rms('getSubStatusList', {})).status);
      return statuses;
    };
    const first = await run();
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await run()).toEqual(first);
    await h.control('PUT', '/sandbox/faults', { errorRate5xx: 0 });
  });

  it('can answer injected errors with an HTML page, and target one operation', async () => {
    await h.control('PUT', '/sandbox/faults', { errorRate5xx: 1, error5xxStatus: 503, errorBody: 'html', operations: ['getPayment'] });
    const res = await fetch(`${h.url}/es/2.0/order/getPayment/`, { method: 'POST', headers: { authorization: h.authorization(), 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect((await h.rms('getSubStatusList', {})).status).toBe(200);
    await h.control('PUT', '/sandbox/faults', { errorRate5xx: 0, errorBody: 'json', operations: null });
  });

  it('limits requests per license key with 429 (or 503)', async () => {
    await h.control('PUT', '/sandbox/faults', { rateLimitPerSecond: 2 });
    const statuses = await Promise.all(Array.from({ length: 6 }, () => h.rms('getSubStatusList', {}).then((r) => r.status)));
    expect(statuses).toContain(429);
    await h.control('PUT', '/sandbox/faults', { rateLimitStatus: 503 });
    const again = await Promise.all(Array.from({ length: 6 }, () => h.rms('getSubStatusList', {}).then((r) => r.status)));
    expect(again).toContain(503);
    await h.control('PUT', '/sandbox/faults', { rateLimitPerSecond: 0, rateLimitStatus: 429 });
  });

  it('applies a write, records it, then drops the connection without an answer', async () => {
    const [orderNumber] = await h.orders('card_ok');
    await h.control('PUT', '/sandbox/faults', { dropAfterApplyRate: 1 });
    await expect(h.rms('confirmOrder', { orderNumberList: [orderNumber] })).rejects.toThrow();
    // Reads are never dropped.
    expect((await h.rms('getOrder', { orderNumberList: [orderNumber], version: 10 })).status).toBe(200);
    await h.control('PUT', '/sandbox/faults', { dropAfterApplyRate: 0 });
    expect((await h.order(orderNumber as string)).orderProgress).toBe(200);
    const { body } = await h.control<{ entries: Array<Record<string, unknown>> }>('GET', `/sandbox/ledger?orderNumber=${orderNumber}&operation=confirmOrder`);
    expect(body.entries).toEqual([
      expect.objectContaining({ operation: 'confirmOrder', orderNumbers: [orderNumber], httpStatus: 200, messageCodes: ['ORDER_EXT_API_CONFIRM_ORDER_INFO_101'], changedState: true, fault: 'dropped' }),
    ]);
  });

  it('can cut a successful body short', async () => {
    await h.control('PUT', '/sandbox/faults', { malformedBodyRate: 1 });
    const res = await fetch(`${h.url}/es/2.0/order/getSubStatusList/`, { method: 'POST', headers: { authorization: h.authorization() }, body: '' });
    expect(res.status).toBe(200);
    await expect(res.json()).rejects.toThrow();
    await h.control('PUT', '/sandbox/faults', { malformedBodyRate: 0 });
  });

  it('adds latency, and the ledger shows when the call arrived and was answered in real time', async () => {
    await h.control('PUT', '/sandbox/faults', { latencyMs: 120 });
    const started = performance.now();
    await h.rms('getSubStatusList', {});
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    await h.control('PUT', '/sandbox/faults', { latencyMs: 0 });
    const { body } = await h.control<{ entries: Array<{ receivedAt: string; answeredAt: string }> }>('GET', '/sandbox/ledger?operation=getSubStatusList');
    const last = body.entries.at(-1)!;
    expect(last.receivedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+09:00$/);
    expect(Date.parse(last.answeredAt) - Date.parse(last.receivedAt)).toBeGreaterThanOrEqual(110);
  });

  it('keeps a ledger of every call, oldest first, filterable by order and operation', async () => {
    const [orderNumber] = await h.orders('card_ok');
    await h.rms('getOrder', { orderNumberList: [orderNumber], version: 10 });
    await h.rms('confirmOrder', { orderNumberList: [orderNumber, 'nope'] });
    await h.rms('confirmOrder', { orderNumberList: [orderNumber] });
    const { body } = await h.control<{ entries: Array<Record<string, unknown>> }>('GET', `/sandbox/ledger?orderNumber=${orderNumber}`);
    expect(body.entries.map((e) => [e.operation, e.changedState, e.messageCodes])).toEqual([
      ['getOrder', false, ['ORDER_EXT_API_GET_ORDER_INFO_101']],
      ['confirmOrder', true, ['ORDER_EXT_API_CONFIRM_ORDER_INFO_101', 'ORDER_EXT_API_CONFIRM_ORDER_ERROR_101']],
      ['confirmOrder', false, ['ORDER_EXT_API_CONFIRM_ORDER_ERROR_103']],
    ]);
    expect(body.entries[0]?.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+09:00$/);
  });

  it('moves the clock and reports it as ISO 8601 with an offset', async () => {
    const before = (await h.control<{ now: string }>('GET', '/sandbox/clock')).body.now;
    const after = await h.advance(DAY);
    expect(Date.parse(after) - Date.parse(before)).toBe(DAY * 1000);
    expect(after).toMatch(/\+09:00$/);
    expect((await h.control('POST', '/sandbox/clock', { nonsense: 1 })).status).toBe(400);
  });

  it('updates rule settings and rejects unknown values', async () => {
    const ok = await h.control<Record<string, unknown>>('PUT', '/sandbox/settings', { paymentProcessingSeconds: 60 });
    expect(ok.body.paymentProcessingSeconds).toBe(60);
    expect((await h.control('PUT', '/sandbox/settings', { taxRounding: 'banker' })).status).toBe(400);
    await h.control('PUT', '/sandbox/settings', { paymentProcessingSeconds: 300 });
  });

  it('resets to an empty state', async () => {
    const other = await Harness.start();
    await other.orders('card_ok', 3);
    await other.control('POST', '/sandbox/reset');
    expect((await other.control<{ entries: unknown[] }>('GET', '/sandbox/ledger')).body.entries).toEqual([]);
    expect((await other.rms('getSubStatusList', {})).status).toBe(401);
    expect((await other.control('GET', '/sandbox/orders/x')).status).toBe(404);
    await other.close();
  });
});
