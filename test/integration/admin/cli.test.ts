import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../src/sandbox/index.ts';
import type { RunningSandbox } from '../../../src/sandbox/index.ts';
import { createTestDatabaseUrl, testEngine } from '../../support/database.ts';

const JUCHU = fileURLToPath(new URL('../../../bin/juchu.js', import.meta.url));
const SECRET = 'an admin cli test secret, long enough';

let database: { url: string; drop(): Promise<void> };
let rms: RunningSandbox;

beforeAll(async () => {
  database = await createTestDatabaseUrl();
  rms = await startSandbox({ port: 0, seed: 3, clock: 'running' });
});
afterAll(async () => {
  await rms.close();
  await database.drop();
});

function juchu(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [JUCHU, ...args], { env: { ...process.env, JUCHU_DATABASE_URL: database.url, JUCHU_SECRET: SECRET, JUCHU_LOG_LEVEL: 'silent', ...env }, timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

// The commands build on each other (shop → import → update → tokens), so they run in order against one database.
describe(`juchu shop update/status, token list/revoke, serve's setup link (${testEngine})`, { timeout: 300_000 }, () => {
  it('serve prints a one-time setup link from JUCHU_PUBLIC_URL while there is no admin', async () => {
    const child = spawn(process.execPath, [JUCHU, 'serve', '--port', '0', '--no-worker'], {
      env: { ...process.env, JUCHU_DATABASE_URL: database.url, JUCHU_SECRET: SECRET, JUCHU_LOG_LEVEL: 'silent', JUCHU_PUBLIC_URL: 'https://oms.example.jp/' },
    });
    let out = '';
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no setup link in: ${out}`)), 60_000);
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (/\/setup\/\S+\n/.test(out)) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
    } finally {
      child.kill('SIGTERM');
    }
    expect(out).toContain('管理者がまだいません');
    expect(out).toMatch(/ {2}https:\/\/oms\.example\.jp\/setup\/juchu_[A-Za-z0-9_-]{40,}\n/);
  });

  it('shop status follows the first import from waiting to finished', async () => {
    const shop = rms.createShop({ name: 'cli' });
    const licenseKey = shop.licenses.at(-1)!.licenseKey;
    rms.generateOrders({ licenseKey, count: 120, scenario: 'card_ok', spreadDays: 5 });
    const added = await juchu(['shop', 'add', '--code', 'cli-shop', '--name', 'CLI店', '--service-secret', shop.serviceSecret, '--license-key', licenseKey, '--rms-url', rms.url, '--rate-limit', '0']);
    expect(added.code, added.stderr).toBe(0);
    expect((await juchu(['shop', 'status'])).stdout).toMatch(/^cli-shop: waiting for the sync worker; found 0, imported 0, elapsed \d+ s, left unknown\n$/);
    expect((await juchu(['sync', '--once', '--shop', 'cli-shop'])).code).toBe(0);
    const status = await juchu(['shop', 'status', '--shop', 'cli-shop', '--follow']);
    expect(status.stdout).toMatch(/^cli-shop: finished; found 120, imported 120, elapsed \d+ s, left 0 s\n$/);
  });

  it('shop update changes 自動注文確認 and the rate limit, and replaces the license key only after RMS accepts it', async () => {
    const update = await juchu(['shop', 'update', 'cli-shop', '--auto-confirm', 'on', '--rate-limit', '2']);
    expect(update).toMatchObject({ code: 0, stdout: 'shop cli-shop updated\n' });
    expect((await juchu(['shop', 'list'])).stdout).toMatch(/cli-shop\s+CLI店\s+on\s+2\/s/);
    const wrong = await juchu(['shop', 'update', 'cli-shop', '--license-key', 'SLtypo']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('RMS refused');
    const nothing = await juchu(['shop', 'update', 'cli-shop']);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('nothing to change');
    const badSwitch = await juchu(['shop', 'update', 'cli-shop', '--auto-confirm', 'maybe']);
    expect(badSwitch.code).toBe(2);
    expect(badSwitch.stderr).toContain('--auto-confirm');
  });

  it('token create takes shops; token list shows it without the secret; token revoke ends it', async () => {
    const created = await juchu(['token', 'create', '--name', 'picking', '--role', 'staff', '--shop', 'cli-shop']);
    expect(created.code, created.stderr).toBe(0);
    const secret = created.stdout.trimEnd().split('\n').at(-1)!;
    const list = await juchu(['token', 'list']);
    expect(list.stdout).toMatch(/picking\s+staff\s+cli-shop\s+cli\s/);
    expect(list.stdout).not.toContain(secret);
    const id = list.stdout.split('\n')[1]!.split(/\s+/)[0]!;
    expect(await juchu(['token', 'revoke', id])).toMatchObject({ code: 0, stdout: 'token "picking" revoked\n' });
    expect((await juchu(['token', 'list'])).stdout).toMatch(/picking.*\d{4}-\d{2}-\d{2} \d{2}:\d{2}\s*$/m);
    expect((await juchu(['token', 'revoke', 'no-such-token'])).code).toBe(2);
  });
});
