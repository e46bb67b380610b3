import { expect, it } from 'vitest';
import { logIn, screenshot } from './support/browser.ts';
import { useDemoWorld } from './support/demo-world.ts';

const world = useDemoWorld('settings');

it('saves the shop profile from 設定, and a colleague’s stale save is refused with a reload', async () => {
  const context = await world.browser.newContext();
  const page = await context.newPage();
  await logIn(page, world.demo.url, world.demo.login);
  await page.getByRole('link', { name: '設定' }).click();
  await page.getByRole('heading', { name: '店舗情報' }).waitFor();
  await page.getByText('納品書に載らない項目があります').waitFor();

  // A colleague opens the same page before the first save.
  const colleague = await context.newPage();
  await colleague.goto(page.url());
  await colleague.getByRole('heading', { name: '店舗情報' }).waitFor();

  await page.getByLabel('郵便番号').first().fill('150-0001');
  await page.getByLabel('電話番号').first().fill('03-1234-5678');
  await page.getByLabel('住所（都道府県・市区町村・番地）').first().fill('東京都渋谷区神宮前1-2-3');
  await page.getByLabel('適格請求書発行事業者登録番号').fill('T1234567890123');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('保存しました。').waitFor();
  await expect(page.getByText('納品書に載らない項目があります').count()).resolves.toBe(0);
  await screenshot(page, 'settings-profile-saved');

  await colleague.getByLabel('電話番号').first().fill('03-9999-9999');
  await colleague.getByRole('button', { name: '保存' }).click();
  await colleague.getByText('この設定は他の人が保存しました').waitFor();
  await screenshot(colleague, 'settings-profile-conflict');
  await colleague.getByRole('button', { name: '最新の内容を読み込む' }).click();
  await expect.poll(() => colleague.getByLabel('電話番号').first().inputValue()).toBe('03-1234-5678');
  await expect(colleague.getByText('この設定は他の人が保存しました').count()).resolves.toBe(0);

  // A wrong registration number is refused by the server and nothing changes.
  await page.getByLabel('適格請求書発行事業者登録番号').fill('T12');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('alert').filter({ hasText: 'VALIDATION_FAILED' }).waitFor();

  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Shop profile' }).waitFor();
  await page.getByRole('link', { name: 'Settings' }).waitFor();
  await context.close();
});
