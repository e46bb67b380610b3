import { sql, type Kysely } from 'kysely';
import './session-tables.ts';
import type { Tables } from './tables.ts';

/** Login attempts per throttle key (account + client address), for the login throttle. */
export class LoginAttemptRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  /**
   * Counts one attempt, unless `max` are already counted in a window that started after
   * `windowOpenAfter`; true when it was counted. One statement: on PostgreSQL the conflicting
   * row is locked and the WHERE re-checked on its latest version, and SQLite runs one writer at
   * a time, so concurrent attempts never all see room for themselves.
   */
  async reserve(throttleKey: string, now: Date, windowOpenAfter: Date, max: number): Promise<boolean> {
    const expired = windowOpenAfter.toISOString();
    const result = await sql<{ attempts: number }>`
      insert into login_attempts (throttle_key, window_started_at, attempts) values (${throttleKey}, ${now.toISOString()}, 1)
      on conflict (throttle_key) do update set
        attempts = case when login_attempts.window_started_at <= ${expired} then 1 else login_attempts.attempts + 1 end,
        window_started_at = case when login_attempts.window_started_at <= ${expired} then excluded.window_started_at else login_attempts.window_started_at end
        where login_attempts.window_started_at <= ${expired} or login_attempts.attempts < ${max}
      returning attempts`.execute(this.db);
    return result.rows.length === 1;
  }

  /** When the key's current window started; null when nothing is counted for it. */
  async windowStartedAt(throttleKey: string): Promise<Date | null> {
    const row = await this.db.selectFrom('login_attempts').select('window_started_at').where('throttle_key', '=', throttleKey).executeTakeFirst();
    return row ? new Date(row.window_started_at) : null;
  }

  async clear(throttleKey: string): Promise<void> {
    await this.db.deleteFrom('login_attempts').where('throttle_key', '=', throttleKey).execute();
  }

  async deleteStartedBefore(before: Date): Promise<void> {
    await this.db.deleteFrom('login_attempts').where('window_started_at', '<', before.toISOString()).execute();
  }
}
