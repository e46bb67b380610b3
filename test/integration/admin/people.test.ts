import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OneTimeLink, User } from '../../../src/server/api/admin-schemas.ts';
import { testEngine } from '../../support/database.ts';
import { anonymous, bearer, createWorld, errorCode, logIn } from '../server/support.ts';
import { PUBLIC_URL, createAdminWorld } from './support.ts';
import type { AdminWorld } from './support.ts';

const NEW_PASSWORD = 'a fresh password of mine';

describe(`people, tokens and the audit log (${testEngine})`, () => {
  let w: AdminWorld;
  beforeEach(async () => {
    w = await createAdminWorld();
  });
  afterEach(() => w.close());

  const users = async () => (await w.as.admin.call('GET', '/api/users')).json() as User[];
  const userId = async (email: string) => (await users()).find((u) => u.email === email)!.id;
  const tokenOf = (link: OneTimeLink) => link.url.split('/').at(-1)!;

  it('invites staff with a link from JUCHU_PUBLIC_URL; the link sets the password once, then they see only their shop', async () => {
    const res = await w.as.admin.call('POST', '/api/users', { email: 'New.Staff@example.jp', name: '新人', role: 'staff', shops: ['shop-b'] });
    expect(res.statusCode, res.body).toBe(200);
    const { user, link } = res.json() as { user: User; link: OneTimeLink };
    expect(user).toMatchObject({ email: 'new.staff@example.jp', role: 'staff', shops: ['shop-b'], disabled: false, lastLoginAt: null });
    expect(link.url.startsWith(`${PUBLIC_URL}/invite/`)).toBe(true);
    const token = tokenOf(link);
    // Nobody can log in before the password is set.
    expect((await anonymous(w.server).call('POST', '/api/auth/login', { email: 'new.staff@example.jp', password: NEW_PASSWORD })).statusCode).toBe(401);

    const info = await anonymous(w.server).call('GET', `/api/invitations/${token}`);
    expect(info.json()).toMatchObject({ purpose: 'invite', email: 'new.staff@example.jp', name: '新人' });
    const short = await anonymous(w.server).call('POST', `/api/invitations/${token}`, { password: 'short' });
    expect(short.statusCode).toBe(400);
    expect((short.json() as { error: { details: { messageJa: string } } }).error.details.messageJa).toBe('パスワードは12文字以上にしてください。');
    expect((await anonymous(w.server).call('POST', `/api/invitations/${token}`, { password: NEW_PASSWORD })).statusCode).toBe(200);
    const again = await anonymous(w.server).call('POST', `/api/invitations/${token}`, { password: NEW_PASSWORD });
    expect(again.statusCode).toBe(410);
    expect(errorCode(again)).toBe('LINK_INVALID');

    const staff = await logIn(w.server, 'new.staff@example.jp', NEW_PASSWORD);
    expect(((await staff.call('GET', '/api/shops')).json() as { code: string }[]).map((s) => s.code)).toEqual(['shop-b']);
    expect((await users()).find((u) => u.email === 'new.staff@example.jp')!.lastLoginAt).not.toBeNull();
  });

  it('refuses an email already registered, and an unknown shop, with nothing saved', async () => {
    const before = (await users()).length;
    const dup = await w.as.admin.call('POST', '/api/users', { email: 'staff.a@example.jp', role: 'staff', shops: ['shop-a'] });
    expect(dup.statusCode).toBe(400);
    expect((dup.json() as { error: { details: { messageJa: string } } }).error.details.messageJa).toBe('staff.a@example.jp はすでに登録されています。');
    expect((await w.as.admin.call('POST', '/api/users', { email: 'x@example.jp', role: 'staff', shops: ['nope'] })).statusCode).toBe(400);
    expect((await users()).length).toBe(before);
  });

  it('disabling a user ends their sessions and the tokens they made at once', async () => {
    const id = await userId('admin@example.jp');
    const other = (await w.as.admin.call('POST', '/api/users', { email: 'admin2@example.jp', role: 'admin' })).json() as { user: User; link: OneTimeLink };
    await anonymous(w.server).call('POST', `/api/invitations/${tokenOf(other.link)}`, { password: NEW_PASSWORD });
    const admin2 = await logIn(w.server, 'admin2@example.jp', NEW_PASSWORD);
    const made = (await admin2.call('POST', '/api/tokens', { name: 'admin2 script', role: 'viewer' })).json() as { token: string };
    expect((await bearer(w.server, made.token).call('GET', '/api/shops')).statusCode).toBe(200);

    const res = await w.as.admin.call('PATCH', `/api/users/${other.user.id}`, { disabled: true });
    expect(res.json()).toMatchObject({ disabled: true });
    expect((await admin2.call('GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await bearer(w.server, made.token).call('GET', '/api/shops')).statusCode).toBe(401);
    expect((await anonymous(w.server).call('POST', '/api/auth/login', { email: 'admin2@example.jp', password: NEW_PASSWORD })).statusCode).toBe(401);
    expect(id).not.toBe(other.user.id);
  });

  it('nobody changes their own role or disables themselves; the last admin stays', async () => {
    const self = await userId('admin@example.jp');
    const own = await w.as.admin.call('PATCH', `/api/users/${self}`, { role: 'staff' });
    expect(own.statusCode).toBe(403);
    expect(errorCode(own)).toBe('OWN_ROLE');
    // An admin token (not a person) trying to demote the only admin.
    const { token } = await w.app.tokens.create({ name: 'ops', role: 'admin' }, { kind: 'system', name: 'test' });
    const last = await bearer(w.server, token).call('PATCH', `/api/users/${self}`, { disabled: true });
    expect(last.statusCode).toBe(409);
    expect(errorCode(last)).toBe('LAST_ADMIN');
    expect((await users()).find((u) => u.id === self)).toMatchObject({ role: 'admin', disabled: false });
    // Changing someone else's role and shops works.
    const staff = await userId('staff.a@example.jp');
    expect((await w.as.admin.call('PATCH', `/api/users/${staff}`, { role: 'viewer', shops: ['shop-a', 'shop-b'] })).json()).toMatchObject({ role: 'viewer', shops: ['shop-a', 'shop-b'] });
  });

  it('a reset link replaces the password and ends the old sessions; one changes one own password', async () => {
    const id = await userId('staff.a@example.jp');
    const link = (await w.as.admin.call('POST', `/api/users/${id}/invitations`)).json() as OneTimeLink;
    expect(link.purpose).toBe('reset');
    await anonymous(w.server).call('POST', `/api/invitations/${tokenOf(link)}`, { password: NEW_PASSWORD });
    expect((await w.as.staffA.call('GET', '/api/auth/me')).statusCode).toBe(401);
    const staff = await logIn(w.server, 'staff.a@example.jp', NEW_PASSWORD);
    const changed = await staff.call('POST', '/api/auth/password', { currentPassword: NEW_PASSWORD, newPassword: 'yet another password' });
    expect(changed.statusCode).toBe(200);
    expect((await staff.call('GET', '/api/auth/me')).statusCode).toBe(200);
    await logIn(w.server, 'staff.a@example.jp', 'yet another password');
  });

  it('tokens: created once with their shops, listed without the secret, revoked for good', async () => {
    const created = await w.as.admin.call('POST', '/api/tokens', { name: 'b only', role: 'viewer', shops: ['shop-b'] });
    const { token, info } = created.json() as { token: string; info: { id: string; shops: string[]; createdBy: string } };
    expect(info.shops).toEqual(['shop-b']);
    expect(info.createdBy).toMatch(/^user:/);
    const script = bearer(w.server, token);
    expect(((await script.call('GET', '/api/shops')).json() as { code: string }[]).map((s) => s.code)).toEqual(['shop-b']);
    const list = await w.as.admin.call('GET', '/api/tokens');
    expect(list.body).not.toContain(token);
    expect((list.json() as { id: string; lastUsedAt: string | null }[]).find((t) => t.id === info.id)!.lastUsedAt).not.toBeNull();
    expect((await w.as.admin.call('DELETE', `/api/tokens/${info.id}`)).json()).toMatchObject({ id: info.id, revokedAt: expect.any(String) });
    const refused = await script.call('GET', '/api/shops');
    expect(refused.statusCode).toBe(401);
    expect((refused.json() as { error: { details: { messageJa: string } } }).error.details.messageJa).toContain('取り消された');
    expect((await w.as.admin.call('DELETE', '/api/tokens/unknown')).statusCode).toBe(404);
  });

  it('the audit log filters by user, shop, action and time, and exports CSV with — where old rows recorded nothing', async () => {
    await w.as.admin.call('PATCH', '/api/shops/shop-b', { rateLimitPerSecond: 3 });
    const adminId = await userId('admin@example.jp');
    const byShop = (await w.as.admin.call('GET', '/api/audit?shop=shop-b')).json() as { items: { action: string; actorId: string; clientAddress: string }[] };
    expect(byShop.items.map((i) => i.action)).toEqual(['shop.update', 'shop.add']);
    expect(byShop.items[0]).toMatchObject({ actorId: adminId, clientAddress: '127.0.0.1' });
    const byUser = (await w.as.admin.call('GET', `/api/audit?user=${adminId}`)).json() as { items: { action: string }[] };
    expect(byUser.items.map((i) => i.action)).toEqual(['shop.update']);
    const logins = (await w.as.admin.call('GET', '/api/audit?action=auth&limit=2')).json() as { items: { action: string }[]; nextCursor: string };
    expect(logins.items).toHaveLength(2);
    const next = (await w.as.admin.call('GET', `/api/audit?action=auth&limit=2&cursor=${logins.nextCursor}`)).json() as { items: { action: string }[] };
    expect(next.items).toHaveLength(2);
    const future = (await w.as.admin.call('GET', '/api/audit?from=2030-01-01T00:00:00%2B09:00')).json() as { items: unknown[] };
    expect(future.items).toHaveLength(0);

    const csv = await w.as.admin.call('GET', '/api/audit?format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('日時,実行者,操作,対象,店舗,接続元,詳細');
    // user.add records (from the world's set-up, through the CLI path) have no shop and no address.
    expect(lines.some((l) => l.includes(',user.add,') && l.includes(',—,—,'))).toBe(true);
    expect(lines.some((l) => l.includes(',shop.update,shop-b,shop-b,127.0.0.1,'))).toBe(true);
    expect((await w.as.admin.call('GET', '/api/audit?from=yesterday')).statusCode).toBe(400);
  });
});

describe(`the first admin's setup link (${testEngine})`, () => {
  it('is issued only while there is no admin, creates one admin, and works once', async () => {
    const w = await createWorld({ publicUrl: PUBLIC_URL });
    try {
      const people = w.app.admin.people;
      const link = (await people.setupLinkIfNoAdmin())!;
      expect(link.path).toMatch(/^\/setup\//);
      const token = link.path.split('/').at(-1)!;
      expect((await anonymous(w.server).call('GET', `/api/invitations/${token}`)).json()).toMatchObject({ purpose: 'setup', email: null });
      const bad = await anonymous(w.server).call('POST', `/api/invitations/${token}`, { email: 'nope', password: NEW_PASSWORD });
      expect(bad.statusCode).toBe(400);
      expect((await anonymous(w.server).call('POST', `/api/invitations/${token}`, { email: 'owner@example.jp', name: '店長', password: NEW_PASSWORD })).statusCode).toBe(200);
      const owner = await logIn(w.server, 'owner@example.jp', NEW_PASSWORD);
      expect(((await owner.call('GET', '/api/auth/me')).json() as { user: { role: string } }).user.role).toBe('admin');
      expect((await anonymous(w.server).call('POST', `/api/invitations/${token}`, { email: 'second@example.jp', password: NEW_PASSWORD })).statusCode).toBe(410);
      expect(await people.setupLinkIfNoAdmin()).toBeNull();
    } finally {
      await w.close();
    }
  });
});

describe(`the audit log records where order actions came from (${testEngine})`, () => {
  it('keeps the shop and the client address of a confirmation made through the API', async () => {
    const w = await createAdminWorld();
    try {
      const [orderNumber] = await w.addOrders('shop-a');
      const res = await w.as.staffA.call('POST', `/api/orders/${orderNumber}/confirm`, {});
      expect(res.statusCode, res.body).toBe(200);
      const audit = (await w.as.admin.call('GET', '/api/audit?action=order')).json() as { items: { action: string; target: string; shop: string; clientAddress: string }[] };
      expect(audit.items[0]).toMatchObject({ action: 'order.confirm', target: `order:${orderNumber}`, shop: 'shop-a', clientAddress: '127.0.0.1' });
    } finally {
      await w.close();
    }
  });
});
