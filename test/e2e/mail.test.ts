import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { logIn, screenshot } from './support/browser.ts';
import { useDemoWorld } from './support/demo-world.ts';
import { advanceClock, control, createOrder } from './support/sandbox.ts';

const world = useDemoWorld('mail');

async function csrf(page: Page): Promise<string> {
  const me = await page.request.get(world.demo.url + '/api/auth/me');
  return ((await me.json()) as { csrfToken: string }).csrfToken;
}

async function syncUntil(page: Page, orderNumber: string, status: string): Promise<void> {
  let seen = '';
  for (let attempt = 0; attempt < 60; attempt++) {
    const run = await page.request.post(world.demo.url + '/api/sync/run', { headers: { 'x-csrf-token': await csrf(page) }, data: {} });
    expect(run.status(), await run.text()).toBe(200);
    seen = ((await (await page.request.get(`${world.demo.url}/api/orders/${orderNumber}`)).json()) as { status: string }).status;
    if (seen === status) return;
    await advanceClock(world.demo.sandboxUrl, 30 * 60);
  }
  throw new Error(`${orderNumber} stayed ${seen}, never ${status}`);
}

interface OrderMail {
  readonly id: number;
  readonly kind: string;
  readonly subject: string | null;
  readonly state: string;
  readonly attempts: number;
}

/**
 * Waits until the order has a sent mail that `wanted` picks, and gives back the order's mails. The demo's clock is frozen, so a
 * mail the relay deferred (retried a minute later in business time) would never fall due again:
 * while one waits for its retry, the clock moves on. On timeout the error shows the order's
 * mails as they stand then, with their attempts and last errors.
 */
async function untilMailSent(page: Page, orderNumber: string, wanted: (mail: OrderMail) => boolean): Promise<OrderMail[]> {
  let last = '';
  for (let attempt = 0; attempt < 120; attempt++) {
    last = await (await page.request.get(`${world.demo.url}/api/orders/${orderNumber}/mail`)).text();
    const { mails } = JSON.parse(last) as { mails: OrderMail[] };
    if (mails.some((m) => wanted(m) && m.state === 'sent')) return mails;
    if (mails.some((m) => m.state === 'queued' && m.attempts > 0)) await advanceClock(world.demo.sandboxUrl, 120);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`mail not sent within a minute: ${last}`);
}

