import { existsSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { Database } from '../../../src/store/database.ts';

/**
 * Whether `needle` appears anywhere in what the database keeps: on SQLite the raw bytes of the
 * database file and its WAL (so a value that was written and later overwritten still counts);
 * on PostgreSQL the text of every row of every table.
 */
export async function databaseContains(db: Database, needle: string): Promise<boolean> {
  if (db.dialect === 'sqlite') {
    const { rows } = await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(db.kysely);
    const file = rows[0]?.file;
    if (!file) throw new Error('no SQLite file to search');
    const bytes = Buffer.from(needle, 'utf8');
    return [file, `${file}-wal`].some((path) => existsSync(path) && readFileSync(path).includes(bytes));
  }
  const { rows: tables } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db.kysely);
  for (const { table_name } of tables) {
    const { rows } = await sql<{ n: number }>`
      select count(*) as n from ${sql.table(table_name)} t where strpos(row_to_json(t)::text, ${needle}) > 0`.execute(db.kysely);
    if (Number(rows[0]?.n) > 0) return true;
  }
  return false;
}

/** The engine's own consistency check plus juchu's invariants; an empty list means clean. */
export async function integrityProblems(db: Database): Promise<string[]> {
  const problems: string[] = [];
  if (db.dialect === 'sqlite') {
    const { rows } = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db.kysely);
    const { rows: fk } = await sql<Record<string, unknown>>`pragma foreign_key_check`.execute(db.kysely);
    problems.push(...rows.map((r) => r.integrity_check).filter((r) => r !== 'ok'), ...fk.map((r) => `foreign key: ${JSON.stringify(r)}`));
  }
  // PostgreSQL keeps its pages consistent itself. On both engines, check the invariants our
  // constraints do not spell out.
  const { rows: dupOrders } = await sql<{ order_number: string }>`
    select order_number from orders group by order_number having count(*) > 1`.execute(db.kysely);
  problems.push(...dupOrders.map((r) => `order ${r.order_number} stored twice`));
  const { rows: orphans } = await sql<{ id: number }>`
    select o.id from outbox o left join orders r on r.order_number = o.order_number where r.order_number is null`.execute(db.kysely);
  problems.push(...orphans.map((r) => `outbox ${r.id} without its order`));
  const { rows: seqs } = await sql<{ order_number: string }>`
    select order_number from outbox group by order_number, seq having count(*) > 1`.execute(db.kysely);
  problems.push(...seqs.map((r) => `outbox of ${r.order_number} numbers an operation twice`));
  return problems;
}
