import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { logIn, screenshot } from './support/browser.ts';
import { useDemoWorld } from './support/demo-world.ts';
import { advanceClock, createOrder } from './support/sandbox.ts';

const HOUR = 60 * 60;

const world = useDemoWorld('staff-flow');

/** The demo shop whose orders wait for the shop's confirmation (自動注文確認 OFF). */
function manualConfirmShop(): { code: string; licenseKey: string } {
  const shop = world.demo.shops.find((s) => !s.autoConfirm);
  if (!shop) throw new Error('the demo has no shop with auto-confirm off');
  return shop;
}

async function apiJson<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(world.demo.url + path);
  expect(res.status(), `${path} answered ${res.status()}`).toBe(200);
  return (await res.json()) as T;
}

/**
 * The CSRF token of the page's session. Moving the clock by hours ends sessions (idle and
 * absolute timeouts follow juchu's clock), so an expired one is replaced by logging in again,
 * as staff would; the new cookie lands in the page's browser context.
 */
async function csrfToken(page: Page): Promise<string> {
  const me = await page.request.get(world.demo.url + '/api/auth/me');
  if (me.status() === 200) return ((await me.json()) as { csrfToken: string }).csrfToken;
  expect(me.status()).toBe(401);
  const login = await page.request.post(world.demo.url + '/api/auth/login', { data: world.demo.login });
  expect(login.status(), await login.text()).toBe(200);
  return ((await login.json()) as { csrfToken: string }).csrfToken;
}

/** One sync cycle through the API, with the page's session. */
async function syncNow(page: Page): Promise<void> {
  const res = await page.request.post(world.demo.url + '/api/sync/run', { headers: { 'x-csrf-token': await csrfToken(page) }, data: {} });
  expect(res.status(), await res.text()).toBe(200);
}

/**
 * Syncs until the order reaches `status`, moving the sandbox's clock (and so juchu's) by
 * `stepSeconds` between attempts, as time passes for Rakuten's payment and shipping batches.
 */
async function syncUntil(page: Page, orderNumber: string, status: string, { attempts, stepSeconds }: { attempts: number; stepSeconds: number }): Promise<void> {
  let seen = '';
  for (let attempt = 0; attempt < attempts; attempt++) {
    await syncNow(page);
    seen = (await apiJson<{ status: string }>(page, `/api/orders/${orderNumber}`)).status;
    if (seen === status) return;
    if (stepSeconds > 0) await advanceClock(world.demo.sandboxUrl, stepSeconds);
  }
  throw new Error(`${orderNumber} stayed ${seen} instead of reaching ${status} after ${attempts} sync cycles`);
}

async function openOrder(page: Page, orderNumber: string): Promise<void> {
  await page.goto(`${world.demo.url}/orders/${orderNumber}`);
  await page.getByTestId('order-number').filter({ hasText: orderNumber }).waitFor();
}

async function statusOf(page: Page): Promise<string> {
  return (await page.locator('.order-header .status').innerText()).trim();
}

