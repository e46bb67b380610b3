import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { CompiledQuery, Kysely, Migrator, PostgresAdapter, PostgresDialect, SqliteDialect, SqliteDriver, sql } from 'kysely';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import type { DatabaseConnection, Driver, Migration, MigrationProvider } from 'kysely';
import { DatabaseUrlError } from './database-url.ts';
import { migrations } from './migrations/index.ts';
import type { Tables } from './tables.ts';

export type Engine = 'sqlite' | 'postgres';

/** The SQL dialect a Kysely instance (or a transaction of it) speaks, read from its adapter. */
export function engineOf(db: Kysely<Tables>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

export interface Database {
  readonly kysely: Kysely<Tables>;
  readonly dialect: Engine;
  /** One unit of work. On SQLite it starts with BEGIN IMMEDIATE, so writers queue on the busy timeout instead of failing mid-transaction. */
  transaction<T>(fn: (tx: Kysely<Tables>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** How long a SQLite writer waits for another process's write lock. */
  readonly busyTimeoutMs?: number;
  /** PostgreSQL pool size. */
  readonly maxConnections?: number;
}

export async function openDatabase(url: string, opts: OpenOptions = {}): Promise<Database> {
  if (url.startsWith('file:')) return openSqlite(url.slice('file:'.length), opts);
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url, opts);
  throw new DatabaseUrlError(url);
}

/** Applies every migration not yet applied, in the order of migrations/index.ts. */
export async function migrate(db: Database): Promise<string[]> {
  const provider: MigrationProvider = {
    getMigrations: async () => Object.fromEntries(migrations.map((m): [string, Migration] => [m.name, m])),
  };
  // Kysely looks for its bookkeeping tables in any schema unless told which; on PostgreSQL
  // that is the connection's current schema, so databases with several juchu schemas work.
  const migrationTableSchema = db.dialect === 'postgres' ? await currentSchema(db) : undefined;
  const migrator = new Migrator({ db: db.kysely, provider, ...(migrationTableSchema && { migrationTableSchema }) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

async function currentSchema(db: Database): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db.kysely);
  const schema = rows[0]?.schema;
  if (!schema) throw new Error('PostgreSQL has no current schema: check search_path');
  return schema;
}

function wrap(kysely: Kysely<Tables>, dialect: Engine): Database {
  const run = <T>(fn: (tx: Kysely<Tables>) => Promise<T>): Promise<T> => kysely.transaction().execute(fn);
  return {
    kysely,
    dialect,
    transaction: dialect === 'postgres' ? (fn) => retryWhenPostgresGivesUp(() => run(fn)) : run,
    close: () => kysely.destroy(),
  };
}

/** deadlock_detected and serialization_failure: PostgreSQL rolled the whole transaction back. */
const PG_RETRYABLE = new Set(['40P01', '40001']);
const PG_ATTEMPTS = 5;

/**
 * Two PostgreSQL transactions may take the same rows in opposite orders — e.g. the status
 * counters, when a sync page moves orders 100→300 while staff move one the other way — and
 * PostgreSQL then aborts one of them. Nothing of it was written, and a unit of work never
 * calls out of the process, so running it again is safe; the jitter lets the two part.
 */
async function retryWhenPostgresGivesUp<T>(attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      const code = (err as { code?: unknown } | null)?.code;
      if (n >= PG_ATTEMPTS || typeof code !== 'string' || !PG_RETRYABLE.has(code)) throw err;
      await new Promise((r) => setTimeout(r, n * 20 + Math.random() * 50));
    }
  }
}

/**
 * Kysely's SQLite driver already funnels every query through one connection behind a mutex;
 * it only starts transactions with a plain BEGIN, which takes the write lock lazily and can
 * then fail with SQLITE_BUSY when another process writes first. BEGIN IMMEDIATE takes it up
 * front, waiting up to busy_timeout.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  private readonly statements: SqliteDatabase;

  constructor(sqlite: BetterSqlite3.Database) {
    const statements = cachingStatements(sqlite);
    super({ database: statements });
    this.statements = statements;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: this.statements });
  }
}

/** Distinct SQL texts whose prepared statements are kept (IN lists of other lengths are other texts). */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query afresh; under the API's load `prepare` was 6.5% of the server's
 * CPU (a profile of list, counts and detail at 20 clients). The statements are kept by their
 * SQL text, the least recently used dropped beyond the bound. Reusing one is safe: the driver
 * runs one query at a time on the connection, and a statement is done with before the next.
 */
function cachingStatements(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      let statement = cache.get(text);
      if (statement) cache.delete(text);
      else statement = sqlite.prepare(text);
      cache.set(text, statement);
      if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      return statement as unknown as SqliteStatement;
    },
  };
}

function openSqlite(path: string, opts: OpenOptions): Database {
  if (path === '') throw new DatabaseUrlError('file:');
  mkdirSync(dirname(path), { recursive: true });
  const sqlite = new BetterSqlite3(path, { timeout: opts.busyTimeoutMs ?? 10_000 });
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  return wrap(new Kysely<Tables>({ dialect: new ImmediateSqliteDialect(sqlite) }), 'sqlite');
}

const PG_INT8 = 20;

/** pg hands int8 (bigint columns, count(*)) over as strings; our counts and ids fit a JS number. */
function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`integer out of range: ${text}`);
  return n;
}

const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === PG_INT8 && format !== 'binary' ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

function openPostgres(url: string, opts: OpenOptions): Database {
  const pool = new pg.Pool({ connectionString: url, max: opts.maxConnections ?? 10, types: pgTypes });
  return wrap(new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) }), 'postgres');
}
