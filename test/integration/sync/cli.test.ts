import { execFile } from 'node:child_process';
import { Store } from '../../../src/store/store.ts';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ShopService } from '../../../src/app/shop-service.ts';
import { createSecretBox } from '../../../src/ports/secret-box.ts';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/index.ts';
import { openDatabase } from '../../../src/store/database.ts';
import { createTestDatabaseUrl, testEngine } from '../../support/database.ts';
import { STAFF } from './harness.ts';

const run = promisify(execFile);
const SECRET = 'cli-test-secret-000000001';

// Each case starts `juchu` as a process (a few seconds each on a busy machine).
describe(`juchu sync / import from the command line (${testEngine})`, { timeout: 120_000 }, () => {
  let sandbox: RunningSandbox;
  let drop: () => Promise<void>;
  afterEach(async () => {
    await sandbox?.close();
    await drop?.();
  });

  async function setUp(): Promise<{ env: NodeJS.ProcessEnv; licenseKey: string }> {
    sandbox = await startSandbox({ port: 0, seed: 9, clock: 'running' });
    const rmsShop = sandbox.createShop({});
    const database = await createTestDatabaseUrl();
    drop = database.drop;
    const db = await openDatabase(database.url);
    const box = createSecretBox(SECRET);
    await new ShopService({ store: Store.open(db), clock: { now: () => new Date() }, secrets: () => box }).add(
      { code: 'cli', name: 'CLI店', serviceSecret: rmsShop.serviceSecret, licenseKey: rmsShop.licenses[0]!.licenseKey, rmsUrl: sandbox.url, rateLimitPerSecond: 0 },
      STAFF,
    );
    await db.close();
    return { env: { ...process.env, JUCHU_DATABASE_URL: database.url, JUCHU_SECRET: SECRET, JUCHU_LOG_LEVEL: 'warn' }, licenseKey: rmsShop.licenses[0]!.licenseKey };
  }

  it('sync --once --json prints one JSON summary and exits 0 when nothing failed', async () => {
    const { env, licenseKey } = await setUp();
    const numbers = sandbox.generateOrders({ licenseKey, scenario: 'card_ok', count: 3 });
    const { stdout } = await run('node', ['bin/juchu.js', 'sync', '--once', '--shop', 'cli', '--json'], { env });
    const summary = JSON.parse(stdout) as { outcome: string; imported: number; shops: { shopCode: string }[] };
    expect(summary.outcome).toBe('succeeded');
    expect(summary.imported).toBe(numbers.length);
    expect(summary.shops.map((s) => s.shopCode)).toEqual(['cli']);
  });

  it('import --since loads older orders and sync without --once is refused with exit code 2', async () => {
    const { env, licenseKey } = await setUp();
    sandbox.generateOrders({ licenseKey, scenario: 'card_ok', count: 5, spreadDays: 40 });
    const since = new Date(Date.now() - 45 * 86_400_000).toISOString().slice(0, 10);
    const { stdout } = await run('node', ['bin/juchu.js', 'import', '--since', since, '--json'], { env });
    expect(JSON.parse(stdout)).toMatchObject({ outcome: 'succeeded', imported: 5 });

    const refused = await run('node', ['bin/juchu.js', 'sync'], { env }).catch((e: { code: number; stderr: string }) => e);
    expect(refused).toMatchObject({ code: 2 });
    expect((refused as { stderr: string }).stderr).toContain('--once');
  });
});
