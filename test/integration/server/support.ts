import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createApp } from '../../../src/app/app.ts';
import type { App } from '../../../src/app/app.ts';
import { persistActionResult } from '../../../src/app/persist-action.ts';
import { applyRmsSnapshot } from '../../../src/domain/actions.ts';
import type { Actor } from '../../../src/domain/history.ts';
import type { RmsProgress } from '../../../src/domain/status.ts';
import { ManualClock } from '../../../src/ports/clock.ts';
import { randomIds } from '../../../src/ports/ids.ts';
import { argon2idHasher } from '../../../src/ports/password-hasher.ts';
import { createSecretBox } from '../../../src/ports/secret-box.ts';
import { toDomainOrder } from '../../../src/rms/mapping.ts';
import { orderModelSchema } from '../../../src/rms/wire/order-model.ts';
import { Sandbox } from '../../../src/sandbox/index.ts';
import type { Scenario } from '../../../src/sandbox/index.ts';
import { buildServer } from '../../../src/server/app.ts';
import type { ServerDeps } from '../../../src/server/app.ts';
import type { Database } from '../../../src/store/database.ts';
import { ShopRepository } from '../../../src/store/shop-repository.ts';
import { createTestDatabase } from '../../support/database.ts';

export const SECRET = 'server-test-secret-0123456789abcdef';
export const PASSWORD = 'a long enough password';
const SETUP: Actor = { kind: 'system', name: 'test' };
const START = new Date('2026-11-02T01:00:00Z');

/**
 * One test's world: a fresh database (SQLite, or PostgreSQL under test:pg), the services on a
 * manual clock, an in-memory sandbox that makes realistic orders, and the server on top.
 */
export interface World {
  readonly db: Database;
  readonly clock: ManualClock;
  readonly app: App;
  readonly server: FastifyInstance;
  addShop(code: string, opts?: { autoConfirm?: boolean }): Promise<{ code: string; licenseKey: string }>;
  addUser(email: string, role: 'admin' | 'staff' | 'viewer', shopCodes?: string[]): Promise<void>;
  /** Orders placed in the sandbox and imported as the sync worker would. */
  addOrders(shopCode: string, opts?: { count?: number; scenario?: Scenario; progress?: RmsProgress }): Promise<string[]>;
  close(): Promise<void>;
}

export async function createWorld(deps: Partial<ServerDeps> = {}): Promise<World> {
  const db = await createTestDatabase();
  const clock = new ManualClock(START);
  const sandbox = new Sandbox({ seed: 11, clock: 'frozen', startAt: START });
  const box = createSecretBox(SECRET);
  const app = createApp(db, { clock, ids: randomIds, hasher: argon2idHasher, secrets: () => box });
  const server = await buildServer({ db, clock, logger: false, secret: SECRET, webRoot: '/nonexistent', ...deps });
  await server.ready();
  const licenses = new Map<string, string>();

  return {
    db,
    clock,
    app,
    server,
    addShop: async (code, opts = {}) => {
      const rms = sandbox.createShop({ autoConfirm: opts.autoConfirm ?? false, name: code });
      const licenseKey = rms.licenses.at(-1)!.licenseKey;
      await app.shops.add({ code, name: `${code}店`, serviceSecret: rms.serviceSecret, licenseKey, rmsUrl: 'http://127.0.0.1:1', autoConfirm: opts.autoConfirm ?? false }, SETUP);
      licenses.set(code, licenseKey);
      return { code, licenseKey };
    },
    addUser: async (email, role, shopCodes = []) => {
      await app.users.add({ email, password: PASSWORD, role, shopCodes }, SETUP);
    },
    addOrders: (shopCode, opts = {}) => storeSandboxOrders(db, sandbox, { shopCode, licenseKey: licenses.get(shopCode)!, now: clock.now(), ...opts }),
    close: async () => {
      await server.close();
      await db.close();
    },
  };
}

/** Orders placed in `sandbox` and stored as the sync worker's import would store them. */
export async function storeSandboxOrders(
  db: Database,
  sandbox: Sandbox,
  opts: { shopCode: string; licenseKey: string; now: Date; count?: number; scenario?: Scenario; progress?: RmsProgress },
): Promise<string[]> {
  const numbers = sandbox.generateOrders({ licenseKey: opts.licenseKey, count: opts.count ?? 1, scenario: opts.scenario ?? 'card_ok' });
  const stored = (await new ShopRepository(db.kysely).get(opts.shopCode))!;
  await db.transaction(async (tx) => {
    for (const orderNumber of numbers) {
      const model = orderModelSchema.parse(sandbox.findOrder(orderNumber).model);
      const snapshot = toDomainOrder(model, opts.shopCode);
      // Where RMS would have moved the order by now (e.g. 300 発送待ち after payment).
      const moved = opts.progress === undefined ? snapshot : { ...snapshot, rmsProgress: opts.progress };
      const result = applyRmsSnapshot(null, moved, { now: opts.now, actor: SETUP, shop: stored.shop });
      await persistActionResult(tx, db.dialect, result, opts.now, 'insert');
    }
  });
  return numbers;
}

/** Someone calling the API: a browser session, an API token, or nobody. */
export interface Client {
  call(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  readonly cookie: string | null;
  readonly csrfToken: string | null;
}

export function anonymous(server: FastifyInstance): Client {
  return client(server, {}, null, null);
}

export function bearer(server: FastifyInstance, token: string): Client {
  return client(server, { authorization: `Bearer ${token}` }, null, null);
}

export async function logIn(server: FastifyInstance, email: string, password = PASSWORD, headers: Record<string, string> = {}): Promise<Client> {
  const res = await server.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, headers });
  if (res.statusCode !== 200) throw new Error(`login ${email}: ${res.statusCode} ${res.body}`);
  const cookie = sessionCookie(res);
  if (!cookie) throw new Error('no session cookie');
  return client(server, { cookie }, cookie, (res.json() as { csrfToken: string }).csrfToken);
}

export function sessionCookie(res: LightMyRequestResponse): string | null {
  const set = res.cookies.find((c) => c.name === 'juchu_session');
  return set ? `${set.name}=${set.value}` : null;
}

function client(server: FastifyInstance, base: Record<string, string>, cookie: string | null, csrfToken: string | null): Client {
  return {
    cookie,
    csrfToken,
    call: (method, url, body, headers = {}) =>
      server.inject({
        method: method as 'GET',
        url,
        headers: { ...base, ...(csrfToken && method !== 'GET' ? { 'x-csrf-token': csrfToken } : {}), ...headers },
        ...(body === undefined ? {} : { payload: body as object }),
      }),
  };
}

export function errorCode(res: LightMyRequestResponse): string | undefined {
  return (res.json() as { error?: { code?: string } }).error?.code;
}
