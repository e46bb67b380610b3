import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { App, AppPorts } from '../../../src/composition/compose.ts';
import { saveActionResult } from '../../../src/app/persist-action.ts';
import { applyRmsSnapshot } from '../../../src/domain/actions.ts';
import type { Actor } from '../../../src/domain/history.ts';
import type { RmsProgress } from '../../../src/domain/status.ts';
import { ManualClock } from '../../../src/ports/clock.ts';
import { toDomainOrder } from '../../../src/rms/mapping.ts';
import { orderModelSchema } from '../../../src/rms/wire/order-model.ts';
import { Sandbox } from '../../../src/sandbox/index.ts';
import type { Scenario } from '../../../src/sandbox/index.ts';
import { buildServer } from '../../../src/server/app.ts';
import type { ServerDeps } from '../../../src/server/app.ts';
import type { Database } from '../../../src/store/database.ts';
import { createTestApp } from '../../support/app.ts';
import { Store } from '../../../src/store/store.ts';

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

export async function createWorld(deps: Partial<ServerDeps> = {}, ports: Pick<Partial<AppPorts>, 'connectionTester'> = {}): Promise<World> {
  const clock = new ManualClock(START);
  const sandbox = new Sandbox({ seed: 11, clock: 'frozen', startAt: START });
  const app = await createTestApp(clock, { secret: SECRET, ...(ports.connectionTester && { connectionTester: ports.connectionTester }) });
  const db = app.db;
  const server = await buildServer({ app, logger: false, secret: SECRET, webRoot: '/nonexistent', ...deps });
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
  const stored = (await Store.open(db).shops.get(opts.shopCode))!;
  await Store.open(db).transaction(async (tx) => {
    for (const orderNumber of numbers) {
      const model = orderModelSchema.parse(sandbox.findOrder(orderNumber).model);
      const snapshot = toDomainOrder(model, opts.shopCode);
      // Where RMS would have moved the order by now (e.g. 300 発送待ち after payment).
      const moved = opts.progress === undefined ? snapshot : { ...snapshot, rmsProgress: opts.progress };
      const result = applyRmsSnapshot(null, moved, { now: opts.now, actor: SETUP, shop: stored.shop });
      await saveActionResult(tx, result, opts.now, 'insert');
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

/**
 * The world most per-shop access tests need: shops `shop-a` and `shop-b`, a staff member of
 * each, and a viewer of `shop-a`, all logged in.
 */
export interface TwoShops {
  readonly w: World;
  readonly staffA: Client;
  readonly staffB: Client;
  readonly viewer: Client;
}

export async function createTwoShopWorld(): Promise<TwoShops> {
  const w = await createWorld();
  await w.addShop('shop-a');
  await w.addShop('shop-b');
  await w.addUser('staff-a@example.jp', 'staff', ['shop-a']);
  await w.addUser('staff-b@example.jp', 'staff', ['shop-b']);
  await w.addUser('viewer@example.jp', 'viewer', ['shop-a']);
  const [staffA, staffB, viewer] = await Promise.all([logIn(w.server, 'staff-a@example.jp'), logIn(w.server, 'staff-b@example.jp'), logIn(w.server, 'viewer@example.jp')]);
  return { w, staffA, staffB, viewer };
}
