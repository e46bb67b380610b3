import { expect, it } from 'vitest';
import { logIn, screenshot } from './support/browser.ts';
import { useDemoWorld } from './support/demo-world.ts';

const world = useDemoWorld('admin');

it('an admin connects the spare sandbox shop, watches its first import to the end, invites staff who set a password and see only that shop', async () => {
  const spare = world.demo.spareShop;
  const admin = await (await world.browser.newContext()).newPage();
  await logIn(admin, world.demo.url, world.demo.adminLogin);
  await admin.getByRole('link', { name: '設定' }).click();
  await admin.getByRole('link', { name: '店舗の接続' }).click();
  await admin.getByRole('heading', { name: '店舗を接続する' }).waitFor();

  const form = admin.locator('form.admin-connect');
  await form.getByLabel('店舗コード').fill('demo-nagoya');
  await form.getByLabel('店舗名').fill(spare.name);
  await form.getByLabel('サービスシークレット（serviceSecret）').fill(spare.serviceSecret);
  await form.getByLabel('RMS API のURL').fill(spare.rmsUrl);
  await form.getByLabel('リクエスト上限（回/秒）').fill('2');

  // A mistyped key: RMS's own answer is shown, nothing is saved.
  await form.getByLabel('ライセンスキー（licenseKey）').fill('SLmistyped');
  await form.getByRole('button', { name: '接続テスト' }).click();
  await expect.poll(() => form.getByTestId('rms-answer').textContent()).toContain('ES01-01');
  await screenshot(admin, 'admin-connect-test-refused');

  // The right key, pasted with spaces around it (a one-line field drops line breaks itself).
  await form.getByLabel('ライセンスキー（licenseKey）').fill(`  ${spare.licenseKey} `);
  await form.getByRole('button', { name: '接続テスト' }).click();
  await form.getByText('RMS に接続できました。').waitFor();
  await form.getByText('前後にあった空白・改行を取り除きました').waitFor();
  await screenshot(admin, 'admin-connect-test-ok');
  await form.getByRole('button', { name: '保存して接続' }).click();
  await admin.getByText(`店舗「${spare.name}」を接続しました。`).waitFor();

  // The progress lives on the server: a reload shows the same import, which runs to the end.
  const card = admin.locator('article[data-shop="demo-nagoya"]');
  await card.locator('.first-import').waitFor();
  await screenshot(admin, 'admin-first-import-running');
  await admin.reload();
  await card.locator('.first-import[data-state="finished"]').waitFor({ timeout: 60_000 });
  await expect(card.locator('.first-import__counts').textContent()).resolves.toBe(`見つかった注文 ${spare.orders}件 / 取り込み済み ${spare.orders}件`);
  await expect(card.textContent()).resolves.not.toContain(spare.licenseKey);
  await screenshot(admin, 'admin-first-import-finished');

  // Invite a staff member for the new shop only.
  await admin.getByRole('link', { name: 'ユーザー' }).click();
  const invite = admin.locator('form.admin-invite');
  await invite.getByLabel('メールアドレス').fill('staff.nagoya@world.demo.juchu.test');
  await invite.getByLabel('名前').fill('名古屋店スタッフ');
  await invite.getByLabel(spare.name).check();
  await invite.getByRole('button', { name: '招待リンクを作成' }).click();
  const link = await admin.getByTestId('one-time-link').inputValue();
  expect(link).toMatch(/\/invite\/juchu_/);
  await screenshot(admin, 'admin-invitation-link');

  // The new colleague opens the link in their own world.browser.
  const staff = await (await world.browser.newContext()).newPage();
  await staff.goto(link);
  await staff.getByRole('heading', { name: 'juchu へようこそ' }).waitFor();
  await staff.getByLabel('新しいパスワード（12文字以上）').fill('nagoya staff password');
  await staff.getByLabel('新しいパスワード（確認）').fill('nagoya staff password');
  await screenshot(staff, 'staff-set-password');
  await staff.getByRole('button', { name: 'パスワードを設定してログイン' }).click();
  await staff.getByRole('heading', { name: 'ダッシュボード' }).waitFor();
  const shops = await staff.evaluate(async () => ((await (await fetch('/api/shops')).json()) as { code: string }[]).map((s) => s.code));
  expect(shops).toEqual(['demo-nagoya']);
  await staff.getByRole('link', { name: '受注一覧' }).click();
  await staff.locator('table').first().waitFor();
  await screenshot(staff, 'staff-sees-only-their-shop');
  const orderShops = await staff.evaluate(async () => ((await (await fetch('/api/orders?limit=200')).json()) as { items: { shopCode: string }[] }).items.map((o) => o.shopCode));
  expect(orderShops.length).toBeGreaterThan(0);
  expect(new Set(orderShops)).toEqual(new Set(['demo-nagoya']));
  // Staff see 設定 without the admin pages.
  await staff.getByRole('link', { name: '設定' }).click();
  await staff.getByRole('link', { name: 'パスワード変更' }).waitFor();
  await expect(staff.getByRole('link', { name: '店舗の接続' }).count()).resolves.toBe(0);
  await expect(staff.getByRole('link', { name: 'ユーザー' }).count()).resolves.toBe(0);

  // The admin sees the new colleague's first login.
  await admin.reload();
  await expect.poll(() => admin.locator('tr[data-user="staff.nagoya@world.demo.juchu.test"]').textContent()).not.toContain('なし');
  await screenshot(admin, 'admin-people');
});

it('an admin creates an API token for one shop, sees it once, revokes it, and reads the audit log by shop', async () => {
  const admin = await (await world.browser.newContext()).newPage();
  await logIn(admin, world.demo.url, world.demo.adminLogin);
  await admin.goto(`${world.demo.url}/settings/tokens`);
  await admin.getByRole('heading', { name: 'APIトークン', exact: true }).waitFor();
  await admin.getByLabel('名前（用途）').fill('ピッキングリスト');
  await admin.getByLabel('権限').selectOption('viewer');
  await admin.getByLabel('すべての店舗').uncheck();
  await admin.getByLabel('デモ東京店').check();
  await admin.getByRole('button', { name: 'APIトークンを作成' }).click();
  const token = await admin.getByTestId('new-token').inputValue();
  expect(token).toMatch(/^juchu_/);
  const row = admin.locator('tr[data-token="ピッキングリスト"]');
  await expect(row.textContent()).resolves.toContain('デモ東京店');
  await expect(row.textContent()).resolves.toContain('管理者');
  await screenshot(admin, 'admin-tokens');
  const shopsSeen = async () => (await fetch(`${world.demo.url}/api/shops`, { headers: { authorization: `Bearer ${token}` } })).status;
  expect(await shopsSeen()).toBe(200);
  admin.once('dialog', (dialog) => void dialog.accept());
  await row.getByRole('button', { name: '取り消す' }).click();
  await expect.poll(() => row.textContent()).toContain('取り消し済み');
  expect(await shopsSeen()).toBe(401);

  await admin.goto(`${world.demo.url}/settings/audit`);
  await admin.getByLabel('店舗').selectOption('demo-tokyo');
  await admin.getByRole('button', { name: '絞り込む' }).click();
  await admin.locator('table.audit').getByText('shop.add').waitFor();
  await expect(admin.getByRole('link', { name: 'CSVでダウンロード' }).getAttribute('href')).resolves.toBe('/api/audit?format=csv&shop=demo-tokyo');
  await screenshot(admin, 'admin-audit');
});
