import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/composition/compose.ts';
import type { App } from '../../../src/composition/compose.ts';
import { DomainError } from '../../../src/domain/errors.ts';
import { ManualClock } from '../../../src/ports/clock.ts';
import { randomIds } from '../../../src/ports/ids.ts';
import { argon2idHasher } from '../../../src/ports/password-hasher.ts';
import { SecretBoxError, createSecretBox } from '../../../src/ports/secret-box.ts';
import { createTestDatabase, testEngine } from '../../support/database.ts';
import { Store } from '../../../src/store/store.ts';
import { SYSTEM_CALLER } from '../../../src/app/caller.ts';

const NOW = new Date('2026-11-21T00:00:00Z');
const DAY = 86_400_000;
const cli = { kind: 'system', name: 'cli' } as const;
const SERVICE_SECRET = 'SP338063_raw-service-secret-value';
const LICENSE_KEY = 'SL338063_raw-license-key-value';

let app: App;
let clock: ManualClock;

beforeEach(async () => {
  clock = new ManualClock(NOW);
  const box = createSecretBox('a test secret of enough length');
  app = createApp(await createTestDatabase(), { clock, ids: randomIds, hasher: argon2idHasher, secrets: () => box });
});
afterEach(() => app.close());

async function refusal(promise: Promise<unknown>): Promise<{ code: string; field: unknown }> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(DomainError);
  return { code: (err as DomainError).code, field: ((err as DomainError).details as { field?: string }).field };
}

/** Every value stored anywhere in the database, as text. */
async function everythingStored(): Promise<string> {
  const tables = ['shops', 'audit_log', 'users', 'api_tokens'] as const;
  const rows = await Promise.all(tables.map((t) => app.db.kysely.selectFrom(t).selectAll().execute()));
  return JSON.stringify(rows);
}

