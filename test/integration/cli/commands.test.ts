import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabaseUrl, testEngine } from '../../support/database.ts';

const JUCHU = fileURLToPath(new URL('../../../bin/juchu.js', import.meta.url));
const SECRET = 'a cli test secret, long enough';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let database: { url: string; drop(): Promise<void> };

beforeAll(async () => {
  database = await createTestDatabaseUrl();
});
afterAll(() => database.drop());

function juchu(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [JUCHU, ...args],
      { env: { ...process.env, JUCHU_DATABASE_URL: database.url, JUCHU_SECRET: SECRET, ...env }, timeout: 180_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** A refused argument: exit 2 and exactly one line on stderr that names it. */
function expectArgumentError(run: Run, argument: string) {
  expect(run.code).toBe(2);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).toContain(argument);
}

// The commands build on each other (shop → user), so they run in order against one database.
describe(`juchu CLI on ${testEngine}`, { timeout: 600_000 }, () => {
  it('migrate applies the migrations, then finds nothing to do', async () => {
    const first = await juchu(['migrate']);
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toContain(`${testEngine}: `);
    const again = await juchu(['migrate']);
    expect(again.stdout).toContain('nothing to apply');
  });

  it('shop add registers a shop and shop list shows it with its license-key expiry', async () => {
    const added = await juchu([
      'shop', 'add', '--code', 'tea-shop', '--name', 'お茶の店', '--service-secret', 'SP1', '--license-key', 'SL1',
      '--rms-url', 'http://127.0.0.1:8081', '--rate-limit', '0', '--license-expires', '2020-01-10',
    ]);
    expect(added).toMatchObject({ code: 0, stderr: '' });
    const list = await juchu(['shop', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/tea-shop\s+お茶の店\s+off\s+unlimited\s+2020-01-10 EXPIRED/);
  });

  it('user add creates a staff account for a shop; token create prints the token alone on the last line', async () => {
    const user = await juchu(['user', 'add', '--email', 'hanako@example.jp', '--password', 'correct horse', '--role', 'staff', '--shop', 'tea-shop']);
    expect(user).toMatchObject({ code: 0 });
    expect(user.stdout).toContain('hanako@example.jp');
    const token = await juchu(['token', 'create', '--name', 'ci', '--role', 'viewer']);
    expect(token.code).toBe(0);
    expect(token.stdout.trimEnd().split('\n').at(-1)).toMatch(/^juchu_[A-Za-z0-9_-]{40,}$/);
  });

  it('refuses bad arguments with one line naming the argument and exit code 2', async () => {
    const cases: [args: string[], named: string][] = [
      [['shop', 'add', '--name', 'x', '--service-secret', 's', '--license-key', 'k'], '--code'],
      [['shop', 'add', '--code', 'x', '--name', 'x', '--service-secret', 's', '--license-key', 'k', '--rate-limit', 'fast'], '--rate-limit'],
      [['shop', 'add', '--code', 'bad code', '--name', 'x', '--service-secret', 's', '--license-key', 'k'], '--code'],
      [['user', 'add', '--email', 'a@example.jp', '--password', 'correct horse', '--role', 'boss'], '--role'],
      [['user', 'add', '--email', 'b@example.jp', '--password', 'correct horse', '--role', 'staff', '--shop', 'nope'], '--shop'],
      [['token', 'create', '--role', 'viewer'], '--name'],
    ];
    // Two at a time: each run loads the whole program, and CI machines are small.
    for (let i = 0; i < cases.length; i += 2) {
      const pair = cases.slice(i, i + 2);
      const runs = await Promise.all(pair.map(([args]) => juchu(args)));
      runs.forEach((run, j) => expectArgumentError(run, pair[j]![1]));
    }
  });

  it('refuses a missing JUCHU_SECRET or a bad JUCHU_DATABASE_URL with one line and exit code 2', async () => {
    const [noSecret, badUrl] = await Promise.all([
      juchu(['shop', 'add', '--code', 'x', '--name', 'x', '--service-secret', 's', '--license-key', 'k'], { JUCHU_SECRET: '' }),
      juchu(['migrate'], { JUCHU_DATABASE_URL: 'mysql://nope' }),
    ]);
    expectArgumentError(noSecret, 'JUCHU_SECRET');
    expectArgumentError(badUrl, 'JUCHU_DATABASE_URL');
  });
});
