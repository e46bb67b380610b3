import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asRequester } from '../../../src/app/admin/requester.ts';
import { TOKEN_CACHE_TTL_MS, TokenService } from '../../../src/app/token-service.ts';
import { ManualClock } from '../../../src/ports/clock.ts';
import { randomIds } from '../../../src/ports/ids.ts';
import { SessionSchema } from '../../../src/server/api/schemas.ts';
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS } from '../../../src/app/auth/session-manager.ts';
import { MAX_FAILURES, FAILURE_WINDOW_MS } from '../../../src/app/auth/login-throttle.ts';
import { testEngine } from '../../support/database.ts';
import { PASSWORD, anonymous, bearer, createWorld, errorCode, logIn, sessionCookie } from './support.ts';
import type { World } from './support.ts';
import { Store } from '../../../src/store/store.ts';

describe(`auth (${testEngine})`, () => {
  let w: World;
  beforeEach(async () => {
    w = await createWorld();
    await w.addShop('shop-a');
    await w.addUser('staff@example.jp', 'staff', ['shop-a']);
  });
  afterEach(() => w.close());

  it('logs in with the right password: HttpOnly, SameSite=Lax session cookie and a CSRF token', async () => {
    const res = await anonymous(w.server).call('POST', '/api/auth/login', { email: 'Staff@Example.jp ', password: PASSWORD });
    expect(res.statusCode).toBe(200);
    const body = SessionSchema.parse(res.json());
    expect(body.user).toEqual({ email: 'staff@example.jp', role: 'staff', shops: ['shop-a'] });
    expect(body.csrfToken.length).toBeGreaterThan(20);
    const cookie = res.cookies.find((c) => c.name === 'juchu_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.secure).toBeFalsy();
    const audit = await Store.open(w.db).auditLog.latest();
    expect(audit.map((a) => a.action)).toContain('auth.login');
  });

  it('refuses a wrong password and an unknown email alike', async () => {
    const wrong = await anonymous(w.server).call('POST', '/api/auth/login', { email: 'staff@example.jp', password: 'not the password' });
    const unknown = await anonymous(w.server).call('POST', '/api/auth/login', { email: 'nobody@example.jp', password: PASSWORD });
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(errorCode(res)).toBe('UNAUTHORIZED');
      expect(res.cookies).toHaveLength(0);
    }
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('throttles an account from one address after repeated failures, and lifts it after the window', async () => {
    const attempt = (password: string, ip = '10.0.0.1') =>
      w.server.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'staff@example.jp', password }, remoteAddress: ip });
    for (let i = 0; i < MAX_FAILURES; i++) expect((await attempt('wrong')).statusCode).toBe(401);
    const blocked = await attempt(PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(errorCode(blocked)).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // The same account from the shop's own address still works.
    expect((await attempt(PASSWORD, '10.0.0.2')).statusCode).toBe(200);
    w.clock.advance(FAILURE_WINDOW_MS + 1000);
    expect((await attempt(PASSWORD)).statusCode).toBe(200);
  });

  it('rotates the session at login: the cookie held before no longer works', async () => {
    const first = await logIn(w.server, 'staff@example.jp');
    const second = await logIn(w.server, 'staff@example.jp', PASSWORD, { cookie: first.cookie! });
    expect(second.cookie).not.toBe(first.cookie);
    expect((await first.call('GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await second.call('GET', '/api/auth/me')).statusCode).toBe(200);
  });

  it('ends a session idle for 30 minutes', async () => {
    const staff = await logIn(w.server, 'staff@example.jp');
    w.clock.advance(IDLE_TIMEOUT_MS - 60_000);
    expect((await staff.call('GET', '/api/auth/me')).statusCode).toBe(200);
    w.clock.advance(IDLE_TIMEOUT_MS - 60_000);
    expect((await staff.call('GET', '/api/auth/me')).statusCode).toBe(200);
    w.clock.advance(IDLE_TIMEOUT_MS);
    const res = await staff.call('GET', '/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(errorCode(res)).toBe('UNAUTHORIZED');
  });

  it('times sessions on the session clock, so moving business time (a sandbox’s) logs nobody out', async () => {
    const sessionClock = new ManualClock(w.clock.now());
    const sandboxed = await createWorld({ sessionClock });
    try {
      await sandboxed.addShop('shop-a');
      await sandboxed.addUser('staff@example.jp', 'staff', ['shop-a']);
      const staff = await logIn(sandboxed.server, 'staff@example.jp');
      sandboxed.clock.advance(14 * 24 * 3_600_000);
      expect((await staff.call('GET', '/api/auth/me')).statusCode).toBe(200);
      sessionClock.advance(IDLE_TIMEOUT_MS);
      expect((await staff.call('GET', '/api/auth/me')).statusCode).toBe(401);
    } finally {
      await sandboxed.close();
    }
  });

  it('ends a session 12 hours after login however busy', async () => {
    const staff = await logIn(w.server, 'staff@example.jp');
    for (let elapsed = 0; elapsed < ABSOLUTE_TIMEOUT_MS - IDLE_TIMEOUT_MS; elapsed += 20 * 60_000) {
      w.clock.advance(20 * 60_000);
      expect((await staff.call('GET', '/api/auth/me')).statusCode).toBe(200);
    }
    w.clock.advance(IDLE_TIMEOUT_MS);
    expect((await staff.call('GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('refuses a state change made with the session cookie but without the CSRF token', async () => {
    const staff = await logIn(w.server, 'staff@example.jp');
    const noToken = await w.server.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: staff.cookie! } });
    expect(noToken.statusCode).toBe(403);
    expect(errorCode(noToken)).toBe('CSRF_FAILED');
    const wrongToken = await staff.call('POST', '/api/auth/logout', undefined, { 'x-csrf-token': 'x'.repeat(43) });
    expect(errorCode(wrongToken)).toBe('CSRF_FAILED');
    expect((await staff.call('GET', '/api/auth/me')).statusCode).toBe(200);
  });

  it('logs out: the session is gone', async () => {
    const staff = await logIn(w.server, 'staff@example.jp');
    const res = await staff.call('POST', '/api/auth/logout');
    expect(res.statusCode).toBe(200);
    expect((await staff.call('GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('ignores a forged cookie', async () => {
    const res = await anonymous(w.server).call('GET', '/api/auth/me', undefined, { cookie: 'juchu_session=forged.value' });
    expect(res.statusCode).toBe(401);
  });

  it('accepts API tokens without CSRF, and refuses unknown ones', async () => {
    const { token } = await w.app.tokens.create({ name: 'script', role: 'staff' }, { kind: 'system', name: 'test' });
    const me = await bearer(w.server, token).call('GET', '/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { role: 'staff', shops: ['shop-a'] } });
    const logout = await bearer(w.server, token).call('POST', '/api/auth/logout');
    expect(logout.statusCode).toBe(200);
    const bad = await bearer(w.server, 'juchu_not-a-token').call('GET', '/api/orders');
    expect(bad.statusCode).toBe(401);
    expect(errorCode(bad)).toBe('UNAUTHORIZED');
    const malformed = await anonymous(w.server).call('GET', '/api/orders', undefined, { authorization: 'Basic abc' });
    expect(malformed.statusCode).toBe(401);
  });

  it('refuses a token revoked through the API at once, though the server had just looked it up', async () => {
    const system = { kind: 'system', name: 'test' } as const;
    const admin = await w.app.tokens.create({ name: 'admin script', role: 'admin' }, system);
    const viewer = await w.app.tokens.create({ name: 'viewer script', role: 'viewer' }, system);
    expect((await bearer(w.server, viewer.token).call('GET', '/api/orders/counts')).statusCode).toBe(200);
    expect((await bearer(w.server, admin.token).call('DELETE', `/api/tokens/${viewer.identity.id}`)).statusCode).toBe(200);
    expect((await bearer(w.server, viewer.token).call('GET', '/api/orders/counts')).statusCode).toBe(401);
  });

  it('refuses a token revoked by another process once the token cache has expired', async () => {
    const system = { kind: 'system', name: 'test' } as const;
    const viewer = await w.app.tokens.create({ name: 'viewer script', role: 'viewer' }, system);
    expect((await bearer(w.server, viewer.token).call('GET', '/api/orders/counts')).statusCode).toBe(200);
    // The CLI's own TokenService: the server's cache does not hear of it.
    await new TokenService({ store: w.app.store, clock: w.clock, ids: randomIds }).revoke(viewer.identity.id, asRequester(system));
    w.clock.advance(TOKEN_CACHE_TTL_MS);
    expect((await bearer(w.server, viewer.token).call('GET', '/api/orders/counts')).statusCode).toBe(401);
  });

  it('answers 401 UNAUTHORIZED to anonymous API calls, and keeps health open', async () => {
    const res = await anonymous(w.server).call('GET', '/api/orders');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: { code: 'UNAUTHORIZED', message: expect.any(String), details: { messageJa: expect.any(String) } } });
    const health = await anonymous(w.server).call('GET', '/api/health');
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ ok: true, database: testEngine });
    expect((await bearer(w.server, 'juchu_revoked').call('GET', '/api/health')).statusCode).toBe(200);
  });

  it('rejects a malformed login body with VALIDATION_FAILED', async () => {
    for (const body of [{ email: 'x@y.jp' }, { email: 1, password: 'x' }, 'not json']) {
      const res = await anonymous(w.server).call('POST', '/api/auth/login', body, typeof body === 'string' ? { 'content-type': 'application/json' } : {});
      expect(res.statusCode).toBe(400);
      expect(errorCode(res)).toBe('VALIDATION_FAILED');
    }
    expect(sessionCookie(await anonymous(w.server).call('POST', '/api/auth/login', { email: 'x@y.jp' }))).toBeNull();
  });
});