describe(`shops, users and tokens on ${testEngine}`, () => {
  it('stores RMS credentials sealed, opens them for the client, and refuses to open them with another JUCHU_SECRET', async () => {
    await app.shops.add({ code: 'tea-shop', name: 'お茶の店', serviceSecret: SERVICE_SECRET, licenseKey: LICENSE_KEY }, cli);
    expect(await app.shops.credentials(SYSTEM_CALLER, 'tea-shop')).toEqual({ serviceSecret: SERVICE_SECRET, licenseKey: LICENSE_KEY });
    const stored = await everythingStored();
    expect(stored).not.toContain(SERVICE_SECRET);
    expect(stored).not.toContain(LICENSE_KEY);

    const other = createApp(app.db, { clock, ids: randomIds, hasher: argon2idHasher, secrets: () => createSecretBox('another secret, also long enough') });
    await expect(other.shops.credentials(SYSTEM_CALLER, 'tea-shop')).rejects.toBeInstanceOf(SecretBoxError);
  });

  it('adds a shop with Rakuten’s API, 1 request/s and a 90-day key by default, and warns as the key nears expiry', async () => {
    const shop = await app.shops.add({ code: 'tea-shop', name: 'お茶の店', serviceSecret: 's', licenseKey: 'k' }, cli);
    expect(shop).toMatchObject({ rmsUrl: 'https://api.rms.rakuten.co.jp', rateLimitPerSecond: 1, autoConfirm: false, cancelViaApi: false });
    expect(shop.licenseKeyExpiresAt).toEqual(new Date(NOW.getTime() + 90 * DAY));
    expect((await app.shops.list(SYSTEM_CALLER))[0]).toMatchObject({ licenseWarning: { level: 'ok' }, sync: { lastRunAt: null } });
    clock.advance(83 * DAY + 1);
    expect((await app.shops.list(SYSTEM_CALLER))[0]!.licenseWarning).toMatchObject({ level: '7d' });

    await app.shops.updateCredentials(SYSTEM_CALLER, 'tea-shop', { licenseKey: 'renewed' }, cli);
    expect((await app.shops.list(SYSTEM_CALLER))[0]!.licenseWarning).toMatchObject({ level: 'ok' });
    expect((await app.shops.credentials(SYSTEM_CALLER, 'tea-shop')).licenseKey).toBe('renewed');
  });

  it('refuses bad shop input naming the field, and a duplicate code, writing nothing', async () => {
    const base = { code: 'tea-shop', name: 'お茶の店', serviceSecret: 's', licenseKey: 'k' };
    expect(await refusal(app.shops.add({ ...base, code: 'a b' }, cli))).toEqual({ code: 'VALIDATION_FAILED', field: 'code' });
    expect(await refusal(app.shops.add({ ...base, rmsUrl: 'ftp://x' }, cli))).toEqual({ code: 'VALIDATION_FAILED', field: 'rmsUrl' });
    expect(await refusal(app.shops.add({ ...base, rateLimitPerSecond: -1 }, cli))).toEqual({ code: 'VALIDATION_FAILED', field: 'rateLimitPerSecond' });
    expect(await refusal(app.shops.add({ ...base, licenseKey: ' ' }, cli))).toEqual({ code: 'VALIDATION_FAILED', field: 'licenseKey' });
    await app.shops.add(base, cli);
    expect(await refusal(app.shops.add({ ...base, name: '別の店' }, cli))).toEqual({ code: 'VALIDATION_FAILED', field: 'code' });
    expect((await app.shops.get(SYSTEM_CALLER, 'tea-shop')).name).toBe('お茶の店');
    const audit = await Store.open(app.db).auditLog.latest();
    expect(audit.map((a) => a.action)).toEqual(['shop.add']);
  });

  it('keeps staff passwords as argon2id hashes and authenticates only the right password', async () => {
    await app.shops.add({ code: 'tea-shop', name: 'お茶の店', serviceSecret: 's', licenseKey: 'k' }, cli);
    const user = await app.users.add({ email: ' Hanako@Example.jp ', password: 'correct horse', role: 'staff', shopCodes: ['tea-shop'] }, cli);
    expect(user).toMatchObject({ email: 'hanako@example.jp', role: 'staff', shopCodes: ['tea-shop'] });
    const row = await app.db.kysely.selectFrom('users').select('password_hash').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(await app.users.authenticate('HANAKO@example.jp', 'correct horse')).toMatchObject({ id: user.id });
    expect(await app.users.authenticate('hanako@example.jp', 'wrong horse')).toBeNull();
    expect(await app.users.authenticate('nobody@example.jp', 'correct horse')).toBeNull();
  });

  it('refuses a user with a bad role, a short password, an unknown shop or a taken email', async () => {
    const base = { email: 'a@example.jp', password: 'twelve chars', role: 'staff' };
    expect(await refusal(app.users.add({ ...base, role: 'boss' }, cli))).toEqual({ code: 'VALIDATION_FAILED', field: 'role' });
    // ASVS V2.1.1: at least 12 characters.
    expect(await refusal(app.users.add({ ...base, password: 'eleven char' }, cli))).toEqual({ code: 'VALIDATION_FAILED', field: 'password' });
    expect(await refusal(app.users.add({ ...base, shopCodes: ['nope'] }, cli))).toEqual({ code: 'VALIDATION_FAILED', field: 'shop' });
    await app.users.add(base, cli);
    expect(await refusal(app.users.add(base, cli))).toEqual({ code: 'VALIDATION_FAILED', field: 'email' });
  });

  it('creates API tokens that are stored only as a hash and authenticate their bearer', async () => {
    const { token, identity } = await app.tokens.create({ name: 'ci', role: 'viewer' }, cli);
    expect(await everythingStored()).not.toContain(token);
    expect(await app.tokens.authenticate(token)).toEqual(identity);
    expect(await app.tokens.authenticate(`${token}x`)).toBeNull();
    const row = await app.db.kysely.selectFrom('api_tokens').select('last_used_at').executeTakeFirstOrThrow();
    expect(row.last_used_at).toBe(NOW.toISOString());
    expect(await refusal(app.tokens.create({ name: 'ci', role: 'root' }, cli))).toEqual({ code: 'VALIDATION_FAILED', field: 'role' });
  });
});
