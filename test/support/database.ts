import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrate, openDatabase } from '../../src/store/database.ts';
import type { Database } from '../../src/store/database.ts';

/**
 * A fresh, migrated database for one test: a SQLite file in a temp directory (a copy of a
 * template migrated once per process), or, when JUCHU_TEST_DATABASE_URL is set
 * (`npm run test:pg`), an empty migrated schema on that server. `close()` gives it up.
 * Parallel test files never share one.
 */
export async function createTestDatabase(): Promise<Database> {
  const { url, drop } = await createTestDatabaseUrl();
  const db = await openDatabase(url, { maxConnections: 4 });
  return {
    ...db,
    close: async () => {
      await db.close();
      await drop();
    },
  };
}

/** The engine the suite runs on, for test names. */
export const testEngine: 'sqlite' | 'postgres' = process.env.JUCHU_TEST_DATABASE_URL ? 'postgres' : 'sqlite';

/** A URL for a fresh migrated database (SQLite or PostgreSQL), e.g. for the CLI run as a subprocess; `drop()` gives it up. */
export async function createTestDatabaseUrl(): Promise<{ url: string; drop(): Promise<void> }> {
  const baseUrl = process.env.JUCHU_TEST_DATABASE_URL;
  return baseUrl ? freshPostgres(baseUrl) : freshSqlite();
}

let sqliteTemplate: Promise<string> | undefined;

async function freshSqlite(): Promise<{ url: string; drop(): Promise<void> }> {
  const template = await (sqliteTemplate ??= migratedSqliteTemplate());
  const dir = mkdtempSync(join(tmpdir(), 'juchu-test-'));
  const file = join(dir, 'juchu.db');
  copyFileSync(template, file);
  return { url: `file:${file}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function migratedSqliteTemplate(): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'juchu-template-')), 'template.db');
  const db = await openDatabase(`file:${file}`);
  await migrate(db);
  // Closing the last connection checkpoints the WAL into the main file, so a plain copy is complete.
  await db.close();
  process.once('exit', () => rmSync(join(file, '..'), { recursive: true, force: true }));
  return file;
}

function prefix(): string {
  return process.env.JUCHU_TEST_DATABASE_PREFIX ?? 'juchu_t_';
}

/**
 * On PostgreSQL a test database is a schema in one migrated database per run: CREATE
 * DATABASE and migrating both cost seconds on a busy disk, so each worker process keeps the
 * schemas its tests have closed and hands them out again emptied, sequences restarted,
 * which leaves them exactly as freshly migrated.
 */
const idleSchemas: string[] = [];
let schemaCount = 0;

async function freshPostgres(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const databaseUrl = withDatabase(baseUrl, await runDatabase(baseUrl));
  const reused = idleSchemas.pop();
  const schema = reused ?? `w${process.pid}_${++schemaCount}`;
  await admin(inSchema(databaseUrl, schema), async (c) => {
    if (reused) {
      // Emptying with DELETE is far cheaper than TRUNCATE for a few rows; replica mode skips
      // the foreign-key triggers so the order of tables does not matter.
      const { tables, sequences } = await (relationsOf[schema] ??= relations(c, schema));
      await c.query('BEGIN');
      await c.query('SET LOCAL session_replication_role = replica');
      for (const name of tables) await c.query(`DELETE FROM ${name}`);
      for (const name of sequences) await c.query('SELECT setval($1, 1, false)', [name]);
      await c.query('COMMIT');
    } else {
      await c.query(`CREATE SCHEMA ${schema}`);
      const db = await openDatabase(inSchema(databaseUrl, schema), { maxConnections: 1 });
      try {
        await migrate(db);
      } finally {
        await db.close();
      }
    }
  });
  return { url: inSchema(databaseUrl, schema), drop: async () => void idleSchemas.push(schema) };
}

const relationsOf: Record<string, Promise<{ tables: string[]; sequences: string[] }>> = {};

async function relations(c: pg.Client, schema: string): Promise<{ tables: string[]; sequences: string[] }> {
  const tables = await c.query<{ name: string }>(
    "SELECT quote_ident(table_name) AS name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'kysely\\_%'",
    [schema],
  );
  const sequences = await c.query<{ name: string }>('SELECT quote_ident(sequence_name) AS name FROM information_schema.sequences WHERE sequence_schema = $1', [schema]);
  return { tables: tables.rows.map((r) => r.name), sequences: sequences.rows.map((r) => r.name) };
}

/** The run's database, created once even when test files start in parallel (an advisory lock orders them). */
let runDatabaseName: Promise<string> | undefined;

function runDatabase(baseUrl: string): Promise<string> {
  return (runDatabaseName ??= admin(baseUrl, async (c) => {
    const name = `${prefix()}db`;
    await c.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    try {
      const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (exists.rowCount === 0) await c.query(`CREATE DATABASE ${name}`);
    } finally {
      await c.query('SELECT pg_advisory_unlock(hashtext($1))', [name]);
    }
    return name;
  }));
}

/** Test sessions skip waiting for the WAL flush: a crash loses nothing a test needs, and every commit would otherwise wait on the disk. */
function inSchema(databaseUrl: string, schema: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema} -c synchronous_commit=off`);
  return url.toString();
}

function withDatabase(baseUrl: string, name: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(baseUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
