import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pino from 'pino';
import type { Logger } from 'pino';
import { createApp, realPorts } from '../composition/compose.ts';
import type { App } from '../composition/compose.ts';
import type { Actor } from '../domain/history.ts';
import { systemClock, type Clock } from '../ports/clock.ts';
import { startSandbox } from '../sandbox/index.ts';
import type { RunningSandbox } from '../sandbox/index.ts';
import { buildServer } from '../server/app.ts';
import { migrate, openDatabase } from '../store/database.ts';
import { runSyncCycle, startWorker } from '../sync/index.ts';
import { startMailWorker } from '../app/mail/delivery.ts';
import { setUpDemoMail } from './demo-mail.ts';
import { startOrderFeed } from './order-feed.ts';

export interface DemoOptions {
  readonly port?: number;
  readonly sandboxPort?: number;
  /** Port of the sandbox's SMTP relay; 0 (the default) picks a free one. */
  readonly smtpPort?: number;
  readonly dataDir?: string;
  /** `frozen`: time moves only through the sandbox's control API (tests). */
  readonly clock?: 'running' | 'frozen';
  /** New orders every few seconds, in a realistic mix. */
  readonly feedOrders?: boolean;
  readonly logger?: Logger;
}

export interface Login {
  readonly email: string;
  readonly password: string;
}

export interface RunningDemo {
  readonly url: string;
  readonly sandboxUrl: string;
  /** The sandbox's SMTP relay, and the CA file the demo shops trust it through. */
  readonly smtp: { readonly host: string; readonly port: number; readonly caFile: string };
  /** Staff of the first shop (自動注文確認 OFF): the shop where orders wait for confirmation. */
  readonly login: Login;
  readonly adminLogin: Login;
  /** Read-only, both shops. */
  readonly viewerLogin: Login;
  /** Staff of the second shop only (自動注文確認 ON). */
  readonly otherShopLogin: Login;
  readonly shops: readonly DemoShop[];
  /** A sandbox shop with orders that juchu is not connected to yet: for trying 設定 › 店舗の接続. */
  readonly spareShop: SpareShop;
  close(): Promise<void>;
}

export interface SpareShop {
  readonly name: string;
  readonly rmsUrl: string;
  readonly serviceSecret: string;
  readonly licenseKey: string;
  readonly orders: number;
}

export interface DemoShop {
  readonly code: string;
  readonly name: string;
  readonly autoConfirm: boolean;
  readonly licenseKey: string;
}

const SHOPS = [
  { code: 'demo-tokyo', name: 'デモ東京店', autoConfirm: false, staff: 'staff.tokyo@demo.juchu.test' },
  { code: 'demo-osaka', name: 'デモ大阪店', autoConfirm: true, staff: 'staff.osaka@demo.juchu.test' },
] as const;

const DEMO_ACTOR: Actor = { kind: 'system', name: 'デモ' };
/** How often the in-process worker runs a sync cycle, so new orders show up within seconds. */
const SYNC_INTERVAL_MS = 3_000;

/**
 * The whole system in one process: the RMS sandbox, juchu's database, the HTTP server with
 * the web app, the sync worker and (optionally) a stream of new orders. The sandbox keeps its
 * orders in memory, so the demo database starts afresh each time; the session secret stays.
 */
