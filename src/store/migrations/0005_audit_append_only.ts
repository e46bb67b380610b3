import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { isPostgres } from './schema.ts';

/**
 * The audit log is append-only in the database itself, not only in the code: an UPDATE or a
 * DELETE (or, on PostgreSQL, a TRUNCATE) of audit_log fails, whoever sends it — a bug, a
 * script, or someone at a SQL console with the application's own credentials.
 */
export const name = '0005_audit_append_only';

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`
      create function audit_log_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_log is append-only';
      end $$`.execute(db);
    await sql`
      create trigger audit_log_append_only before update or delete or truncate on audit_log
      for each statement execute function audit_log_append_only()`.execute(db);
    return;
  }
  await sql`create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
  await sql`create trigger audit_log_no_delete before delete on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
}
