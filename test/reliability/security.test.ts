import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createLogger } from '../../src/logger.ts';
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS } from '../../src/app/auth/session-manager.ts';
import { FAILURE_WINDOW_MS, MAX_FAILURES } from '../../src/app/auth/login-throttle.ts';
import { testEngine } from '../support/database.ts';
import { ADMIN, createHarness } from './support/harness.ts';
import type { Harness, TestShop } from './support/harness.ts';
import { databaseContains } from './support/database-probe.ts';
import { PASSWORD, addUser, anonymous, login, sessionCookieOf, startServer, withToken } from './support/server.ts';
import { syncOnce } from './support/sync.ts';
import { Store } from '../../src/store/store.ts';
import { SYSTEM_CALLER } from '../../src/app/caller.ts';

/** OWASP ASVS 4.0 level 2 items for a staff app; docs/SECURITY.md names each test. */
describe(`security (ASVS L2) on ${testEngine}`, () => {
  let h: Harness;
  let server: FastifyInstance;
  let shopA: TestShop;
  let shopB: TestShop;

  // One world for the whole file (argon2id hashing and migrations are slow on purpose); each
  // test uses its own orders, addresses or sessions, so they do not lean on one another.
  beforeAll(async () => {
    h = await createHarness();
    shopA = await h.addShop('shop-a');
    shopB = await h.addShop('shop-b');
    server = await buildWithLogs(h, []);
    await addUser(h, 'admin@example.jp', 'admin');
    await addUser(h, 'staff-a@example.jp', 'staff', ['shop-a']);
    await addUser(h, 'viewer-a@example.jp', 'viewer', ['shop-a']);
  });

  afterAll(async () => {
    await server.close();
    await h.close();
  });

  describe('V2 authentication', () => {
    it('V2.4.1 stores passwords as Argon2id hashes, never in clear', async () => {
      const rows = await h.db.kysely.selectFrom('users').select(['email', 'password_hash']).execute();
      expect(rows).toHaveLength(3);
      for (const row of rows) expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
      expect(await databaseContains(h.db, PASSWORD)).toBe(false);
    });

    it('V2.2.1 throttles password guessing per account and address, and lifts it after the window', async () => {
      const from = (ip: string, password: string) =>
        server.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: ip, payload: { email: 'staff-a@example.jp', password } });
      for (let i = 0; i < MAX_FAILURES; i++) expect((await from('203.0.113.9', 'wrong password')).statusCode).toBe(401);
      const locked = await from('203.0.113.9', PASSWORD);
      expect(locked.statusCode).toBe(429);
      expect(locked.json().error.code).toBe('TOO_MANY_ATTEMPTS');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      // The real staff member in the shop is not locked out by an attacker elsewhere.
      expect((await from('198.51.100.7', PASSWORD)).statusCode).toBe(200);
      h.clock.advance(FAILURE_WINDOW_MS + 1000);
      expect((await from('203.0.113.9', PASSWORD)).statusCode).toBe(200);
    });

    it('V2.2.x answers an unknown email exactly like a wrong password', async () => {
      const unknown = await server.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'nobody@example.jp', password: PASSWORD } });
      const wrong = await server.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'staff-a@example.jp', password: 'not it at all' } });
      expect(unknown.statusCode).toBe(401);
      expect(unknown.body).toBe(wrong.body);
    });
  });

  describe('V3 session management', () => {
    it('V3.2.1 gives a new session id at every login and drops the one the browser came with (fixation)', async () => {
      const first = await login(server, 'staff-a@example.jp');
      const second = await login(server, 'staff-a@example.jp', PASSWORD, first.cookie!);
      expect(second.cookie).not.toBe(first.cookie);
      expect(second.csrfToken).not.toBe(first.csrfToken);
      expect((await first.request('GET', '/api/auth/me')).statusCode).toBe(401);
      expect((await second.request('GET', '/api/auth/me')).statusCode).toBe(200);
    });

    it('V3.2.3 ignores a session id an attacker planted before login', async () => {
      const planted = 'juchu_session=attacker-chosen-id';
      const res = await server.inject({ method: 'POST', url: '/api/auth/login', headers: { cookie: planted }, payload: { email: 'staff-a@example.jp', password: PASSWORD } });
      expect(res.statusCode).toBe(200);
      expect(sessionCookieOf(res)).not.toBe(planted);
      expect((await server.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: planted } })).statusCode).toBe(401);
    });

    it('V3.4.1–3 / V3.2.2 sets the session cookie HttpOnly, SameSite, Secure over TLS, signed, with 256 random bits', async () => {
      const res = await server.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'staff-a@example.jp', password: PASSWORD } });
      const cookie = res.cookies.find((c) => c.name === 'juchu_session')!;
      expect(cookie.httpOnly).toBe(true);
      expect(cookie.sameSite).toBe('Lax');
      expect(cookie.path).toBe('/');
      expect(cookie.secure, 'plain http').toBeFalsy();
      // 256 random bits, base64url, plus the signature.
      expect(cookie.value.split('.')[0]!.length).toBeGreaterThanOrEqual(43);
      // Over TLS to a proxy named in JUCHU_TRUST_PROXY; the same header from anyone else changes nothing.
      const viaHttps = { method: 'POST' as const, url: '/api/auth/login', headers: { 'x-forwarded-proto': 'https' }, payload: { email: 'staff-a@example.jp', password: PASSWORD } };
      expect((await server.inject(viaHttps)).cookies.find((c) => c.name === 'juchu_session')!.secure, 'untrusted X-Forwarded-Proto').toBeFalsy();
      const behindProxy = await startServer(h, { trustProxy: ['127.0.0.1'] });
      try {
        const overTls = await behindProxy.inject(viaHttps);
        expect(overTls.cookies.find((c) => c.name === 'juchu_session')!.secure).toBe(true);
        expect(overTls.headers['strict-transport-security']).toBe('max-age=31536000');
      } finally {
        await behindProxy.close();
      }
      // Tampering with the signed value makes it worthless.
      const forged = `juchu_session=${flipLast(cookie.value)}`;
      expect((await server.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: forged } })).statusCode).toBe(401);
    });

    it('V3.3.1 ends the session at logout on the server, not only in the browser', async () => {
      const staff = await login(server, 'staff-a@example.jp');
      expect((await staff.request('POST', '/api/auth/logout')).statusCode).toBe(200);
      expect((await staff.request('GET', '/api/auth/me')).statusCode).toBe(401);
    });

    it('V3.3.2 times sessions out after 30 idle minutes', async () => {
      const staff = await login(server, 'staff-a@example.jp');
      h.clock.advance(IDLE_TIMEOUT_MS - 60_000);
      expect((await staff.request('GET', '/api/auth/me')).statusCode).toBe(200);
      h.clock.advance(IDLE_TIMEOUT_MS);
      expect((await staff.request('GET', '/api/auth/me')).statusCode).toBe(401);
    });

    it('V3.3.2 ends even a busy session after 12 hours', async () => {
      const staff = await login(server, 'staff-a@example.jp');
      for (let elapsed = 0; elapsed < ABSOLUTE_TIMEOUT_MS - 20 * 60_000; elapsed += 20 * 60_000) {
        h.clock.advance(20 * 60_000);
        expect((await staff.request('GET', '/api/auth/me')).statusCode).toBe(200);
      }
      h.clock.advance(20 * 60_000);
      expect((await staff.request('GET', '/api/auth/me')).statusCode).toBe(401);
    });
  });

  describe('V4 access control', () => {
    it('V4.1.1 refuses every non-public route to anonymous callers', async () => {
      const doc = (await anonymous(server).json<{ paths: Record<string, Record<string, { security?: unknown }>> }>('GET', '/api/openapi.json')).body;
      // The one-time link routes are public: the token in the path is the credential (checked in people.test.ts).
      const publicRoutes = new Set(['POST /api/auth/login', 'GET /api/health', 'GET /api/openapi.json', 'GET /api/meta', 'GET /api/invitations/{token}', 'POST /api/invitations/{token}']);
      let checked = 0;
      for (const [path, methods] of Object.entries(doc.paths)) {
        for (const method of Object.keys(methods)) {
          const url = path.replace(/\{[^}]+\}/g, '999999-20261102-0000000001');
          if (publicRoutes.has(`${method.toUpperCase()} ${path}`)) continue;
          const res = await anonymous(server).request(method.toUpperCase(), url, {});
          expect(res.statusCode, `${method} ${path}`).toBe(401);
          expect(res.json().error.code).toBe('UNAUTHORIZED');
          checked++;
        }
      }
      expect(checked).toBeGreaterThanOrEqual(14);
    });

    it('V4.2.1 keeps each user to their shops: other shops’ orders are invisible and untouchable', async () => {
      const [own] = await h.seedOrders(shopA);
      const [other] = await h.seedOrders(shopB);
      const staff = await login(server, 'staff-a@example.jp');

      const ownShopOrders = await h.db.kysely.selectFrom('orders').select('order_number').where('shop_code', '=', 'shop-a').execute();
      const list = await staff.json<{ items: { orderNumber: string }[] }>('GET', '/api/orders?limit=200');
      expect(list.body.items.map((o) => o.orderNumber).sort()).toEqual(ownShopOrders.map((o) => o.order_number).sort());
      expect(list.body.items.map((o) => o.orderNumber)).toContain(own);
      expect((await staff.json('GET', `/api/orders?shop=shop-b`)).body).toMatchObject({ items: [] });
      const counts = await staff.json<Record<string, number>>('GET', '/api/orders/counts');
      expect(Object.values(counts.body).reduce((a, b) => a + b, 0)).toBe(ownShopOrders.length);
      expect((await staff.request('GET', `/api/orders/${other}`)).statusCode).toBe(404);
      for (const action of ['confirm', 'hold', 'cancel']) {
        const res = await staff.request('POST', `/api/orders/${other}/${action}`, action === 'cancel' ? { reason: 1 } : {});
        expect(res.statusCode, action).toBe(404);
      }
      expect((await staff.request('PATCH', `/api/orders/${other}`, { version: 1, plannedShipDate: '2026-11-10' })).statusCode).toBe(404);
      const bulk = await staff.json<{ results: { ok: boolean; error: { code: string } | null }[] }>('POST', '/api/orders/confirm', { orderNumbers: [other] });
      expect(bulk.body.results).toEqual([expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'NOT_FOUND' }) })]);
      const shops = await staff.json<{ code: string }[]>('GET', '/api/shops');
      expect(shops.body.map((s) => s.code)).toEqual(['shop-a']);

      const untouched = await h.app.orders.details(SYSTEM_CALLER, other!);
      expect(untouched.order.version).toBe(1);
      expect(untouched.order.status).toBe('awaiting_confirmation');
    });

    it('V4.1.3 lets viewers read but not change orders', async () => {
      const [orderNumber] = await h.seedOrders(shopA);
      const viewer = await login(server, 'viewer-a@example.jp');
      expect((await viewer.request('GET', `/api/orders/${orderNumber}`)).statusCode).toBe(200);
      const res = await viewer.request('POST', `/api/orders/${orderNumber}/confirm`, {});
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
      expect((await h.app.orders.details(SYSTEM_CALLER, orderNumber!)).order.status).toBe('awaiting_confirmation');
    });

    it('V4.2.2 refuses state-changing session requests without the CSRF token', async () => {
      const [orderNumber] = await h.seedOrders(shopA);
      const staff = await login(server, 'staff-a@example.jp');
      for (const token of [undefined, 'x', flipLast(staff.csrfToken!)]) {
        const res = await server.inject({
          method: 'POST',
          url: `/api/orders/${orderNumber}/hold`,
          headers: { cookie: staff.cookie!, 'content-type': 'application/json', ...(token ? { 'x-csrf-token': token } : {}) },
          payload: '{}',
        });
        expect(res.statusCode).toBe(403);
        expect(res.json().error.code).toBe('CSRF_FAILED');
      }
      expect((await h.app.orders.details(SYSTEM_CALLER, orderNumber!)).order.status).toBe('awaiting_confirmation');
      expect((await staff.request('POST', `/api/orders/${orderNumber}/hold`, {})).statusCode).toBe(200);
    });

    it('V4.2.2 takes API tokens without CSRF (nothing sends them by itself) and refuses unknown ones', async () => {
      const { token } = await h.app.tokens.create({ name: 'script', role: 'staff' }, ADMIN);
      expect((await withToken(server, token).request('GET', '/api/orders')).statusCode).toBe(200);
      const wrong = await withToken(server, `${token}x`).request('GET', '/api/orders');
      expect(wrong.statusCode).toBe(401);
      expect(await databaseContains(h.db, token)).toBe(false);
    });
  });

  describe('V14 configuration: security headers', () => {
    it('V14.4.x sends CSP with frame-ancestors, nosniff and no-store on API answers, errors and the web app', async () => {
      const staff = await login(server, 'staff-a@example.jp');
      const answers = [
        await anonymous(server).request('GET', '/api/health'),
        await anonymous(server).request('GET', '/api/orders'),
        await anonymous(server).request('GET', '/api/nothing-here'),
        await staff.request('GET', '/api/orders'),
        await anonymous(server).request('GET', '/'),
        await anonymous(server).request('GET', '/orders/123'),
      ];
      for (const res of answers) {
        const csp = String(res.headers['content-security-policy']);
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).toContain("object-src 'none'");
        expect(csp).not.toContain('unsafe-inline');
        expect(csp).not.toContain('unsafe-eval');
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-frame-options']).toBe('DENY');
      }
      for (const res of answers.slice(0, 4)) expect(res.headers['cache-control']).toBe('no-store');
    });
  });

  describe('V6/V8 stored secrets', () => {
    it('V6.1.1 keeps RMS credentials encrypted at rest and out of every API answer', async () => {
      for (const shop of [shopA, shopB]) {
        expect(await databaseContains(h.db, shop.serviceSecret)).toBe(false);
        expect(await databaseContains(h.db, shop.licenseKey)).toBe(false);
      }
      const sealed = await h.db.kysely.selectFrom('shops').select(['service_secret_sealed', 'license_key_sealed']).execute();
      for (const row of sealed) expect(row.service_secret_sealed).toMatch(/^v1\./);
      // …and they still open for the RMS client.
      expect(await h.app.shops.credentials(SYSTEM_CALLER, 'shop-a')).toEqual({ serviceSecret: shopA.serviceSecret, licenseKey: shopA.licenseKey });

      await h.seedOrders(shopA, { count: 3 });
      const admin = await login(server, 'admin@example.jp');
      const everything = [
        await admin.request('GET', '/api/shops'),
        await admin.request('GET', '/api/dashboard'),
        await admin.request('GET', '/api/orders'),
        await admin.request('GET', '/api/auth/me'),
        await admin.request('GET', '/api/meta'),
        await admin.request('GET', '/api/openapi.json'),
        await admin.request('GET', '/api/sync/runs'),
      ];
      for (const res of everything) {
        for (const secret of [shopA.serviceSecret, shopA.licenseKey, 'password_hash', '$argon2id$']) expect(res.body).not.toContain(secret);
      }
    });

    it('V7.1.1 keeps credentials, passwords, tokens and cookies out of the logs', async () => {
      const lines: string[] = [];
      const logged = await buildWithLogs(h, lines);
      try {
        const staff = await login(logged, 'staff-a@example.jp');
        await staff.request('GET', '/api/orders');
        await logged.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'staff-a@example.jp', password: 'a wrong password' } });
        const logger = createLogger('trace', sink(lines));
        logger.info({ shop: { code: 'shop-a', serviceSecret: shopA.serviceSecret, licenseKey: shopA.licenseKey } }, 'shop loaded');
        logger.info({ serviceSecret: shopA.serviceSecret, authorization: `ESA ${shopA.licenseKey}` }, 'calling RMS');
        // A sync run against a flaky RMS logs every retry; none of it may carry the credentials.
        h.sandbox.generateOrders({ licenseKey: shopA.licenseKey, count: 3 });
        h.sandbox.sandbox.updateFaults({ errorRate5xx: 0.5, seed: 3 });
        await syncOnce(h, { logger: createLogger('trace', sink(lines)) });
        h.sandbox.sandbox.updateFaults({ errorRate5xx: 0 });
      } finally {
        await logged.close();
      }
      expect(lines.some((l) => l.includes('RMS call failed')), 'the retries were logged').toBe(true);
      const text = lines.join('\n');
      expect(text).toContain('shop loaded');
      for (const secret of [shopA.serviceSecret, shopA.licenseKey, PASSWORD, 'a wrong password', 'juchu_session=', esaHeader(shopA)]) expect(text).not.toContain(secret);
      expect(await databaseContains(h.db, shopA.licenseKey)).toBe(false);
      expect(await databaseContains(h.db, esaHeader(shopA))).toBe(false);
    });
  });

  describe('V7.2 audit log', () => {
    it('records who did what to which order, with the state before and after, in UTC', async () => {
      const [orderNumber] = await h.seedOrders(shopA);
      const staff = await login(server, 'staff-a@example.jp');
      h.clock.advance(61_000);
      expect((await staff.request('POST', `/api/orders/${orderNumber}/hold`, { version: 1 })).statusCode).toBe(200);
      const [record] = await Store.open(h.db).auditLog.latest(1);
      expect(record).toMatchObject({
        action: 'order.hold',
        target: `order:${orderNumber}`,
        actor: { kind: 'user', name: 'staff-a@example.jp' },
        details: { before: { status: 'awaiting_confirmation', version: 1 }, after: { status: 'on_hold', version: 2 } },
      });
      expect(record!.at.toISOString()).toBe(h.clock.now().toISOString());
      const stored = await h.db.kysely.selectFrom('audit_log').select('at').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
      expect(stored.at).toMatch(/Z$/);
    });

    it('V7.2.1 records logins, failed logins and logouts', async () => {
      const before = await countAudit(h);
      await server.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '192.0.2.44', payload: { email: 'viewer-a@example.jp', password: 'not the password' } });
      const viewer = await login(server, 'viewer-a@example.jp');
      await viewer.request('POST', '/api/auth/logout');
      const records = await Store.open(h.db).auditLog.latest((await countAudit(h)) - before);
      expect(records.map((r) => [r.action, r.target]).reverse()).toEqual([
        ['auth.loginFailed', 'viewer-a@example.jp'],
        ['auth.login', 'viewer-a@example.jp'],
        ['auth.logout', 'viewer-a@example.jp'],
      ]);
      expect(JSON.stringify(records)).not.toContain('not the password');
    });

    it('V7.3.3 is append-only in the database itself: UPDATE and DELETE on audit_log fail', async () => {
      const before = await countAudit(h);
      expect(before).toBeGreaterThan(0);
      await expect(h.db.kysely.updateTable('audit_log').set({ action: 'forged' }).execute()).rejects.toThrow(/append-only/);
      await expect(h.db.kysely.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
      expect(await countAudit(h)).toBe(before);
      expect(await h.db.kysely.selectFrom('audit_log').select('id').where('action', '=', 'forged').execute()).toEqual([]);
    });

    it('offers no API to change or delete it', async () => {
      const admin = await login(server, 'admin@example.jp');
      const doc = (await admin.json<{ paths: Record<string, unknown> }>('GET', '/api/openapi.json')).body;
      // Reading it (GET /api/audit, admins) is the only way in.
      const auditPaths = Object.entries(doc.paths as Record<string, Record<string, unknown>>).filter(([p]) => /audit/i.test(p));
      expect(auditPaths.map(([p, methods]) => [p, Object.keys(methods)])).toEqual([['/api/audit', ['get']]]);
      const before = await countAudit(h);
      for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) {
        for (const url of ['/api/audit', '/api/audit-log', '/api/audit/1']) {
          expect((await admin.request(method, url, {})).statusCode).toBe(404);
        }
      }
      expect(await countAudit(h)).toBe(before);
    });
  });
});

/** The credentials as they travel to RMS (ESA base64(serviceSecret:licenseKey)). */
function esaHeader(shop: TestShop): string {
  return Buffer.from(`${shop.serviceSecret}:${shop.licenseKey}`).toString('base64');
}

/** The same text with its last character changed. */
function flipLast(text: string): string {
  return text.slice(0, -1) + (text.endsWith('A') ? 'B' : 'A');
}

async function countAudit(h: Harness): Promise<number> {
  const row = await h.db.kysely.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

function sink(lines: string[]): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
}

/** A server whose pino logger (trace level, redaction as in production) writes into `lines`. */
async function buildWithLogs(h: Harness, lines: string[]): Promise<FastifyInstance> {
  const { startServer } = await import('./support/server.ts');
  return startServer(h, { logger: createLogger('trace', sink(lines)) });
}
