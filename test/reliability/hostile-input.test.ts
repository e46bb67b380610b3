import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { renderToStaticMarkup } from 'react-dom/server';
import { createElement } from 'react';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { testEngine } from '../support/database.ts';
import { ADMIN, createHarness } from './support/harness.ts';
import type { Harness, TestShop } from './support/harness.ts';
import { FUZZ_RUNS, maybe, nastyJson, nastyNumber, nastyString } from './support/hostile.ts';
import { addUser, login, withToken } from './support/server.ts';
import { syncDeps } from './support/sync.ts';
import { runSyncCycle } from '../../src/sync/index.ts';
import type { Caller } from './support/server.ts';

/** What a refused request must leave as it was (sessions and token last-use times are bookkeeping of the caller, not data). */
const TABLES = ['orders', 'order_history', 'outbox', 'shops', 'users', 'user_shops'] as const;

/** Every input tried in this file, for docs/RELIABILITY.md. */
let inputsTried = 0;

describe(`hostile input on ${testEngine}`, () => {
  let h: Harness;
  let server: FastifyInstance;
  let shop: TestShop;
  let orders: string[];
  let staff: Caller;
  let script: Caller;

  beforeAll(async () => {
    h = await createHarness();
    shop = await h.addShop('shop-a');
    await h.addShop('shop-b');
    orders = [
      ...(await h.seedOrders(shop, { count: 2 })),
      ...(await h.seedOrders(shop, { scenario: 'postage_undetermined' })),
      ...(await h.seedOrders(shop, { scenario: 'multi_package' })),
    ];
    const { startServer } = await import('./support/server.ts');
    server = await startServer(h, { runSync: (scope) => runSyncCycle(syncDeps(h), { ...scope, trigger: 'api' }) });
    await addUser(h, 'staff@example.jp', 'staff', ['shop-a']);
    staff = await login(server, 'staff@example.jp');
    script = withToken(server, (await h.app.tokens.create({ name: 'fuzz', role: 'admin' }, ADMIN)).token);
  });

  afterAll(async () => {
    console.info(`hostile input (${testEngine}): ${inputsTried} inputs tried`);
    await server.close();
    await h.close();
  });

  /**
   * Sends one request and checks the contract: never a 5xx; a refusal is a 4xx carrying a
   * stable code and leaves every table as it was; a success leaves only sane data behind.
   */
  async function expectContract(send: () => Promise<LightMyRequestResponse>): Promise<void> {
    inputsTried++;
    const before = await fingerprint(h);
    const res = await send();
    expect(res.statusCode, res.body.slice(0, 300)).toBeLessThan(500);
    if (res.statusCode >= 400) {
      expect(res.json().error.code, res.body.slice(0, 300)).toMatch(/^[A-Z_]+$/);
      expect(await fingerprint(h)).toBe(before);
    } else {
      await expectSaneOrders(h);
    }
  }

  /** Path parameters the router accepts at all; longer ones are the framework's to refuse (tested below). */
  const orderNumberArb = () => fc.oneof(fc.constantFrom(...orders), nastyString.filter((n) => path(n).length <= MAX_PARAM_LENGTH));

  it('PATCH /api/orders/{n}: hostile edits are refused cleanly', async () => {
    const item = fc.record({ itemDetailId: maybe(fc.integer({ min: 1, max: 10 ** 9 })), units: maybe(fc.integer({ min: 0, max: 1000 })), price: maybe(fc.integer({ min: 0, max: 10 ** 7 })) }, { requiredKeys: [] });
    const pkg = fc.record({ basketId: maybe(fc.integer({ min: 1, max: 10 ** 9 })), postagePrice: maybe(fc.integer({ min: 0, max: 10 ** 6 })), deliveryPrice: maybe(fc.integer()), items: maybe(fc.array(item, { maxLength: 3 })) }, { requiredKeys: [] });
    const body = fc.oneof(
      nastyJson,
      fc.record(
        {
          version: maybe(fc.integer({ min: 0, max: 5 })),
          packages: maybe(fc.array(pkg, { maxLength: 2 })),
          paymentCharge: maybe(fc.integer({ min: 0, max: 10 ** 6 })),
          reductionReason: maybe(fc.integer({ min: 0, max: 20 })),
          plannedShipDate: maybe(fc.constantFrom('2026-11-10', '2026-02-30', '2026-11-10T00:00:00Z')),
          deliveryDate: maybe(fc.constantFrom('2026-11-12', '0000-00-00')),
          shippingTerm: maybe(fc.integer({ min: 0, max: 2400 })),
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(orderNumberArb(), body, async (n, b) => expectContract(() => staff.request('PATCH', `/api/orders/${path(n)}`, b))),
      { numRuns: FUZZ_RUNS * 3 },
    );
  }, timeoutFor(FUZZ_RUNS * 3));

  it('POST actions on an order: hostile bodies and order numbers are refused cleanly', async () => {
    const action = fc.constantFrom('confirm', 'hold', 'release', 'cancel', 'shipments');
    const body = fc.oneof(
      nastyJson,
      fc.record(
        {
          version: maybe(fc.integer({ min: 0, max: 5 })),
          reason: maybe(fc.integer({ min: 0, max: 20 })),
          basketId: maybe(fc.integer({ min: 1, max: 10 ** 9 })),
          deliveryCompany: maybe(fc.constantFrom('1001', '1000', '9999', '１００１')),
          shippingNumber: maybe(fc.string({ maxLength: 30 })),
          shippingDate: maybe(fc.constantFrom('2026-11-02', '2026-13-01')),
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(orderNumberArb(), action, body, async (n, a, b) => expectContract(() => staff.request('POST', `/api/orders/${path(n)}/${a}`, b))),
      { numRuns: FUZZ_RUNS * 3 },
    );
  }, timeoutFor(FUZZ_RUNS * 3));

  it('POST /api/orders/confirm, /api/sync/run and /api/auth/login: hostile bodies are refused cleanly', async () => {
    const route = fc.constantFrom('/api/orders/confirm', '/api/sync/run', '/api/auth/login');
    const body = fc.oneof(
      nastyJson,
      fc.record({ orderNumbers: maybe(fc.array(orderNumberArb(), { maxLength: 5 })), shop: maybe(nastyString), email: maybe(nastyString), password: maybe(nastyString) }, { requiredKeys: [] }),
    );
    await fc.assert(
      fc.asyncProperty(route, body, async (r, b) => expectContract(() => script.request('POST', r, b))),
      { numRuns: FUZZ_RUNS * 2 },
    );
  }, timeoutFor(FUZZ_RUNS * 2));

  it('GET routes: hostile query strings and paths are answered without a 5xx or a leak', async () => {
    const route = fc.constantFrom('/api/orders', '/api/orders/counts', '/api/dashboard', '/api/shops', '/api/sync/runs', '/api/orders/');
    const params = fc.dictionary(fc.constantFrom('status', 'shop', 'q', 'deadlineWithinHours', 'limit', 'cursor', 'x'), fc.oneof(nastyString, nastyNumber.map(String)), { maxKeys: 4 });
    await fc.assert(
      fc.asyncProperty(route, params, async (r, p) => {
        const query = new URLSearchParams(p as Record<string, string>).toString();
        await expectContract(async () => {
          const res = await staff.request('GET', `${r}?${query}`);
          // Whatever was asked, staff of shop-a see nothing of shop-b.
          if (res.statusCode === 200) expect(res.body).not.toContain('"shopCode":"shop-b"');
          return res;
        });
      }),
      { numRuns: FUZZ_RUNS * 2 },
    );
  }, timeoutFor(FUZZ_RUNS * 2));

  it('refuses malformed JSON, wrong content types and oversized bodies with a code', async () => {
    const target = `/api/orders/${orders[0]}`;
    const cases: { body: string; type: string; status: number; code: string }[] = [
      { body: '{"version": 1,', type: 'application/json', status: 400, code: 'VALIDATION_FAILED' },
      { body: '{"version": 1}}', type: 'application/json', status: 400, code: 'VALIDATION_FAILED' },
      { body: "{'version': 1}", type: 'application/json', status: 400, code: 'VALIDATION_FAILED' },
      { body: '[]', type: 'application/json', status: 400, code: 'VALIDATION_FAILED' },
      { body: '"x"', type: 'application/json', status: 400, code: 'VALIDATION_FAILED' },
      { body: '{"__proto__": {"version": 1}}', type: 'application/json', status: 400, code: 'VALIDATION_FAILED' },
      { body: 'version=1', type: 'application/x-www-form-urlencoded', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
      { body: '<version>1</version>', type: 'text/xml', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
      { body: JSON.stringify({ version: 1, plannedShipDate: 'x'.repeat(300 * 1024) }), type: 'application/json', status: 413, code: 'PAYLOAD_TOO_LARGE' },
    ];
    for (const c of cases) {
      inputsTried++;
      const before = await fingerprint(h);
      const res = await staff.request('PATCH', target, c.body, { 'content-type': c.type });
      expect({ status: res.statusCode, code: res.json().error.code }, c.body.slice(0, 40)).toEqual({ status: c.status, code: c.code });
      expect(await fingerprint(h)).toBe(before);
    }
  });

  it('framework-level refusals (over-long path parameter, malformed URL) keep the error envelope and security headers', async () => {
    for (const url of [`/api/orders/${'9'.repeat(MAX_PARAM_LENGTH + 1)}/confirm`, '/api/orders/%E0%A4%A/confirm']) {
      inputsTried++;
      const before = await fingerprint(h);
      const res = await staff.request('POST', url, {});
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.json().error.code, res.body.slice(0, 200)).toMatch(/^[A-Z_]+$/);
      expect(res.headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
      expect(await fingerprint(h)).toBe(before);
    }
  });

  it('treats SQL in the search box as text', async () => {
    for (const q of ["' OR '1'='1", "%' OR shop_code LIKE '%", '%', '_', "'; DROP TABLE orders; --"]) {
      inputsTried++;
      const res = await staff.json<{ items: unknown[] }>('GET', `/api/orders?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([]);
    }
    expect(await h.db.kysely.selectFrom('orders').select('order_number').execute()).toHaveLength(orders.length);
  });

  it('stored XSS: a <script> buyer name travels as inert JSON text and React renders it as text', async () => {
    const hostile = '<script>alert("xss")</script><img src=x onerror=alert(1)>';
    const [orderNumber] = await h.seedOrders(shop);
    await h.db.transaction(async (tx) => {
      const row = await tx.selectFrom('orders').select('document').where('order_number', '=', orderNumber!).executeTakeFirstOrThrow();
      const document = JSON.parse(row.document) as { buyer: { familyName: string } };
      document.buyer.familyName = hostile;
      await tx.updateTable('orders').set({ document: JSON.stringify(document) }).where('order_number', '=', orderNumber!).execute();
    });
    orders.push(orderNumber!);

    const res = await staff.request('GET', `/api/orders/${orderNumber}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.json().buyer.familyName).toBe(hostile);

    // React escapes text children; rendering the value as the UI does yields no markup.
    const html = renderToStaticMarkup(createElement('td', null, res.json().buyer.familyName));
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');

    // Nothing in the web app bypasses that escaping.
    for (const file of sourceFiles(join(import.meta.dirname, '../../src/web'))) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/dangerouslySetInnerHTML|innerHTML\s*=|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function\(/);
    }
    // The served page loads only its own scripts, with no inline code the CSP would have to allow.
    const page = await staff.request('GET', '/');
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('environment: any JUCHU_* value is either accepted or refused with a ConfigError', () => {
    fc.assert(
      fc.property(
        fc.record({ JUCHU_DATABASE_URL: nastyString, JUCHU_SECRET: nastyString, JUCHU_PORT: fc.oneof(nastyString, nastyNumber.map(String)), JUCHU_LOG_LEVEL: nastyString, JUCHU_CLOCK_URL: nastyString, JUCHU_TRUST_PROXY: nastyString }, { requiredKeys: [] }),
        (env) => {
          inputsTried++;
          try {
            const config = loadConfig(env);
            expect(config.port).toBeGreaterThanOrEqual(1);
            expect(config.port).toBeLessThanOrEqual(65_535);
          } catch (err) {
            expect(err).toBeInstanceOf(ConfigError);
          }
        },
      ),
      { numRuns: FUZZ_RUNS * 10 },
    );
  });
});

/**
 * Room for `runs` requests on a busy machine. A property cut off by its timeout would keep
 * sending requests into the next test and spoil its before/after comparison.
 */
function timeoutFor(runs: number): number {
  return Math.max(30_000, runs * 250);
}

/** Fastify's default limit on one path parameter. */
const MAX_PARAM_LENGTH = 100;

/** Percent-encodes every UTF-8 byte, so even a lone surrogate makes a URL (as a browser's replacement character). */
function path(orderNumber: string): string {
  return [...Buffer.from(orderNumber, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}

/** A digest of every business table, to prove a refused request wrote nothing. */
async function fingerprint(h: Harness): Promise<string> {
  const hash = createHash('sha256');
  for (const table of TABLES) {
    const rows = await h.db.kysely.selectFrom(table).selectAll().execute();
    const ordered = rows.map((r) => JSON.stringify(r)).sort();
    hash.update(`${table}:${ordered.join('\n')}`);
  }
  return hash.digest('hex');
}

/** Every stored amount is a safe non-negative integer or null (未確定); every status is known. */
async function expectSaneOrders(h: Harness): Promise<void> {
  const rows = await h.db.kysely.selectFrom('orders').select(['document', 'request_price']).execute();
  for (const row of rows) {
    if (row.request_price !== null) expect(Number.isSafeInteger(Number(row.request_price))).toBe(true);
    const doc = JSON.parse(row.document) as { packages: { postagePrice: unknown; items: { price: unknown; units: unknown }[] }[] };
    for (const p of doc.packages) {
      for (const it of p.items) {
        expect(Number.isSafeInteger(it.units)).toBe(true);
        expect(it.units as number).toBeGreaterThanOrEqual(0);
      }
    }
  }
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}
