import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/composition/compose.ts';
import { ManualClock } from '../../../src/ports/clock.ts';
import { randomIds } from '../../../src/ports/ids.ts';
import { argon2idHasher } from '../../../src/ports/password-hasher.ts';
import { createSecretBox } from '../../../src/ports/secret-box.ts';
import { migrate, openDatabase } from '../../../src/store/database.ts';
import type { Database } from '../../../src/store/database.ts';

// The embedded engine's own guarantees. These need nothing but Node, so they run in both
// `npm test` and `npm run test:pg`.
let dir: string;
let db: Database;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'juchu-sqlite-'));
  db = await openDatabase(`file:${join(dir, 'nested', 'juchu.db')}`);
  await migrate(db);
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function pragma(name: string): Promise<unknown> {
  const { rows } = await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(db.kysely);
  return Object.values(rows[0]!)[0];
}

describe('SQLite file', () => {
  it('is created with its directory and opened in WAL mode, synchronous=FULL, foreign keys on and a busy timeout', async () => {
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('synchronous')).toBe(2);
    expect(await pragma('foreign_keys')).toBe(1);
    expect(await pragma('busy_timeout')).toBeGreaterThanOrEqual(5000);
  });

  it('applies migrations once', async () => {
    expect(await migrate(db)).toEqual([]);
  });

  it('never holds a raw RMS credential in any of its files', async () => {
    const secret = 'SP338063_a-very-recognisable-service-secret';
    const app = createApp(db, {
      clock: new ManualClock(new Date('2026-11-21T00:00:00Z')),
      ids: randomIds,
      hasher: argon2idHasher,
      secrets: () => createSecretBox('a test secret of enough length'),
    });
    await app.shops.add({ code: 'tea-shop', name: 'お茶の店', serviceSecret: secret, licenseKey: `${secret}-key` }, { kind: 'system', name: 'test' });
    const folder = join(dir, 'nested');
    const files = readdirSync(folder);
    expect(files.some((f) => f.endsWith('-wal'))).toBe(true);
    for (const file of files) expect(readFileSync(join(folder, file)).includes(Buffer.from(secret))).toBe(false);
  });

  it('starts transactions with BEGIN IMMEDIATE, so a second process waits instead of failing mid-transaction', async () => {
    const other = await openDatabase(`file:${join(dir, 'nested', 'juchu.db')}`, { busyTimeoutMs: 50 });
    try {
      // While another connection is inside a write transaction, this one cannot even begin.
      await db.transaction(async () => {
        await expect(other.transaction(async () => undefined)).rejects.toThrow(/locked|busy/i);
      });
      await expect(other.transaction(async () => 'ran')).resolves.toBe('ran');
    } finally {
      await other.close();
    }
  });
});
