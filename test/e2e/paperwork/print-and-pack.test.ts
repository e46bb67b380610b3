import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { Parcel } from '../../../src/server/api/paperwork-schemas.ts';
import { SCREENSHOT_DIR, logIn, screenshot } from '../support/browser.ts';
import { useDemoWorld } from '../support/demo-world.ts';
import { advanceClock, createOrder } from '../support/sandbox.ts';
import { pdfPagePng, pdfText } from './support/poppler.ts';

const world = useDemoWorld('paperwork');

async function api<T>(page: Page, method: 'GET' | 'POST' | 'PUT', path: string, data?: unknown): Promise<T> {
  const me = await page.request.get(world.demo.url + '/api/auth/me');
  const csrf = ((await me.json()) as { csrfToken: string }).csrfToken;
  const res = await page.request.fetch(world.demo.url + path, { method, headers: { 'x-csrf-token': csrf }, ...(data !== undefined && { data }) });
  expect(res.status(), `${method} ${path}: ${await res.text()}`).toBe(200);
  return (await res.json()) as T;
}

/** Orders placed in the sandbox, confirmed by staff, and synced until Rakuten has moved them to 新規受付. */
async function newOrders(page: Page, shop: { code: string; licenseKey: string }, count: number): Promise<string[]> {
  const numbers: string[] = [];
  for (let i = 0; i < count; i++) numbers.push(await createOrder(world.demo.sandboxUrl, shop.licenseKey, 'card_ok'));
  await api(page, 'POST', '/api/sync/run', {});
  await api(page, 'POST', '/api/orders/confirm', { orderNumbers: numbers });
  for (let attempt = 0; attempt < 48; attempt++) {
    await api(page, 'POST', '/api/sync/run', {});
    const statuses = await Promise.all(numbers.map((n) => api<{ status: string }>(page, 'GET', `/api/orders/${n}`)));
    if (statuses.every((s) => s.status === 'new')) return numbers;
    await advanceClock(world.demo.sandboxUrl, 3600);
  }
  throw new Error(`${numbers.join(', ')} did not all reach 新規受付`);
}

it('prints a batch of 納品書 from the order list, then checks one parcel at the packing page with one wrong scan', async () => {
  const context = await world.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', acceptDownloads: true });
  const page = await context.newPage();
  await logIn(page, world.demo.url, world.demo.login);
  const shop = world.demo.shops.find((s) => !s.autoConfirm)!;
  const numbers = await newOrders(page, shop, 2);

  // The profile gives the slip its issuer block and invoice registration number.
  const profile = await api<{ version: number; document: Record<string, unknown> }>(page, 'GET', `/api/shops/${shop.code}/settings/profile`);
  await api(page, 'PUT', `/api/shops/${shop.code}/settings/profile`, {
    version: profile.version,
    document: { ...profile.document, postalCode: '150-0001', address1: '東京都渋谷区神宮前1-2-3', phone: '03-1234-5678', invoiceRegistrationNumber: 'T1234567890123' },
  });

  // The 新規受付 tab of the shop with nothing selected prints all its new orders.
  await page.goto(`${world.demo.url}/orders?status=new&shop=${shop.code}&printed=no`);
  for (const n of numbers) await page.getByText(n).waitFor();
  await page.getByText('この店舗の新規受付すべて').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '納品書を印刷' }).click()]);
  const pdfPath = join(world.dataDir, 'slips.pdf');
  await download.saveAs(pdfPath);
  const pdf = readFileSync(pdfPath);
  const text = pdfText(pdf);
  for (const n of numbers) expect(text).toContain(n);
  expect(text).toMatch(/登録番号\s+T1234567890123/);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  writeFileSync(join(SCREENSHOT_DIR, 'paperwork-slip-page1.png'), pdfPagePng(pdf, 1, 100));

  // Printed orders leave the "not yet printed" list.
  await page.getByText(`nouhinsho-${shop.code}.pdf を作成しました`, { exact: false }).waitFor();
  await page.reload();
  await page.getByText('該当する受注はありません。').waitFor();
  await screenshot(page, 'paperwork-orders-printed');

  // The first slip's barcode carries its parcel's shipment key, printed beneath it too.
  const key = /J[0-9A-Z]{12}/.exec(text)?.[0];
  expect(key).toBeDefined();
  const parcel = await api<Parcel>(page, 'GET', `/api/paperwork/parcels/${key}`);

  await page.getByRole('link', { name: '検品' }).click();
  await page.getByRole('heading', { name: '検品' }).waitFor();
  const scan = async (code: string) => {
    await page.getByLabel('スキャン入力').fill(code);
    await page.getByLabel('スキャン入力').press('Enter');
  };
  await scan(key!);
  await page.getByText(`注文 ${parcel.orderNumber}`).waitFor();

  await scan('4999999999999');
  const refusal = page.locator('[data-feedback="error"]');
  await refusal.waitFor();
  await expect(refusal.innerText()).resolves.toContain('違う商品です');
  await screenshot(page, 'paperwork-packing-wrong-item');

  for (const line of parcel.lines) {
    for (let i = 0; i < line.expected; i++) await scan(line.sku || line.manageNumber);
  }
  await page.locator('[data-feedback="done"]').waitFor();
  await screenshot(page, 'paperwork-packing-done');

  const packed = await api<{ items: { orderNumber: string }[] }>(page, 'GET', `/api/orders?shop=${shop.code}&packed=yes&status=new`);
  expect(packed.items.map((o) => o.orderNumber)).toContain(parcel.orderNumber);

  // The order page says when its slip was printed and by whom, and that it was checked.
  await page.goto(`${world.demo.url}/orders/${parcel.orderNumber}`);
  await page.getByTestId('printed').filter({ hasText: /東京店スタッフ.*1 回/ }).waitFor();
  await page.getByTestId('packed').filter({ hasText: /^検品済 .*東京店スタッフ/ }).waitFor();
  await context.close();
});
