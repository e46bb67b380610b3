import type { Kysely } from 'kysely';

/**
 * The login throttle counts in one row per account and client address, so that checking the
 * count and adding an attempt is one statement (INSERT … ON CONFLICT DO UPDATE … WHERE), atomic
 * on both engines: concurrent guesses cannot all read "under the limit" before any is counted.
 * It replaces the failure log of 0003, whose check and insert were two steps. The rows only
 * throttle for minutes, so nothing is carried over.
 */
export const name = '0008_login_attempts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('login_failures').execute();
  await db.schema
    .createTable('login_attempts')
    .addColumn('throttle_key', 'text', (c) => c.primaryKey())
    // The first attempt counted in the current window; the lockout ends one window after it.
    .addColumn('window_started_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_attempts_by_window').on('login_attempts').column('window_started_at').execute();
}
