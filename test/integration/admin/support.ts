import pino from 'pino';
import { startSandbox } from '../../../src/sandbox/index.ts';
import type { RunningSandbox } from '../../../src/sandbox/index.ts';
import { runSyncCycle } from '../../../src/sync/index.ts';
import type { SyncDeps } from '../../../src/sync/index.ts';
import { bearer, createWorld, logIn } from '../server/support.ts';
import type { Client, World } from '../server/support.ts';

export const PUBLIC_URL = 'https://juchu.example.jp';
const START = new Date('2026-11-02T01:00:00Z');

/** The server world with an RMS sandbox over real HTTP (for connection tests) and sync on demand. */
export interface AdminWorld extends World {
  readonly rms: RunningSandbox;
  readonly syncDeps: SyncDeps;
  /** Sessions and a token for the permission matrix: admin, staff of shop-a, staff of shop-b, viewer, a staff token for shop-a. */
  readonly as: { admin: Client; staffA: Client; staffB: Client; viewer: Client; token: Client };
  /** A sandbox shop juchu is not connected to, with `orders` orders in it. */
  spareShop(orders: number): { serviceSecret: string; licenseKey: string };
}

export async function createAdminWorld(): Promise<AdminWorld> {
  const rms = await startSandbox({ port: 0, seed: 5, clock: 'frozen', startAt: START });
  // The server runs the first import as `juchu serve` does; the world's database and clock are known only once it exists.
  const deps: { sync?: SyncDeps } = {};
  const w = await createWorld({ publicUrl: PUBLIC_URL, runSync: (scope) => runSyncCycle(deps.sync!, { trigger: 'api', ...scope }) });
  const syncDeps = w.app.syncDeps(pino({ level: 'silent' }), { options: { retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, maintenanceBaseDelayMs: 0 } } });
  deps.sync = syncDeps;
  await w.addShop('shop-a');
  await w.addShop('shop-b');
  await w.addUser('admin@example.jp', 'admin');
  await w.addUser('staff.a@example.jp', 'staff', ['shop-a']);
  await w.addUser('staff.b@example.jp', 'staff', ['shop-b']);
  await w.addUser('viewer@example.jp', 'viewer', ['shop-a', 'shop-b']);
  const { token } = await w.app.tokens.create({ name: 'script', role: 'staff', shopCodes: ['shop-a'] }, { kind: 'system', name: 'test' });
  const as = {
    admin: await logIn(w.server, 'admin@example.jp'),
    staffA: await logIn(w.server, 'staff.a@example.jp'),
    staffB: await logIn(w.server, 'staff.b@example.jp'),
    viewer: await logIn(w.server, 'viewer@example.jp'),
    token: bearer(w.server, token),
  };
  return {
    ...w,
    rms,
    syncDeps,
    as,
    spareShop: (orders) => {
      const shop = rms.createShop({ name: 'spare' });
      const licenseKey = shop.licenses.at(-1)!.licenseKey;
      if (orders > 0) rms.generateOrders({ licenseKey, count: orders, scenario: 'card_ok', spreadDays: 10 });
      return { serviceSecret: shop.serviceSecret, licenseKey };
    },
    close: async () => {
      await w.close();
      await rms.close();
    },
  };
}
