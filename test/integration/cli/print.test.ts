import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/composition/compose.ts';
import { ManualClock } from '../../../src/ports/clock.ts';
import { randomIds } from '../../../src/ports/ids.ts';
import { argon2idHasher } from '../../../src/ports/password-hasher.ts';
import { createSecretBox } from '../../../src/ports/secret-box.ts';
import { Sandbox } from '../../../src/sandbox/index.ts';
import { migrate, openDatabase } from '../../../src/store/database.ts';
import type { Database } from '../../../src/store/database.ts';
import { createTestDatabaseUrl, testEngine } from '../../support/database.ts';
import { storeSandboxOrders } from '../server/support.ts';
import { Store } from '../../../src/store/store.ts';

const JUCHU = fileURLToPath(new URL('../../../bin/juchu.js', import.meta.url));
const SECRET = 'a cli test secret, long enough';
const NOW = new Date('2026-11-02T01:00:00Z');

let database: { url: string; drop(): Promise<void> };
let db: Database;
let dir: string;
let open: string[];
let cancelled: string[];

function juchu(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [JUCHU, ...args], { env: { ...process.env, JUCHU_DATABASE_URL: database.url, JUCHU_SECRET: SECRET }, timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  database = await createTestDatabaseUrl();
  db = await openDatabase(database.url);
  await migrate(db);
  const box = createSecretBox(SECRET);
  const app = createApp(db, { clock: new ManualClock(NOW), ids: randomIds, hasher: argon2idHasher, secrets: () => box });
  const sandbox = new Sandbox({ seed: 5, clock: 'frozen', startAt: NOW });
  const rms = sandbox.createShop({ name: 'tea' });
  const licenseKey = rms.licenses.at(-1)!.licenseKey;
  await app.shops.add({ code: 'tea', name: 'お茶の店', serviceSecret: rms.serviceSecret, licenseKey, rmsUrl: 'http://127.0.0.1:1', autoConfirm: false }, { kind: 'system', name: 'test' });
  open = await storeSandboxOrders(db, sandbox, { shopCode: 'tea', licenseKey, now: NOW, count: 3, progress: 300 });
  cancelled = await storeSandboxOrders(db, sandbox, { shopCode: 'tea', licenseKey, now: NOW, count: 1, progress: 900 });
  dir = mkdtempSync(join(tmpdir(), 'juchu-print-'));
});

afterAll(async () => {
  await db.close();
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe(`juchu print on ${testEngine}`, { timeout: 300_000 }, () => {
  it('prints the 新規受付 slips into a file and records them as printed', async () => {
    const out = join(dir, 'slips.pdf');
    const run = await juchu(['print', 'slips', '--shop', 'tea', '--status', 'new', '--out', out]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('3 orders');
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    const states = await Store.open(db).paperwork.states(open);
    expect(open.map((n) => [states.get(n)?.printCount, states.get(n)?.printedBy])).toEqual(open.map(() => [1, 'cli']));
  });

  it('refuses a selection with a cancelled or unknown order: exit 1, the orders named, no file', async () => {
    const out = join(dir, 'refused.pdf');
    const run = await juchu(['print', 'slips', '--shop', 'tea', '--order', open[0]!, '--order', cancelled[0]!, '--order', '000000-20261102-0000000000', '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(cancelled[0]);
    expect(run.stderr).toContain('000000-20261102-0000000000');
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.part`)).toBe(false);
  });

  it('prints the picking list and the per-order sheets', async () => {
    for (const perOrder of [[], ['--per-order']]) {
      const out = join(dir, `picking${perOrder.length}.pdf`);
      const run = await juchu(['print', 'picking', '--shop', 'tea', ...perOrder, '--out', out]);
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    }
  });

  it('names a bad option with exit 2', async () => {
    const run = await juchu(['print', 'slips', '--shop', 'tea', '--status', 'nope', '--out', join(dir, 'x.pdf')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--status');
  });
});
