import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SYSTEM_CALLER } from '../../../src/app/caller.ts';
import { defineConcern } from '../../../src/app/settings/concern.ts';
import { profileConcern } from '../../../src/app/settings/profile-concern.ts';
import { SettingsService } from '../../../src/app/settings/settings-service.ts';
import { createSecretBox } from '../../../src/ports/secret-box.ts';
import { testEngine } from '../../support/database.ts';
import { bearer, createTwoShopWorld, errorCode, SECRET } from '../server/support.ts';
import type { Client, World } from '../server/support.ts';
import { Store } from '../../../src/store/store.ts';

const PROFILE = {
  displayName: 'テスト本舗',
  postalCode: '150-0001',
  address1: '東京都渋谷区神宮前1-2-3',
  address2: 'テストビル4F',
  phone: '03-1234-5678',
  email: 'shop@example.jp',
  invoiceRegistrationNumber: 't1234567890123',
  logo: '',
  sender: { name: '', postalCode: '', address1: '', address2: '', phone: '' },
};

describe(`settings API (${testEngine})`, () => {
  let w: World;
  let staffA: Client;
  let staffB: Client;
  let viewer: Client;

  beforeEach(async () => {
    ({ w, staffA, staffB, viewer } = await createTwoShopWorld());
  });
  afterEach(() => w.close());

  it('starts a shop on the default profile, saves it with a version, and refuses a stale save', async () => {
    const fresh = await staffA.call('GET', '/api/shops/shop-a/settings/profile');
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json()).toMatchObject({ concern: 'profile', version: 0, mayEdit: true, document: { displayName: '', invoiceRegistrationNumber: '' } });

    const saved = await staffA.call('PUT', '/api/shops/shop-a/settings/profile', { version: 0, document: PROFILE });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ version: 1, document: { invoiceRegistrationNumber: 'T1234567890123', address2: 'テストビル4F' }, updatedBy: expect.any(String) });

    // A colleague who read version 0 cannot overwrite version 1 without seeing it.
    const stale = await staffA.call('PUT', '/api/shops/shop-a/settings/profile', { version: 0, document: { ...PROFILE, phone: '03-9999-9999' } });
    expect(stale.statusCode).toBe(409);
    expect(errorCode(stale)).toBe('SETTINGS_CONFLICT');
    expect((await w.app.settings.read('shop-a', profileConcern)).phone).toBe('03-1234-5678');

    const audit = await Store.open(w.db).auditLog.latest(5);
    expect(audit.filter((r) => r.action === 'settings.save')).toHaveLength(1);
    expect(audit.find((r) => r.action === 'settings.save')).toMatchObject({ target: 'shop-a/profile', details: { version: 1 } });
  });

  it('refuses an invalid field with a 400 naming it, and stores nothing', async () => {
    for (const [field, value] of [
      ['invoiceRegistrationNumber', 'T123'],
      ['postalCode', '1500'],
      ['phone', '12-34'],
      ['logo', 'data:image/gif;base64,AAAA'],
      ['unknownField', 'x'],
    ] as const) {
      const res = await staffA.call('PUT', '/api/shops/shop-a/settings/profile', { version: 0, document: { ...PROFILE, [field]: value } });
      expect(res.statusCode, field).toBe(400);
      expect(errorCode(res)).toBe('VALIDATION_FAILED');
    }
    expect((await staffA.call('GET', '/api/shops/shop-a/settings/profile')).json()).toMatchObject({ version: 0 });
  });

  it('keeps each shop to its own staff: another shop is not found, a viewer reads but cannot save', async () => {
    expect((await staffB.call('GET', '/api/shops/shop-a/settings/profile')).statusCode).toBe(404);
    expect((await staffB.call('PUT', '/api/shops/shop-a/settings/profile', { version: 0, document: PROFILE })).statusCode).toBe(404);
    expect((await viewer.call('GET', '/api/shops/shop-a/settings')).json()).toEqual(expect.arrayContaining([expect.objectContaining({ concern: 'profile', mayEdit: false })]));
    expect((await viewer.call('PUT', '/api/shops/shop-a/settings/profile', { version: 0, document: PROFILE })).statusCode).toBe(403);
    expect((await staffA.call('GET', '/api/shops/shop-a/settings/nothing-here')).statusCode).toBe(404);
    const { token } = await w.app.tokens.create({ name: 'script', role: 'staff' }, { kind: 'system', name: 'test' });
    expect((await bearer(w.server, token).call('PUT', '/api/shops/shop-b/settings/profile', { version: 0, document: PROFILE })).statusCode).toBe(200);
  });

  it('seals write-only fields, never answers them, and keeps them when a save leaves them out', async () => {
    const relay = defineConcern({
      id: 'relay',
      schema: z.strictObject({ host: z.string(), password: z.string() }),
      defaults: () => ({ host: '', password: '' }),
      editors: 'admin',
      secretFields: ['password'],
    });
    const box = createSecretBox(SECRET);
    const service = new SettingsService({ store: w.app.store, clock: w.clock, secrets: () => box, concerns: [relay] });
    const actor = { kind: 'system', name: 'test' } as const;
    const staffCaller = { role: 'staff', shops: { all: false, codes: ['shop-a'] } } as const;
    await expect(service.save(staffCaller, 'shop-a', 'relay', { host: 'h', password: 'p' }, 0, actor)).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const first = await service.save(SYSTEM_CALLER, 'shop-a', 'relay', { host: 'smtp.example', password: ' s3cret ' }, 0, actor);
    expect(first.document).toEqual({ host: 'smtp.example', password: '' });
    expect(first.secretsSet).toEqual({ password: true });
    const stored = await w.db.kysely.selectFrom('shop_settings').select('document').where('concern', '=', 'relay').executeTakeFirstOrThrow();
    expect(stored.document).not.toContain('s3cret');

    await service.save(SYSTEM_CALLER, 'shop-a', 'relay', { host: 'smtp2.example' }, 1, actor);
    expect(await service.openSecret('shop-a', relay, 'password')).toBe('s3cret');
    const cleared = await service.save(SYSTEM_CALLER, 'shop-a', 'relay', { host: 'smtp2.example', password: '' }, 2, actor);
    expect(cleared.secretsSet).toEqual({ password: false });
    expect(await service.openSecret('shop-a', relay, 'password')).toBeNull();
  });
});
