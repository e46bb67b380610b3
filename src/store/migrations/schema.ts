import { PostgresAdapter, sql } from 'kysely';
import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from 'kysely';

/**
 * What a migration needs to write one schema for both engines. Everything else (text, integer,
 * indexes, foreign keys) is spelt the same way on SQLite and PostgreSQL.
 */
export interface NamedMigration {
  readonly name: string;
  up(db: Kysely<unknown>): Promise<void>;
}

export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** An integer primary key the database numbers itself (serial / INTEGER PRIMARY KEY). */
export function withAutoId<T extends string, C extends string>(
  db: Kysely<unknown>,
  table: CreateTableBuilder<T, C>,
): CreateTableBuilder<T, C | 'id'> {
  return isPostgres(db)
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/**
 * Text compared byte by byte on both engines, so keyset cursors and prefix ranges
 * (`col >= q AND col < q || '\uffff'`) mean the same on SQLite (BINARY) and PostgreSQL
 * whatever the database's locale.
 */
export function bytewise(db: Kysely<unknown>): (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  return (c) => (isPostgres(db) ? c.modifyFront(sql`collate "C"`) : c);
}
