/* eslint-disable @typescript-eslint/no-explicit-any -- tests read wire bodies field by field; the schemas are checked in their own tests */
/**
 * A client written only from RAKUTEN_PAY_ORDER_API.md, with plain fetch and no juchu code:
 * searchOrder over ≤63-day windows, page by page (200 a page; RMS allows up to 1000), then getOrder in chunks of 100.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/index.ts';

interface Client {
  base: string;
  authorization: string;
}

async function call(client: Client, operation: string, body: unknown): Promise<any> {
  const res = await fetch(`${client.base}/es/2.0/order/${operation}/`, {
    method: 'POST',
    headers: { Authorization: client.authorization, 'Content-Type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  if (res.status !== 200) throw new Error(`${operation} ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

/** `YYYY-MM-DDThh:mm:ss+0900` in JST. */
function jst(ms: number): string {
  return new Date(ms + 9 * 3_600_000).toISOString().slice(0, 19) + '+0900';
}

async function importOrders(client: Client, fromMs: number, toMs: number): Promise<Map<string, any>> {
  const windowMs = 63 * 86_400_000;
  const numbers: string[] = [];
  for (let start = fromMs; start < toMs; start += windowMs) {
    const end = Math.min(start + windowMs - 1000, toMs);
    for (let page = 1; ; page++) {
      const res = await call(client, 'searchOrder', {
        dateType: 1,
        startDatetime: jst(start),
        endDatetime: jst(end),
        PaginationRequestModel: { requestRecordsAmount: 200, requestPage: page, SortModelList: [{ sortColumn: 1, sortDirection: 1 }] },
      });
      numbers.push(...res.orderNumberList);
      const pages = res.PaginationResponseModel.totalPages;
      if (pages === null || page >= pages) break;
    }
  }
  const orders = new Map<string, any>();
  for (let i = 0; i < numbers.length; i += 100) {
    const res = await call(client, 'getOrder', { orderNumberList: numbers.slice(i, i + 100), version: 10 });
    for (const order of res.OrderModelList) orders.set(order.orderNumber, order);
  }
  return orders;
}

describe('a plain-fetch RMS client imports from the sandbox', () => {
  let sandbox: RunningSandbox;
  let client: Client;
  let generated: string[];
  const now = new Date('2026-06-01T03:00:00Z');

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 5, clock: 'frozen', startAt: now });
    const shop = await (await fetch(`${sandbox.url}/sandbox/shops`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"autoConfirm":true}' })).json();
    const licenseKey = shop.licenses[0].licenseKey;
    client = { base: sandbox.url, authorization: `ESA ${Buffer.from(`${shop.serviceSecret}:${licenseKey}`).toString('base64')}` };
    const res = await fetch(`${sandbox.url}/sandbox/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ licenseKey, count: 1000, scenario: 'mixed', spreadDays: 150 }) });
    generated = (await res.json()).orderNumbers;
  });
  afterAll(() => sandbox.close());

  it('gets every order exactly once across several 63-day windows and pages', async () => {
    const orders = await importOrders(client, now.getTime() - 150 * 86_400_000 - 60_000, now.getTime());
    expect(orders.size).toBe(generated.length);
    expect([...orders.keys()].sort()).toEqual([...generated].sort());
    for (const order of orders.values()) {
      expect(order.orderNumber).toMatch(/^\d{6}-\d{8}-\d{10}$/);
      expect(order.orderDatetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0900$/);
      expect(Array.isArray(order.PackageModelList)).toBe(true);
    }
  });
});
