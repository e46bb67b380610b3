import type { Kysely } from 'kysely';
import './session-tables.ts';
import type { Tables } from './tables.ts';

/** Failed logins per throttle key (account + client address), for the login throttle. */
export class LoginFailureRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  async record(throttleKey: string, at: Date): Promise<void> {
    await this.db.insertInto('login_failures').values({ throttle_key: throttleKey, at: at.toISOString() }).execute();
  }

  /** Failures since `since`, oldest first (the oldest decides when the throttle lifts). */
  async since(throttleKey: string, since: Date): Promise<Date[]> {
    const rows = await this.db
      .selectFrom('login_failures')
      .select('at')
      .where('throttle_key', '=', throttleKey)
      .where('at', '>=', since.toISOString())
      .orderBy('at')
      .execute();
    return rows.map((r) => new Date(r.at));
  }

  async clear(throttleKey: string): Promise<void> {
    await this.db.deleteFrom('login_failures').where('throttle_key', '=', throttleKey).execute();
  }

  async deleteBefore(before: Date): Promise<void> {
    await this.db.deleteFrom('login_failures').where('at', '<', before.toISOString()).execute();
  }
}
