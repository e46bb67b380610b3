import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/composition/compose.ts';
import { SYSTEM_CALLER } from '../../../src/app/caller.ts';
import { saveActionResult } from '../../../src/app/persist-action.ts';
import { applyRmsSnapshot } from '../../../src/domain/actions.ts';
import { randomIds } from '../../../src/ports/ids.ts';
import { argon2idHasher } from '../../../src/ports/password-hasher.ts';
import { createSecretBox } from '../../../src/ports/secret-box.ts';
import { toDomainOrder } from '../../../src/rms/mapping.ts';
import { orderModelSchema } from '../../../src/rms/wire/order-model.ts';
import { Sandbox } from '../../../src/sandbox/index.ts';
import { migrate, openDatabase } from '../../../src/store/database.ts';
import { createTestDatabaseUrl, testEngine } from '../../support/database.ts';
import { decodeRows, encodeRows, PROFILE, trackingNumber } from './support.ts';
import { Store } from '../../../src/store/store.ts';

const JUCHU = fileURLToPath(new URL('../../../bin/juchu.js', import.meta.url));
const SECRET = 'a cli test secret, long enough';
const SYSTEM = { kind: 'system', name: 'test' } as const;

let database: { url: string; drop(): Promise<void> };
let dir: string;
let orders: string[];

function juchu(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [JUCHU, ...args], { env: { ...process.env, JUCHU_DATABASE_URL: database.url, JUCHU_SECRET: SECRET }, timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  database = await createTestDatabaseUrl();
  dir = await mkdtemp(join(tmpdir(), 'juchu-shipping-cli-'));
  const db = await openDatabase(database.url);
  await migrate(db);
  const box = createSecretBox(SECRET);
  const start = new Date('2026-11-02T01:00:00Z');
  const app = createApp(db, { clock: { now: () => start }, ids: randomIds, hasher: argon2idHasher, secrets: () => box });
  const sandbox = new Sandbox({ seed: 11, clock: 'frozen', startAt: start });
  const rms = sandbox.createShop({ autoConfirm: false, name: 'cli-shop' });
  await app.shops.add({ code: 'cli-shop', name: 'CLI店', serviceSecret: rms.serviceSecret, licenseKey: rms.licenses[0]!.licenseKey, rmsUrl: 'http://127.0.0.1:1', autoConfirm: false }, SYSTEM);
  await app.settings.save(SYSTEM_CALLER, 'cli-shop', 'profile', PROFILE, 0, SYSTEM);
  orders = sandbox.generateOrders({ licenseKey: rms.licenses[0]!.licenseKey, count: 2, scenario: 'card_ok' });
  const stored = (await Store.open(db).shops.get('cli-shop'))!;
  await Store.open(db).transaction(async (tx) => {
    for (const n of orders) {
      const snapshot = { ...toDomainOrder(orderModelSchema.parse(sandbox.findOrder(n).model), 'cli-shop'), rmsProgress: 300 as const };
      await saveActionResult(tx, applyRmsSnapshot(null, snapshot, { now: start, actor: SYSTEM, shop: stored.shop }), start, 'insert');
    }
  });
  for (const n of orders) {
    const order = (await app.orders.details(SYSTEM_CALLER, n)).order;
    await app.shipping.setChoice(SYSTEM_CALLER, n, order.packages[0]!.basketId, { profileId: 'sagawa-ehiden', service: null, cool: null, parcels: 1 });
  }
  await app.close();
});
afterAll(() => database.drop());

describe(`juchu labels / tracking on ${testEngine}`, { timeout: 300_000 }, () => {
  it('exports, imports with a refused row (exit 1), then again with nothing new; bad arguments exit 2', async () => {
    const out = join(dir, 'sagawa.csv');
    const exported = await juchu(['labels', 'export', '--shop', 'cli-shop', '--carrier', 'sagawa-ehiden', '--status', 'new', '--out', out]);
    expect(exported.stdout).toContain('2 送付先, 2 rows');
    expect(exported.code).toBe(0);
    const [heading, ...rows] = decodeRows(await readFile(out));
    expect(rows).toHaveLength(2);
    const col = heading!.indexOf('お問い合せ送り状No.');
    const tracking = join(dir, 'tracking.csv');
    const bad = trackingNumber(2).slice(0, 11) + String((Number(trackingNumber(2)[11]) + 1) % 7);
    await writeFile(tracking, encodeRows([heading!, ...rows.map((r, i) => r.map((c, j) => (j === col ? (i === 0 ? trackingNumber(1) : bad) : c)))]));

    const dry = await juchu(['tracking', 'import', tracking, '--dry-run']);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toContain('1 to register, 0 already registered, 1 refused');
    expect(dry.stdout).toMatch(/\tCHECK_DIGIT: /);

    const real = await juchu(['tracking', 'import', tracking, '--carrier', 'sagawa-ehiden']);
    expect(real.code).toBe(1);
    expect(real.stdout).toContain('registered 1 parcels on 1 orders');
    const okOnly = join(dir, 'ok.csv');
    await writeFile(okOnly, encodeRows([heading!, rows[0]!.map((c, j) => (j === col ? trackingNumber(1) : c))]));
    const again = await juchu(['tracking', 'import', okOnly]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('registered 0 parcels on 0 orders; 1 already registered');

    const wrong = await juchu(['tracking', 'import', okOnly, '--carrier', 'yamato-b2']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('FILE_WRONG_CARRIER');
    expect((await juchu(['labels', 'export', '--shop', 'cli-shop', '--carrier', 'dhl', '--out', out])).code).toBe(2);
    expect((await juchu(['tracking', 'import', join(dir, 'missing.csv')])).code).toBe(2);
  });

  it('exports with a filter saved on the 出荷作業 page; options given override it; an unknown filter or no carrier exits 2', async () => {
    const db = await openDatabase(database.url);
    const app = createApp(db, { clock: { now: () => new Date() }, ids: randomIds, hasher: argon2idHasher, secrets: () => createSecretBox(SECRET) });
    // Already exported, whether shipped meanwhile or not: both 送付先 of the first test.
    await app.shipping.filters.create(SYSTEM_CALLER, { name: '佐川 再出力', shopCode: 'cli-shop', selection: { carrier: 'sagawa-ehiden', statuses: ['new', 'shipped'], exported: 'yes', shipByDays: null } }, SYSTEM);
    await app.close();
    const out = join(dir, 'filtered.csv');
    const saved = await juchu(['labels', 'export', '--shop', 'cli-shop', '--filter', '佐川 再出力', '--out', out]);
    expect(saved.stdout).toContain('2 送付先, 2 rows');
    expect(decodeRows(await readFile(out))[0]).toContain('お問い合せ送り状No.');
    const overridden = await juchu(['labels', 'export', '--shop', 'cli-shop', '--filter', '佐川 再出力', '--exported', 'no', '--out', out]);
    expect(overridden.stdout).toContain('0 送付先, 0 rows');
    const unknown = await juchu(['labels', 'export', '--shop', 'cli-shop', '--filter', 'なし', '--out', out]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no saved filter');
    expect((await juchu(['labels', 'export', '--shop', 'cli-shop', '--out', out])).code).toBe(2);
  });
});