it('edits the 発送完了 template, previews it, ships an order and finds its mail in the log and the sandbox mailbox', async () => {
  const shop = world.demo.shops.find((s) => s.autoConfirm)!;
  const context = await world.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  const page = await context.newPage();
  await logIn(page, world.demo.url, world.demo.adminLogin);
  const orderNumber = await createOrder(world.demo.sandboxUrl, shop.licenseKey, 'card_ok');
  await syncUntil(page, orderNumber, 'new');

  // The template: edit the subject, preview it against the real order, save.
  await page.getByRole('link', { name: 'メール', exact: true }).click();
  await page.getByRole('heading', { name: '送信履歴' }).waitFor();
  await page.getByRole('link', { name: 'テンプレート' }).click();
  await page.getByRole('heading', { name: 'テンプレート' }).waitFor();
  await page.locator('.page__tools select').selectOption(shop.code);
  await page.getByRole('button', { name: '発送完了メール' }).click();
  const subject = page.getByLabel('件名');
  await expect.poll(() => subject.inputValue()).toContain('{{order_number}}');
  await subject.fill('【{{shop_name}}】発送のお知らせ★（{{order_number}}）');
  await page.getByRole('button', { name: '追跡URL' }).click();
  await page.getByLabel('プレビューする注文番号').fill(orderNumber);
  await page.getByRole('button', { name: 'プレビュー' }).click();
  await page.locator('.mail-preview__subject', { hasText: `発送のお知らせ★（${orderNumber}）` }).waitFor();
  await screenshot(page, 'mail-01-template-preview');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('保存しました。').waitFor();

  // An unknown placeholder is refused at save, with nothing changed.
  await subject.fill('{{order_numbr}}');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('alert').filter({ hasText: 'MAIL_PLACEHOLDER_UNKNOWN' }).waitFor();
  await screenshot(page, 'mail-02-unknown-placeholder');

  // Ship the order; once RMS has the report, the 発送完了メール goes after its minute of grace.
  await page.goto(`${world.demo.url}/orders/${orderNumber}`);
  const form = page.locator('form.shipment-form').first();
  await form.locator('select[name="deliveryCompany"]').selectOption('1001');
  await form.locator('input[name="shippingNumber"]').fill('4321-8765-0012');
  await form.getByRole('button', { name: '出荷報告を登録' }).click();
  await syncUntil(page, orderNumber, 'completed');
  await advanceClock(world.demo.sandboxUrl, 120);
  const shippedSubject = `【${shop.name}】発送のお知らせ★（${orderNumber}）`;
  const mailsBefore = await untilMailSent(page, orderNumber, (m) => m.subject === shippedSubject);
  await page.reload();
  await page.locator('section[aria-labelledby="mail"] tr[data-state="sent"]', { hasText: shippedSubject }).waitFor();
  await page.locator('section[aria-labelledby="mail"]').scrollIntoViewIfNeeded();
  await screenshot(page, 'mail-03-order-mails');

  await page.getByRole('link', { name: 'メール', exact: true }).click();
  await page.locator('tr[data-state="sent"]', { hasText: shippedSubject }).first().waitFor();
  await page.locator('tr', { hasText: shippedSubject }).getByRole('button', { name: '本文' }).click();
  await page.locator('.mail-body', { hasText: 'https://member.kms.kuronekoyamato.co.jp/parcel/detail?pno=432187650012' }).waitFor();
  await screenshot(page, 'mail-04-log');

  await page.getByRole('link', { name: 'メールボックス（デモ）' }).click();
  await page.locator('.mailbox__subject', { hasText: shippedSubject }).waitFor();
  await screenshot(page, 'mail-05-mailbox');
  const box = await control<{ messages: { subject: string; to: string[] }[] }>(world.demo.sandboxUrl, 'GET', '/sandbox/mail');
  expect(box.messages.filter((m) => m.subject === shippedSubject)).toHaveLength(1);

  // The same order's buyer, from the order list's bulk bar: one template, one click.
  await page.goto(`${world.demo.url}/orders?status=completed&shop=${shop.code}`);
  await page.getByLabel(`受注 ${orderNumber} を選択`).check();
  await page.getByLabel('メールのテンプレート').selectOption({ label: 'サンクスメール' });
  await page.getByRole('button', { name: 'メール送信' }).click();
  await page.getByText('1 件を送信待ちに入れました。').waitFor();
  await screenshot(page, 'mail-06-bulk-send');
  // Sent before the password changes: a send that the relay accepts clears the shop's alert.
  await untilMailSent(page, orderNumber, (m) => !mailsBefore.some((before) => before.id === m.id));
  await expect.poll(async () => (await control<{ messages: unknown[] }>(world.demo.sandboxUrl, 'GET', '/sandbox/mail')).messages.length).toBeGreaterThan(box.messages.length);

  // The relay starts refusing the shop's login (a new password issued in R-Login): the test
  // button shows the relay's own answer, and the dashboard says so as it does for license keys.
  const { sandbox } = await control<{ sandbox: { shopId: string } }>(world.demo.sandboxUrl, 'GET', `/sandbox/orders/${orderNumber}`);
  await control(world.demo.sandboxUrl, 'PUT', `/sandbox/shops/${sandbox.shopId}/mail`, { smtpPassword: 'renewed-in-r-login' });
  await page.goto(`${world.demo.url}/settings/mail?shop=${shop.code}`);
  await page.getByLabel('SMTP AUTH ID').waitFor();
  expect(await page.getByLabel('SMTP AUTH パスワード').inputValue()).toBe('');
  await page.getByRole('button', { name: 'テストメールを送信' }).click();
  await page.locator('.relay-answer', { hasText: '535 5.7.8 Authentication credentials invalid' }).waitFor();
  await screenshot(page, 'mail-07-settings-test-refused');
  await page.getByRole('link', { name: 'ダッシュボード' }).click();
  await page.locator('section[aria-labelledby="mail-alerts"] .mail-alert', { hasText: shop.code }).waitFor();
  await screenshot(page, 'mail-08-dashboard-auth-refused');
  await context.close();
});
