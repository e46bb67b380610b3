import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ShopService } from '../../../src/app/shop-service.ts';
import { createSecretBox } from '../../../src/ports/secret-box.ts';
import { testEngine } from '../../support/database.ts';
import { SECRET, errorCode } from '../server/support.ts';
import { createAdminWorld } from './support.ts';
import type { AdminWorld } from './support.ts';
import type { ConnectionTest, ShopDetail } from '../../../src/server/api/admin-schemas.ts';
import { Store } from '../../../src/store/store.ts';
import { SYSTEM_CALLER } from '../../../src/app/caller.ts';

describe(`connecting a shop and renewing its key (${testEngine})`, () => {
  let w: AdminWorld;
  beforeEach(async () => {
    w = await createAdminWorld();
  });
  afterEach(() => w.close());

  const shopCount = async () => (await Store.open(w.db).shops.list()).length;
  const credentialsOf = (code: string) => new ShopService({ store: Store.open(w.db), clock: w.clock, secrets: () => createSecretBox(SECRET) }).credentials(SYSTEM_CALLER, code);

  it("test-connection shows RMS's own answer for a wrong key and saves nothing", async () => {
    const spare = w.spareShop(0);
    const res = await w.as.admin.call('POST', '/api/shops/test-connection', { rmsUrl: w.rms.url, serviceSecret: spare.serviceSecret, licenseKey: 'SLwrong', rateLimitPerSecond: 0 });
    expect(res.statusCode).toBe(200);
    const test = res.json() as ConnectionTest;
    expect(test.ok).toBe(false);
    expect(test.step).toBe('licenseExpiry');
    expect(test.answer?.status).toBe(401);
    expect(test.answer?.body).toContain('ES01-01');
    expect(await shopCount()).toBe(2);
  });

  it('test-connection reports a network error as it happened', async () => {
    const res = await w.as.admin.call('POST', '/api/shops/test-connection', { rmsUrl: 'http://127.0.0.1:1', serviceSecret: 'SP', licenseKey: 'SL', rateLimitPerSecond: 0 });
    const test = res.json() as ConnectionTest;
    expect(test.ok).toBe(false);
    expect(test.answer?.status).toBeNull();
    expect(test.answer?.error).toMatch(/ECONNREFUSED|unavailable/);
  });

  it('trims a pasted key and says so; refuses one with a line break inside', async () => {
    const spare = w.spareShop(0);
    const ok = (await w.as.admin.call('POST', '/api/shops/test-connection', { rmsUrl: w.rms.url, serviceSecret: spare.serviceSecret, licenseKey: ` ${spare.licenseKey}\n`, rateLimitPerSecond: 0 })).json() as ConnectionTest;
    expect(ok).toMatchObject({ ok: true, trimmed: ['licenseKey'], ordersInLastHour: 0 });
    const broken = await w.as.admin.call('POST', '/api/shops/test-connection', { rmsUrl: w.rms.url, serviceSecret: spare.serviceSecret, licenseKey: `${spare.licenseKey.slice(0, 5)}\n${spare.licenseKey.slice(5)}` });
    expect(broken.statusCode).toBe(400);
    expect((broken.json() as { error: { details: { messageJa: string } } }).error.details.messageJa).toContain('改行');
  });

  it('POST /api/shops refuses wrong credentials, a used code and a bad code with nothing saved', async () => {
    const spare = w.spareShop(0);
    const base = { name: '第三店', rmsUrl: w.rms.url, serviceSecret: spare.serviceSecret, rateLimitPerSecond: 0 };
    const wrong = await w.as.admin.call('POST', '/api/shops', { ...base, code: 'shop-c', licenseKey: 'SLwrong' });
    expect(wrong.statusCode).toBe(422);
    expect(errorCode(wrong)).toBe('RMS_CONNECTION_FAILED');
    expect(JSON.stringify(wrong.json())).toContain('ES01-01');
    const taken = await w.as.admin.call('POST', '/api/shops', { ...base, code: 'shop-a', licenseKey: spare.licenseKey });
    expect(taken.statusCode).toBe(400);
    expect((taken.json() as { error: { details: { messageJa: string } } }).error.details.messageJa).toBe('店舗コード「shop-a」はすでに使われています。別のコードを入力してください。');
    const bad = await w.as.admin.call('POST', '/api/shops', { ...base, code: 'shop c', licenseKey: spare.licenseKey });
    expect(bad.statusCode).toBe(400);
    expect(await shopCount()).toBe(2);
  });

  it('connects a shop, runs its first import to the end and shows the progress, never the credentials', async () => {
    const spare = w.spareShop(250);
    const res = await w.as.admin.call('POST', '/api/shops', {
      code: 'shop-c',
      name: '第三店',
      rmsUrl: w.rms.url,
      serviceSecret: spare.serviceSecret,
      licenseKey: `${spare.licenseKey}  `,
      rateLimitPerSecond: 0,
      autoConfirm: false,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).not.toContain(spare.licenseKey);
    expect(res.body).not.toContain(spare.serviceSecret);
    const saved = res.json() as { shop: ShopDetail; trimmed: string[] };
    expect(saved.trimmed).toEqual(['licenseKey']);
    expect(saved.shop.firstImport?.state).toMatch(/waiting|running/);
    expect(await credentialsOf('shop-c')).toEqual({ serviceSecret: spare.serviceSecret, licenseKey: spare.licenseKey });

    let progress: ShopDetail['firstImport'] = null;
    for (let i = 0; i < 100 && progress?.state !== 'finished'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      progress = ((await w.as.admin.call('GET', '/api/shops/shop-c/import')).json() as { firstImport: ShopDetail['firstImport'] }).firstImport;
    }
    expect(progress).toMatchObject({ state: 'finished', found: 250, imported: 250, remainingSeconds: 0 });
    const audit = (await w.as.admin.call('GET', '/api/audit?shop=shop-c&action=shop')).json() as { items: { action: string; clientAddress: string | null }[] };
    expect(audit.items.map((a) => a.action)).toEqual(['shop.add']);
    expect(audit.items[0]!.clientAddress).toBe('127.0.0.1');
  });

  it('PATCH changes 自動注文確認 and the rate limit; a bad value changes nothing', async () => {
    const res = await w.as.admin.call('PATCH', '/api/shops/shop-a', { autoConfirm: true, rateLimitPerSecond: 2 });
    expect(res.json()).toMatchObject({ autoConfirm: true, rateLimitPerSecond: 2 });
    const bad = await w.as.admin.call('PATCH', '/api/shops/shop-a', { autoConfirm: false, rmsUrl: 'ftp://x' });
    expect(bad.statusCode).toBe(400);
    expect(((await w.as.admin.call('GET', '/api/shops/shop-a')).json() as ShopDetail).autoConfirm).toBe(true);
    expect((await w.as.admin.call('PATCH', '/api/shops/nope', { autoConfirm: true })).statusCode).toBe(404);
  });

  it('a renewed license key replaces the old one only after RMS accepted it', async () => {
    const spare = w.spareShop(0);
    await w.as.admin.call('POST', '/api/shops', { code: 'shop-c', name: '第三店', rmsUrl: w.rms.url, serviceSecret: spare.serviceSecret, licenseKey: spare.licenseKey, rateLimitPerSecond: 0 });
    const wrong = await w.as.admin.call('PUT', '/api/shops/shop-c/license-key', { licenseKey: 'SLtypo' });
    expect(wrong.statusCode).toBe(422);
    expect(errorCode(wrong)).toBe('RMS_CONNECTION_FAILED');
    expect((await credentialsOf('shop-c')).licenseKey).toBe(spare.licenseKey);

    // RMS issues a new key for the same shop (same serviceSecret).
    const renewed = w.rms.createShop({ serviceSecret: spare.serviceSecret }).licenses.at(-1)!.licenseKey;
    const ok = await w.as.admin.call('PUT', '/api/shops/shop-c/license-key', { licenseKey: `\n${renewed}` });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((ok.json() as { trimmed: string[] }).trimmed).toEqual(['licenseKey']);
    expect((await credentialsOf('shop-c')).licenseKey).toBe(renewed);
    expect(ok.body).not.toContain(renewed);
  });
});

describe(`a refused license key on the dashboard (${testEngine})`, () => {
  it('shows why sync stopped until the new key, verified against RMS, clears it', async () => {
    const w = await createAdminWorld();
    try {
      const spare = w.spareShop(3);
      await w.as.admin.call('POST', '/api/shops', { code: 'shop-c', name: '第三店', rmsUrl: w.rms.url, serviceSecret: spare.serviceSecret, licenseKey: spare.licenseKey, rateLimitPerSecond: 0 });
      // The run started by the connection (its first import) ends before the key goes bad.
      await expect.poll(async () => ((await w.as.admin.call('GET', '/api/dashboard?shop=shop-c')).json() as { lastSync: { at: string | null }[] }).lastSync[0]?.at ?? null).not.toBeNull();
      // The stored key stops working (here: replaced behind juchu's back, as an expired one would be refused).
      await w.app.shops.updateCredentials(SYSTEM_CALLER, 'shop-c', { licenseKey: 'SLexpired' }, { kind: 'system', name: 'test' });
      const { runSyncCycle } = await import('../../../src/sync/index.ts');
      await runSyncCycle(w.syncDeps, { shopCode: 'shop-c' });
      const stopped = (await w.as.admin.call('GET', '/api/dashboard?shop=shop-c')).json() as { lastSync: { shopCode: string; ok: boolean; alert: string | null }[] };
      expect(stopped.lastSync).toEqual([expect.objectContaining({ shopCode: 'shop-c', ok: false, alert: expect.stringContaining('ライセンスキー') })]);
      expect((await w.as.admin.call('PUT', '/api/shops/shop-c/license-key', { licenseKey: spare.licenseKey })).statusCode).toBe(200);
      const resumed = (await w.as.admin.call('GET', '/api/dashboard?shop=shop-c')).json() as { lastSync: { alert: string | null }[] };
      expect(resumed.lastSync[0]!.alert).toBeNull();
    } finally {
      await w.close();
    }
  });
});
