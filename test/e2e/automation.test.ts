import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { logIn, screenshot } from './support/browser.ts';
import { useDemoWorld } from './support/demo-world.ts';
import { createOrder } from './support/sandbox.ts';

const world = useDemoWorld('automation');

function manualConfirmShop(): { code: string; licenseKey: string } {
  const shop = world.demo.shops.find((s) => !s.autoConfirm);
  if (!shop) throw new Error('the demo has no shop with auto-confirm off');
  return shop;
}

async function syncInUi(page: Page): Promise<void> {
  await page.goto(`${world.demo.url}/orders`);
  await page.getByRole('button', { name: '今すぐ同期' }).click();
  await page.getByText(/同期が完了しました/).waitFor();
}

describe('staff build a sorting rule (hold and a shipping method), try it, save it, and the next order is sorted by it', () => {
  let page: Page;

  beforeAll(async () => {
    const context = await world.browser.newContext({ viewport: { width: 1366, height: 1000 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    page = await context.newPage();
    await logIn(page, world.demo.url, world.demo.login);
  });

  it('dry-runs a rule for undetermined postage over the current orders, then saves it', async () => {
    const shop = manualConfirmShop();
    const first = await createOrder(world.demo.sandboxUrl, shop.licenseKey, 'postage_undetermined');
    await syncInUi(page);
    await page.goto(`${world.demo.url}/orders/${first}`);
    await page.getByTestId('order-number').filter({ hasText: first }).waitFor();

    await page.goto(`${world.demo.url}/settings/rules?shop=${shop.code}`);
    await page.getByRole('heading', { name: '仕分けルール' }).first().waitFor();
    await page.locator('input[name="name"]').fill('送料未確定は保留');
    await page.locator('select[name="postageUndetermined"]').selectOption('yes');
    await page.locator('input[name="holdReason"]').fill('送料を入力してから確認');
    await page.locator('select[name="shippingMethod"]').selectOption('yamato-b2:compact');
    await page.getByRole('button', { name: '試す' }).click();
    const result = page.locator('.dry-run');
    await result.waitFor();
    expect(await result.innerText()).toMatch(/\d+ 件中 [1-9]\d* 件が一致します/);
    await expect.poll(() => result.locator('td', { hasText: first }).count()).toBe(1);
    expect(await result.innerText()).toContain('保留（理由: 送料を入力してから確認）');
    expect(await result.innerText()).toContain('配送方法を ヤマト運輸 B2クラウド（コンパクト）に設定');
    await screenshot(page, 'automation-01-rule-dry-run');

    await page.getByRole('button', { name: 'ルールを保存' }).click();
    await page.locator('.rule-list li', { hasText: '送料未確定は保留' }).waitFor();
    await page.getByText('保存しました。').waitFor();
    await screenshot(page, 'automation-02-rule-saved');
  });

  it('the next imported order with undetermined postage lands on hold with the reason, and the rule run is in its history', async () => {
    const next = await createOrder(world.demo.sandboxUrl, manualConfirmShop().licenseKey, 'postage_undetermined');
    await syncInUi(page);
    await page.goto(`${world.demo.url}/orders/${next}`);
    await page.getByTestId('order-number').filter({ hasText: next }).waitFor();
    await page.getByText('保留理由: 送料を入力してから確認').waitFor();
    expect(await page.locator('.order-header .status').innerText()).toContain('保留');
    await page.locator('.timeline__summary', { hasText: '仕分けルール: 「送料未確定は保留」' }).waitFor();
    expect(await page.locator('.timeline__summary', { hasText: '仕分けルール: 「送料未確定は保留」' }).innerText()).toContain('配送方法を ヤマト運輸 B2クラウド（コンパクト）に設定');
    await screenshot(page, 'automation-03-order-sorted');
  });

  it('the calendar page of 設定 saves a new cut-off and shows the year with holidays closed', async () => {
    await page.goto(`${world.demo.url}/settings/calendar?shop=${manualConfirmShop().code}`);
    await page.locator('.year-view').waitFor();
    await page.locator('input[name="cutoff"]').fill('14:00');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('保存しました。').waitFor();
    await expect.poll(() => page.locator('.day--holiday').count()).toBeGreaterThan(10);
    await screenshot(page, 'automation-04-calendar');
  });
});
