import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { logIn, screenshot } from './support/browser.ts';
import { useDemoWorld } from './support/demo-world.ts';
import { control } from './support/sandbox.ts';

/** More than one page of the order list (50), so さらに読み込む is offered. */
const ORDERS = 60;
/** How long the API holds back the next page: long enough to switch tabs meanwhile. */
const DELAY_MS = 1_500;

const world = useDemoWorld('stale');
let held: string;

beforeAll(async () => {
  const shop = world.demo.shops.find((s) => !s.autoConfirm);
  if (!shop) throw new Error('the demo has no shop with auto-confirm off');
  await control(world.demo.sandboxUrl, 'POST', '/sandbox/orders', { licenseKey: shop.licenseKey, scenario: 'card_ok', count: ORDERS });
});

/** Through the API with the page's session: one sync, then one order put on hold (the 保留 tab's only row). */
async function prepare(page: Page): Promise<string> {
  const me = (await (await page.request.get(world.demo.url + '/api/auth/me')).json()) as { csrfToken: string };
  const headers = { 'x-csrf-token': me.csrfToken };
  expect((await page.request.post(world.demo.url + '/api/sync/run', { headers, data: {} })).status()).toBe(200);
  const list = (await (await page.request.get(world.demo.url + '/api/orders?status=awaiting_confirmation&limit=1')).json()) as { items: { orderNumber: string; version: number }[] };
  const order = list.items[0]!;
  const hold = await page.request.post(`${world.demo.url}/api/orders/${order.orderNumber}/hold`, { headers, data: { version: order.version } });
  expect(hold.status(), await hold.text()).toBe(200);
  return order.orderNumber;
}

const rows = (page: Page) => page.locator('tbody tr[data-order-number]');

describe('the order list never shows another tab’s answer', () => {
  it('さらに読み込む, then a switch to 保留 before the page arrives: the late page stays out of 保留', async () => {
    const context = await world.browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    try {
      await logIn(page, world.demo.url, world.demo.login);
      held = await prepare(page);

      // The API holds back every "next page" request (those with a cursor).
      let delayed = 0;
      await page.route(
        (url) => url.pathname === '/api/orders' && url.searchParams.has('cursor'),
        async (route) => {
          delayed++;
          await new Promise((resolve) => setTimeout(resolve, DELAY_MS));
          await route.continue();
        },
      );

      await page.goto(`${world.demo.url}/orders?status=awaiting_confirmation`);
      await expect.poll(() => rows(page).count()).toBe(50);
      const lateAnswer = page.waitForResponse((res) => res.url().includes('cursor='));
      await page.getByRole('button', { name: 'さらに読み込む' }).click();
      await page.locator('[data-status="on_hold"]').click();
      await expect.poll(() => rows(page).count()).toBe(1);
      await lateAnswer;
      // Give React the moment it would need to apply the late page.
      await page.waitForTimeout(300);

      expect(delayed).toBe(1);
      expect(await page.locator('[data-status="on_hold"]').getAttribute('aria-selected')).toBe('true');
      expect(await rows(page).count()).toBe(1);
      expect(await rows(page).first().getAttribute('data-order-number')).toBe(held);
      await screenshot(page, 'orders-tab-switch-during-load-more');

      // Back on 注文確認待ち: the late page went to this tab's own list, once.
      await page.locator('[data-status="awaiting_confirmation"]').click();
      await expect.poll(() => rows(page).count()).toBeGreaterThan(50);
      const numbers = await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-order-number')));
      expect(new Set(numbers).size).toBe(numbers.length);
      expect(numbers).not.toContain(held);
    } finally {
      await context.close();
    }
  });
});