export async function startDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  const dataDir = resolve(options.dataDir ?? './data');
  mkdirSync(dataDir, { recursive: true });
  const secret = demoSecret(dataDir);
  const dbPath = join(dataDir, 'demo.db');
  for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });

  const sandbox = await startSandbox({
    port: options.sandboxPort ?? 8081,
    clock: options.clock ?? 'running',
    smtp: { port: options.smtpPort ?? 0, certificateDir: dataDir },
  });
  // juchu reads the sandbox's clock directly, so moving sandbox time moves both.
  const clock: Clock = { now: () => sandbox.clock.now() };
  const db = await openDatabase(`file:${dbPath}`);
  await migrate(db);
  const app = createApp(db, realPorts(clock, () => secret));

  const shops = await addShops(app, sandbox);
  const spareShop = addSpareShop(sandbox);
  await setUpDemoMail(app, sandbox, shops);
  const logins = await addUsers(app);

  const logger = options.logger;
  const syncDeps = app.syncDeps(logger ?? pino({ level: 'silent' }));
  const server = await buildServer({
    app,
    sessionClock: systemClock,
    logger: logger ?? false,
    secret,
    runSync: (scope) => runSyncCycle(syncDeps, { trigger: 'api', ...scope }),
    demoMailbox: () => sandbox.sandbox.mailbox(),
  });
  await server.listen({ port: options.port ?? 3000, host: '127.0.0.1' });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 3000);

  const worker = startWorker(syncDeps, { intervalMs: SYNC_INTERVAL_MS });
  const mailWorker = startMailWorker({ store: app.store, clock, logger: syncDeps.logger, accounts: app.mailAccounts });
  const feed = options.feedOrders === false ? null : startOrderFeed(sandbox, shops);

  return {
    url: `http://localhost:${port}`,
    sandboxUrl: sandbox.url,
    smtp: { host: sandbox.mail!.host, port: sandbox.mail!.port, caFile: sandbox.mail!.caFile },
    ...logins,
    shops,
    spareShop,
    close: async () => {
      feed?.stop();
      await Promise.all([worker.stop(), mailWorker.stop()]);
      await server.close();
      await sandbox.close();
      await app.close();
    },
  };
}

async function addShops(app: App, sandbox: RunningSandbox): Promise<DemoShop[]> {
  const shops: DemoShop[] = [];
  for (const shop of SHOPS) {
    const rms = sandbox.createShop({ autoConfirm: shop.autoConfirm, name: shop.name });
    const license = rms.licenses.at(-1)!;
    await app.shops.add(
      {
        code: shop.code,
        name: shop.name,
        serviceSecret: rms.serviceSecret,
        licenseKey: license.licenseKey,
        rmsUrl: sandbox.url,
        autoConfirm: shop.autoConfirm,
        // The sandbox is local: no need to pace requests as for Rakuten's 1 per second.
        rateLimitPerSecond: 0,
      },
      DEMO_ACTOR,
    );
    shops.push({ code: shop.code, name: shop.name, autoConfirm: shop.autoConfirm, licenseKey: license.licenseKey });
  }
  return shops;
}

/** Orders the spare shop holds: enough for the first import's progress to be seen moving. */
const SPARE_SHOP_ORDERS = 400;

function addSpareShop(sandbox: RunningSandbox): SpareShop {
  const name = 'デモ名古屋店';
  const rms = sandbox.createShop({ autoConfirm: false, name });
  const licenseKey = rms.licenses.at(-1)!.licenseKey;
  // Within the first import's 30-day look-back.
  sandbox.generateOrders({ licenseKey, count: SPARE_SHOP_ORDERS, scenario: 'mixed', spreadDays: 20 });
  return { name, rmsUrl: sandbox.url, serviceSecret: rms.serviceSecret, licenseKey, orders: SPARE_SHOP_ORDERS };
}

/** Fresh passwords on every start: the demo may listen where others can reach it. */
async function addUsers(app: App): Promise<Pick<RunningDemo, 'login' | 'adminLogin' | 'viewerLogin' | 'otherShopLogin'>> {
  const add = async (email: string, name: string, role: 'admin' | 'staff' | 'viewer', shopCodes: string[]): Promise<Login> => {
    const password = randomBytes(9).toString('base64url');
    await app.users.add({ email, password, role, name, shopCodes }, DEMO_ACTOR);
    return { email, password };
  };
  const [tokyo, osaka] = SHOPS;
  return {
    adminLogin: await add('admin@demo.juchu.test', '管理者', 'admin', []),
    login: await add(tokyo.staff, '東京店スタッフ', 'staff', [tokyo.code]),
    otherShopLogin: await add(osaka.staff, '大阪店スタッフ', 'staff', [osaka.code]),
    viewerLogin: await add('viewer@demo.juchu.test', '閲覧者', 'viewer', [tokyo.code, osaka.code]),
  };
}

/** The demo's JUCHU_SECRET, generated once into the data directory. */
function demoSecret(dataDir: string): string {
  const path = join(dataDir, 'secret');
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(path, `${secret}\n`, { mode: 0o600 });
  return secret;
}