describe('a staff member works an order from arrival to shipping report', () => {
  let page: Page;
  let orderNumber: string;

  beforeAll(async () => {
    const context = await world.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    page = await context.newPage();
  });

  it('logs in and sees a new order with its confirmation deadline', async () => {
    await logIn(page, world.demo.url, world.demo.login);
    await screenshot(page, '01-dashboard');

    orderNumber = await createOrder(world.demo.sandboxUrl, manualConfirmShop().licenseKey, 'card_ok');
    await page.getByRole('link', { name: '受注一覧' }).click();
    await page.getByRole('button', { name: '今すぐ同期' }).click();
    await page.getByText(/同期が完了しました/).waitFor();

    const row = page.locator(`tr[data-order-number="${orderNumber}"]`);
    await row.waitFor();
    await expect.poll(() => page.locator('.tab--active').innerText()).toContain('注文確認待ち');
    // Just ordered: the 14-day deadline is 13 days and some hours away.
    expect(await row.locator('.deadline').innerText()).toMatch(/^残り13日([0-9]|1[0-9]|2[0-3])時間$/);
    expect(await row.locator('.deadline').getAttribute('data-urgency')).toBe('normal');
    await screenshot(page, '02-orders-awaiting-confirmation');
  });

  it('edits the order with a reduction, which needs a 減額理由, and confirms it', async () => {
    await page.locator(`tr[data-order-number="${orderNumber}"] a.order-link`).click();
    await page.getByTestId('order-number').waitFor();
    expect(await statusOf(page)).toBe('注文確認待ち');
    expect(await page.getByTestId('rms-progress').innerText()).toContain('100 注文確認待ち');
    await screenshot(page, '03-order-detail');

    await page.getByRole('button', { name: '数量・単価・送料を変更' }).click();
    const price = page.locator('input[name^="price-"]').first();
    const oldPrice = Number(await price.inputValue());
    await price.fill(String(Math.floor(oldPrice * 0.9)));

    const save = page.getByRole('button', { name: '変更を保存してRMSへ連携' });
    expect(await save.isDisabled()).toBe(true);
    await page.getByText('請求金額が減るため、保存するには減額理由を選んでください。').waitFor();
    // The live total shows the billed amount before → after.
    await page.locator('[data-total="request"] .totals__before').waitFor();
    await screenshot(page, '04-edit-reduction-needs-reason');

    await page.locator('select[name="reductionReason"]').selectOption('8');
    expect(await save.isEnabled()).toBe(true);
    await save.click();
    await page.locator('.timeline__summary', { hasText: '減額理由: 欠品' }).waitFor();
    await page.locator('tr[data-operation-kind="syncItemChanges"]').waitFor();

    await page.getByRole('button', { name: '注文確認', exact: true }).click();
    await expect.poll(() => statusOf(page)).toBe('注文確認連携待ち');
    await screenshot(page, '05-confirmation-queued');
  });

  it('watches the order reach 楽天処理中 and then 新規受付', async () => {
    await syncUntil(page, orderNumber, 'rakuten_processing', { attempts: 3, stepSeconds: 0 });
    await openOrder(page, orderNumber);
    expect(await statusOf(page)).toBe('楽天処理中');
    expect(await page.getByTestId('not-editable').innerText()).toContain('楽天が決済処理をしている');
    expect(await page.getByRole('button', { name: '数量・単価・送料を変更' }).count()).toBe(0);
    await screenshot(page, '06-rakuten-processing');

    await syncUntil(page, orderNumber, 'new', { attempts: 48, stepSeconds: HOUR });
    await openOrder(page, orderNumber);
    expect(await statusOf(page)).toBe('新規受付');
  });

  it('registers a shipment and sees the order reach 出荷報告済み', async () => {
    const form = page.locator('form.shipment-form').first();
    await form.locator('select[name="deliveryCompany"]').selectOption('1001');
    const submit = form.getByRole('button', { name: '出荷報告を登録' });
    expect(await submit.isDisabled()).toBe(true);
    await form.getByText('この配送会社は配送伝票番号（追跡番号）が必須です。').waitFor();
    expect(await form.locator('input[name="shippingDate"]').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await form.locator('input[name="shippingNumber"]').fill('4321-8765-0012');
    await screenshot(page, '07-shipping-report-form');
    await submit.click();
    await expect.poll(() => statusOf(page)).toBe('出荷済み');

    await syncUntil(page, orderNumber, 'completed', { attempts: 50, stepSeconds: HOUR });
    await openOrder(page, orderNumber);
    expect(await statusOf(page)).toBe('出荷報告済み');
    await page.locator('.shipments', { hasText: '4321-8765-0012' }).waitFor();
    await screenshot(page, '08-completed');
  });

  it('shows the sync runs with their counts', async () => {
    await page.getByRole('link', { name: '同期履歴' }).click();
    await page.locator('tr.sync-run').first().waitFor();
    // The latest runs moved the order on: their per-order messages name it.
    expect(await page.locator('.sync-run__details a', { hasText: orderNumber }).count()).toBeGreaterThan(0);
    await screenshot(page, '09-sync-runs');
  });
});

describe('who may see and change what', () => {
  let orderNumber: string;

  beforeAll(async () => {
    orderNumber = await createOrder(world.demo.sandboxUrl, manualConfirmShop().licenseKey, 'cod');
    const context = await world.browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await logIn(page, world.demo.url, world.demo.login);
    await syncNow(page);
    await context.close();
  });

  it('a viewer sees the order but cannot change it', async () => {
    // A tablet in portrait, to see the layout there too.
    const context = await world.browser.newContext({ viewport: { width: 820, height: 1180 }, hasTouch: true });
    const page = await context.newPage();
    await logIn(page, world.demo.url, world.demo.viewerLogin);
    await page.goto(`${world.demo.url}/orders?status=awaiting_confirmation`);
    await page.locator(`tr[data-order-number="${orderNumber}"]`).waitFor();
    expect(await page.getByRole('button', { name: '選択した受注を注文確認' }).count()).toBe(0);
    await screenshot(page, '10-viewer-orders-tablet');

    await openOrder(page, orderNumber);
    await page.getByText('閲覧専用のアカウントのため、この受注は変更できません。').waitFor();
    expect(await page.getByRole('button', { name: '数量・単価・送料を変更' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '注文確認', exact: true }).count()).toBe(0);
    await screenshot(page, '11-viewer-order-tablet');
    await context.close();
  });

  it('staff of another shop cannot open the order', async () => {
    const context = await world.browser.newContext();
    const page = await context.newPage();
    await logIn(page, world.demo.url, world.demo.otherShopLogin);
    await page.goto(`${world.demo.url}/orders/${orderNumber}`);
    await page.getByRole('alert').filter({ hasText: 'NOT_FOUND' }).waitFor();
    expect(await page.getByTestId('order-number').count()).toBe(0);

    await page.goto(`${world.demo.url}/orders?status=awaiting_confirmation`);
    await page.locator('.empty, .orders-table').first().waitFor();
    expect(await page.locator(`tr[data-order-number="${orderNumber}"]`).count()).toBe(0);
    await context.close();
  });

  it('offers to reload when someone else changed the order first', async () => {
    const context = await world.browser.newContext({ viewport: { width: 1366, height: 900 } });
    const mine = await context.newPage();
    const theirs = await context.newPage();
    await logIn(mine, world.demo.url, world.demo.login);
    await openOrder(mine, orderNumber);
    await openOrder(theirs, orderNumber);
    await theirs.getByRole('button', { name: '保留', exact: true }).click();
    await expect.poll(() => statusOf(theirs)).toBe('保留');

    await mine.getByRole('button', { name: '注文確認', exact: true }).click();
    const alert = mine.getByRole('alert').filter({ hasText: 'VERSION_CONFLICT' });
    await alert.getByText('この受注は他の人が更新しました。').waitFor();
    await screenshot(mine, '12-version-conflict');
    await alert.getByRole('button', { name: '最新の内容を読み込む' }).click();
    await expect.poll(() => statusOf(mine)).toBe('保留');
    await mine.getByRole('button', { name: '保留解除' }).click();
    await expect.poll(() => statusOf(mine)).toBe('注文確認待ち');
    await context.close();
  });

  it('confirms several orders at once from the list', async () => {
    const shop = manualConfirmShop();
    const numbers = [await createOrder(world.demo.sandboxUrl, shop.licenseKey, 'card_ok'), await createOrder(world.demo.sandboxUrl, shop.licenseKey, 'card_ok')];
    const context = await world.browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await logIn(page, world.demo.url, world.demo.login);
    await syncNow(page);
    await page.goto(`${world.demo.url}/orders?status=awaiting_confirmation`);
    for (const n of numbers) await page.getByLabel(`受注 ${n} を選択`).check();
    await page.getByText('2件選択中').waitFor();
    await page.getByRole('button', { name: '選択した受注を注文確認' }).click();
    await page.getByText('注文確認: 2件成功、0件失敗').waitFor();
    for (const n of numbers) expect(await page.locator(`tr[data-order-number="${n}"]`).count()).toBe(0);
    // The demo's worker may already have delivered the confirmations to RMS.
    for (const n of numbers) {
      const { status } = await apiJson<{ status: string }>(page, `/api/orders/${n}`);
      expect(['confirmation_queued', 'rakuten_processing']).toContain(status);
    }
    await context.close();
  });

  it('switches to English and keeps the choice', async () => {
    const context = await world.browser.newContext();
    const page = await context.newPage();
    await logIn(page, world.demo.url, world.demo.login);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await screenshot(page, '13-dashboard-english');
    // Run messages are made from their codes in the UI's language, not the Japanese stored beside them.
    await page.getByRole('link', { name: 'Sync runs' }).click();
    await page.locator('tr.sync-run').first().waitFor();
    const messages = (await page.locator('.sync-run__messages li').allTextContents()).join('\n');
    expect(messages).toMatch(/sent to RMS\.|Imported [\d,]+ new orders? from RMS\.|Applied a change made in RMS/);
    expect(messages).not.toMatch(/RMSに連携しました|件取り込みました/);
    // History is said in English too, from each entry's code.
    await page.goto(`${world.demo.url}/orders/${orderNumber}`);
    await page.locator('.timeline__summary', { hasText: 'Imported from RMS' }).waitFor();
    expect(await page.locator('.timeline__summary', { hasText: 'RMSから取り込みました' }).count()).toBe(0);
    // Carriers are named in English as well.
    await page.goto(`${world.demo.url}/shipping`);
    await page.getByTestId('shipping-carrier').waitFor();
    const carriers = await page.getByTestId('shipping-carrier').locator('option').allTextContents();
    expect(carriers).toContain('Yamato Transport B2 Cloud');
    expect(carriers.join('\n')).not.toMatch(/ヤマト運輸|佐川急便|日本郵便/);
    await context.close();
  });

  it('raises the alarm on the dashboard as the confirmation deadline nears', async () => {
    // 12 days and 1 hour on, an order placed now has 47 hours left: within 48, under 72.
    await advanceClock(world.demo.sandboxUrl, 12 * 24 * HOUR + HOUR);
    const context = await world.browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await logIn(page, world.demo.url, world.demo.login);
    await syncNow(page);
    await page.getByRole('button', { name: '更新' }).click();
    const row = page.locator(`section[aria-labelledby="deadline-soon"] tr[data-order-number="${orderNumber}"]`);
    await row.waitFor();
    expect(await row.locator('.deadline').getAttribute('data-urgency')).toBe('warning');
    expect(await row.locator('.deadline').innerText()).toMatch(/^残り1日2[0-3]時間$/);
    await screenshot(page, '14-dashboard-deadline-soon');
    await context.close();
  });
});
