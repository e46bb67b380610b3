import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate, openDatabase } from '../../src/store/database.ts';
import type { Database } from '../../src/store/database.ts';

/**
 * A fresh, migrated database for one test: a SQLite file in a temp directory, or, when
 * JUCHU_TEST_DATABASE_URL is set (`npm run test:pg`), a new PostgreSQL database created next
 * to it. `close()` removes it. Parallel test files never share one.
 */
export async function createTestDatabase(): Promise<Database> {
  const baseUrl = process.env.JUCHU_TEST_DATABASE_URL;
  return baseUrl ? createPostgresDatabase() : createSqliteDatabase();
}

/** The engine the suite runs on, for test names. */
export const testEngine: 'sqlite' | 'postgres' = process.env.JUCHU_TEST_DATABASE_URL ? 'postgres' : 'sqlite';

async function createSqliteDatabase(): Promise<Database> {
  const dir = mkdtempSync(join(tmpdir(), 'juchu-test-'));
  const db = await openDatabase(`file:${join(dir, 'juchu.db')}`);
  await migrate(db);
  return {
    ...db,
    close: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A URL for a fresh SQLite or PostgreSQL database, for tests that run the CLI as a subprocess. */
export async function createTestDatabaseUrl(): Promise<{ url: string; drop(): Promise<void> }> {
  const baseUrl = process.env.JUCHU_TEST_DATABASE_URL;
  if (!baseUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'juchu-test-'));
    return { url: `file:${join(dir, 'juchu.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `${process.env.JUCHU_TEST_DATABASE_PREFIX ?? 'juchu_t_'}${randomBytes(6).toString('hex')}`;
  await adminQuery(baseUrl, `CREATE DATABASE ${name}`);
  return { url: withDatabase(baseUrl, name), drop: () => adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function createPostgresDatabase(): Promise<Database> {
  const { url, drop } = await createTestDatabaseUrl();
  const db = await openDatabase(url, { maxConnections: 4 });
  await migrate(db);
  return {
    ...db,
    close: async () => {
      await db.close();
      await drop();
    },
  };
}

function withDatabase(baseUrl: string, name: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function adminQuery(baseUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
