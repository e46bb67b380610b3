import type { Kysely } from 'kysely';
import './session-tables.ts';
import type { Tables } from './tables.ts';

export interface StoredSession {
  readonly idHash: string;
  readonly userId: string;
  readonly csrfToken: string;
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
}

/** Web sessions, keyed by the hash of the id the cookie carries. */
export class SessionRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  async insert(session: StoredSession): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({
        id_hash: session.idHash,
        user_id: session.userId,
        csrf_token: session.csrfToken,
        created_at: session.createdAt.toISOString(),
        last_seen_at: session.lastSeenAt.toISOString(),
      })
      .execute();
  }

  async find(idHash: string): Promise<StoredSession | undefined> {
    const row = await this.db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
    return row && {
      idHash: row.id_hash,
      userId: row.user_id,
      csrfToken: row.csrf_token,
      createdAt: new Date(row.created_at),
      lastSeenAt: new Date(row.last_seen_at),
    };
  }

  async touch(idHash: string, at: Date): Promise<void> {
    await this.db.updateTable('sessions').set({ last_seen_at: at.toISOString() }).where('id_hash', '=', idHash).execute();
  }

  async delete(idHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
  }

  /** Ends every session of a user at once (the account was disabled, its password changed), but `except`. */
  async deleteForUser(userId: string, except?: string): Promise<void> {
    let q = this.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (except !== undefined) q = q.where('id_hash', '!=', except);
    await q.execute();
  }

  /** Drops sessions idle since before `idleBefore` or created before `createdBefore`. */
  async deleteExpired(idleBefore: Date, createdBefore: Date): Promise<void> {
    await this.db
      .deleteFrom('sessions')
      .where((eb) => eb.or([eb('last_seen_at', '<', idleBefore.toISOString()), eb('created_at', '<', createdBefore.toISOString())]))
      .execute();
  }
}
