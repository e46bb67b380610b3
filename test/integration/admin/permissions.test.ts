import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../support/database.ts';
import { errorCode } from '../server/support.ts';
import { createAdminWorld } from './support.ts';
import type { AdminWorld } from './support.ts';

type Who = 'admin' | 'staffA' | 'staffB' | 'viewer' | 'token';
const WHO: readonly Who[] = ['admin', 'staffA', 'staffB', 'viewer', 'token'];

/**
 * Each administration route, called by each kind of caller. Admin-only routes answer 403 to
 * everyone else before looking at the input; shop-scoped reads answer 404 for a shop the
 * caller may not see. Bodies are deliberately invalid where the route writes, so an admin's
 * call gets as far as validation (400) and nothing changes between callers.
 */
const ADMIN_ONLY: readonly [method: string, url: string, body?: unknown][] = [
  ['GET', '/api/users'],
  ['POST', '/api/users', { email: 'not-an-email', role: 'staff' }],
  ['PATCH', '/api/users/nobody', { name: '' }],
  ['POST', '/api/users/nobody/invitations'],
  ['GET', '/api/tokens'],
  ['POST', '/api/tokens', { name: '', role: 'viewer' }],
  ['DELETE', '/api/tokens/nobody'],
  ['GET', '/api/audit'],
  ['POST', '/api/shops', { code: 'bad code', name: 'x', serviceSecret: 's', licenseKey: 'k' }],
  ['POST', '/api/shops/test-connection', { serviceSecret: '', licenseKey: '' }],
  ['PATCH', '/api/shops/shop-a', { rateLimitPerSecond: -1 }],
  ['PUT', '/api/shops/shop-a/license-key', { licenseKey: '' }],
];

describe(`administration permission matrix (${testEngine})`, () => {
  let w: AdminWorld;
  beforeAll(async () => {
    w = await createAdminWorld();
  });
  afterAll(() => w.close());

  for (const [method, url, body] of ADMIN_ONLY) {
    it(`${method} ${url}: admin gets through, everyone else 403`, async () => {
      for (const who of WHO) {
        const res = await w.as[who].call(method, url, body);
        if (who === 'admin') {
          expect(res.statusCode, `${who} ${res.body}`).not.toBe(403);
          expect(res.statusCode).toBeLessThan(500);
        } else {
          expect(res.statusCode, who).toBe(403);
          expect(errorCode(res)).toBe('FORBIDDEN');
          expect((res.json() as { error: { details: { messageJa: string } } }).error.details.messageJa).toBe('この操作は管理者だけができます。');
        }
      }
    });
  }

  for (const url of ['/api/shops/shop-a', '/api/shops/shop-a/import']) {
    it(`GET ${url}: those who see shop-a read it, staff of shop-b get 404`, async () => {
      const expected: Record<Who, number> = { admin: 200, staffA: 200, staffB: 404, viewer: 200, token: 200 };
      for (const who of WHO) expect((await w.as[who].call('GET', url)).statusCode, who).toBe(expected[who]);
    });
  }

  it('a token scoped to shop-a sees only shop-a in the shop list', async () => {
    const shops = (await w.as.token.call('GET', '/api/shops')).json() as { code: string }[];
    expect(shops.map((s) => s.code)).toEqual(['shop-a']);
    expect((await w.as.token.call('GET', '/api/shops/shop-b')).statusCode).toBe(404);
  });

  it('POST /api/auth/password: a session changes its own, a token has no password', async () => {
    const wrong = await w.as.staffA.call('POST', '/api/auth/password', { currentPassword: 'not it at all', newPassword: 'another long password' });
    expect(wrong.statusCode).toBe(422);
    expect(errorCode(wrong)).toBe('WRONG_PASSWORD');
    expect((await w.as.token.call('POST', '/api/auth/password', { currentPassword: 'x', newPassword: 'another long password' })).statusCode).toBe(403);
  });

  it('an admin session without the CSRF header changes nothing', async () => {
    const before = ((await w.as.admin.call('GET', '/api/users')).json() as unknown[]).length;
    const res = await w.as.admin.call('POST', '/api/users', { email: 'csrf@example.jp', role: 'staff' }, { 'x-csrf-token': 'wrong' });
    expect(res.statusCode).toBe(403);
    expect(errorCode(res)).toBe('CSRF_FAILED');
    expect(((await w.as.admin.call('GET', '/api/users')).json() as unknown[]).length).toBe(before);
  });

  it('the OpenAPI document lists every administration route with its access level', async () => {
    const doc = (await w.as.admin.call('GET', '/api/openapi.json')).json() as { paths: Record<string, Record<string, { 'x-juchu-access': string }>> };
    for (const [method, url] of ADMIN_ONLY) {
      const path = url.replace('/nobody', '/{id}').replace('/shop-a', '/{code}');
      expect(doc.paths[path]?.[method.toLowerCase()]?.['x-juchu-access'], `${method} ${path}`).toBe('admin');
    }
    for (const path of ['/api/invitations/{token}', '/api/shops/{code}/import', '/api/auth/password']) expect(doc.paths[path], path).toBeDefined();
  });
});
