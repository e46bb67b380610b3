import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo } from '../../../src/demo/start-demo.ts';
import type { RunningDemo } from '../../../src/demo/start-demo.ts';
import { OrderListSchema, OrderSchema, SessionSchema, SyncRunSummarySchema } from '../../../src/server/api/schemas.ts';

/** A browser-like session against the running demo, over real HTTP. */
async function session(demo: RunningDemo, login: { email: string; password: string }) {
  const res = await fetch(`${demo.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(login) });
  expect(res.status).toBe(200);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = SessionSchema.parse(await res.json());
  return (method: string, path: string, body?: unknown) =>
    fetch(`${demo.url}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
}

describe('juchu demo', () => {
  let demo: RunningDemo;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'juchu-demo-'));
    demo = await startDemo({ port: 0, sandboxPort: 0, dataDir, clock: 'frozen', feedOrders: false });
  }, 60_000);
  afterAll(async () => {
    await demo.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps its generated secret in the data directory, readable by the owner only', () => {
    const path = join(dataDir, 'secret');
    expect(readFileSync(path, 'utf8').trim().length).toBeGreaterThanOrEqual(32);
    expect(statSync(path).mode & 0o077).toBe(0);
  });

  it('brings an order placed in the sandbox into juchu on a sync run, visible to its shop only', async () => {
    const tokyo = demo.shops.find((s) => !s.autoConfirm)!;
    const placed = await fetch(`${demo.sandboxUrl}/sandbox/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ licenseKey: tokyo.licenseKey, count: 1, scenario: 'card_ok' }),
    });
    expect(placed.status).toBe(200);
    const { orderNumbers } = (await placed.json()) as { orderNumbers: string[] };
    const orderNumber = orderNumbers[0]!;

    const staff = await session(demo, demo.login);
    const run = await staff('POST', '/api/sync/run', {});
    expect(run.status).toBe(200);
    expect(SyncRunSummarySchema.parse(await run.json()).shops.map((s) => s.shopCode)).toEqual([tokyo.code]);

    const list = OrderListSchema.parse(await (await staff('GET', `/api/orders?status=awaiting_confirmation&q=${orderNumber}`)).json());
    expect(list.items.map((o) => o.orderNumber)).toEqual([orderNumber]);
    expect(list.items[0]!.deadline.urgency).toBe('normal');
    expect(list.items[0]!.deadline.hoursLeft).toBeGreaterThanOrEqual(14 * 24 - 1);
    const detail = OrderSchema.parse(await (await staff('GET', `/api/orders/${orderNumber}`)).json());
    expect(detail.allowedActions).toContain('confirm');

    const other = await session(demo, demo.otherShopLogin);
    expect((await other('GET', `/api/orders/${orderNumber}`)).status).toBe(404);
    const viewer = await session(demo, demo.viewerLogin);
    expect((await viewer('POST', `/api/orders/${orderNumber}/confirm`)).status).toBe(403);
  });

  it('follows the sandbox clock', async () => {
    const before = await (await fetch(`${demo.url}/api/health`)).json();
    await fetch(`${demo.sandboxUrl}/sandbox/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceSeconds: 3600 }) });
    const after = await (await fetch(`${demo.url}/api/health`)).json();
    expect(Date.parse(after.now) - Date.parse(before.now)).toBe(3_600_000);
  });
});
