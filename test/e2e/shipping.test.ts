import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { withCheckDigit } from '../../src/domain/shipping/check-digit.ts';
import { logIn, screenshot } from './support/browser.ts';
import { useDemoWorld } from './support/demo-world.ts';
import { advanceClock, createOrder } from './support/sandbox.ts';

const world = useDemoWorld('shipping');

async function call(page: Page, method: string, path: string, data?: unknown): Promise<unknown> {
  const me = (await (await page.request.get(world.demo.url + '/api/auth/me')).json()) as { csrfToken: string };
  const res = await page.request.fetch(world.demo.url + path, { method, headers: { 'x-csrf-token': me.csrfToken }, ...(data !== undefined && { data }) });
  expect(res.status(), `${method} ${path}: ${await res.text()}`).toBe(200);
  return res.json();
}

it('exports B2 label data, imports the issued-data file with a preview, commits, and the order shows its tracking link', { timeout: 240_000 }, async () => {
  const context = await world.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', acceptDownloads: true });
  const page = await context.newPage();
  await logIn(page, world.demo.url, world.demo.login);

  // Three orders of the manual-confirmation shop, confirmed and moved by RMS to 新規受付.
  const shop = world.demo.shops.find((s) => !s.autoConfirm)!;
  const orders = [];
  for (let i = 0; i < 3; i++) orders.push(await createOrder(world.demo.sandboxUrl, shop.licenseKey, 'card_ok'));
  await call(page, 'POST', '/api/sync/run', {});
  await call(page, 'POST', '/api/orders/confirm', { orderNumbers: orders });
  await call(page, 'POST', '/api/sync/run', {});
  await advanceClock(world.demo.sandboxUrl, 45 * 60);
  await call(page, 'POST', '/api/sync/run', {});
  for (const n of orders) {
    const detail = (await call(page, 'GET', `/api/orders/${n}`)) as { status: string; packages: { basketId: number }[] };
    expect(detail.status).toBe('new');
    await call(page, 'PUT', `/api/orders/${n}/packages/${detail.packages[0]!.basketId}/shipping`, { profileId: 'yamato-b2', service: null, cool: null, parcels: 1 });
  }
  const profile = (await call(page, 'GET', `/api/shops/${shop.code}/settings/profile`)) as { document: Record<string, unknown> };
  await call(page, 'PUT', `/api/shops/${shop.code}/settings/profile`, { version: 0, document: { ...profile.document, postalCode: '150-0001', address1: '東京都渋谷区神宮前1-2-3', phone: '03-1234-5678' } });

  await page.getByRole('link', { name: '出荷作業' }).click();
  await page.getByRole('heading', { name: '出荷作業' }).waitFor();
  await page.getByTestId('shipping-shop').selectOption(shop.code);
  await page.getByRole('button', { name: '対象を確認' }).click();
  await page.getByTestId('shipping-summary').filter({ hasText: '3 送付先' }).waitFor();
  await screenshot(page, 'shipping-01-check');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '出荷データをダウンロード' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^yamato-b2-.+\.csv$/);
  const exported = parse(iconv.decode(readFileSync((await download.path())!), 'cp932')) as string[][];
  expect(exported).toHaveLength(4);
  expect(exported[0]).toHaveLength(95);
  await page.getByText('ダウンロードしました').waitFor();

  // A saved filter: the selection of the day (B2, 新規受付, not yet exported) kept under a name, then picked again.
  await page.getByLabel('条件の名前').fill('B2 未出力');
  await page.getByRole('button', { name: 'この条件を保存' }).click();
  await page.getByText('条件「B2 未出力」を保存しました。').waitFor();
  await page.getByTestId('shipping-exported').selectOption('yes');
  await page.getByTestId('shipping-carrier').selectOption('sagawa-ehiden');
  await page.getByTestId('shipping-saved-filter').selectOption({ label: 'B2 未出力' });
  expect(await page.getByTestId('shipping-exported').inputValue()).toBe('no');
  expect(await page.getByTestId('shipping-carrier').inputValue()).toBe('yamato-b2');
  await page.getByRole('button', { name: '対象を確認' }).click();
  // All three were just exported: the saved "not yet exported" selection finds none.
  await page.getByText('対象の送付先はありません。').waitFor();
  await screenshot(page, 'shipping-01b-saved-filter');

  // B2's 発行済データ: the same rows with 伝票番号 filled in.
  const issued = exported.map((row, i) => (i === 0 ? row : row.map((cell, j) => (j === 3 ? withCheckDigit(`3${String(i).padStart(10, '0')}`) : cell))));
  const file = join(world.dataDir, 'b2-issued.csv');
  writeFileSync(file, iconv.encode(stringify(issued, { record_delimiter: '\r\n' }), 'cp932'));
  await page.getByTestId('tracking-file').setInputFiles(file);
  await page.getByRole('button', { name: 'プレビュー' }).click();
  await page.getByTestId('tracking-summary').filter({ hasText: '3 行: 登録 3' }).waitFor();
  await screenshot(page, 'shipping-02-preview');
  await page.getByRole('button', { name: /確定して登録/ }).click();
  await page.getByText('3 件の送り状番号を 3 件の受注に登録しました').waitFor();
  await screenshot(page, 'shipping-03-committed');

  await page.goto(`${world.demo.url}/orders/${orders[0]}`);
  const link = page.getByRole('link', { name: issued[1]![3]! });
  await link.waitFor();
  expect(await link.getAttribute('href')).toContain('kuronekoyamato.co.jp');
  await screenshot(page, 'shipping-04-order-tracking-link');
  await context.close();
});

it('an admin sets the B2 contract numbers in 設定 → 出荷設定; staff do not see the page', { timeout: 120_000 }, async () => {
  const context = await world.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  const page = await context.newPage();
  await logIn(page, world.demo.url, world.demo.adminLogin);
  await page.getByRole('link', { name: '設定' }).click();
  await page.getByRole('link', { name: '出荷設定' }).click();
  await page.getByLabel('B2 請求先顧客コード').fill('0312345678');
  await page.getByLabel('B2 運賃管理番号').fill('01');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('保存しました。').waitFor();
  await screenshot(page, 'shipping-05-settings');
  await page.getByLabel('B2 運賃管理番号').fill('1');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('alert').filter({ hasText: 'VALIDATION_FAILED' }).waitFor();
  await context.close();

  const staff = await world.browser.newContext();
  const staffPage = await staff.newPage();
  await logIn(staffPage, world.demo.url, world.demo.login);
  await staffPage.getByRole('link', { name: '設定' }).click();
  await staffPage.getByRole('heading', { name: '店舗情報' }).waitFor();
  await expect(staffPage.getByRole('link', { name: '出荷設定' }).count()).resolves.toBe(0);
  await staff.close();
});
