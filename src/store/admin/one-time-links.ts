import type { Kysely } from 'kysely';
import type { Tables } from '../tables.ts';
import type { OneTimeLinkPurpose } from './tables.ts';

export interface StoredOneTimeLink {
  readonly tokenHash: string;
  readonly purpose: OneTimeLinkPurpose;
  readonly userId: string | null;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly usedAt: Date | null;
}

/** Setup, invitation and password-reset links: stored as the hash of their token, used once. */
export class OneTimeLinkRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  async insert(link: Omit<StoredOneTimeLink, 'usedAt'>): Promise<void> {
    await this.db
      .insertInto('one_time_links')
      .values({
        token_hash: link.tokenHash,
        purpose: link.purpose,
        user_id: link.userId,
        created_by: link.createdBy,
        created_at: link.createdAt.toISOString(),
        expires_at: link.expiresAt.toISOString(),
        used_at: null,
      })
      .execute();
  }

  async find(tokenHash: string): Promise<StoredOneTimeLink | null> {
    const row = await this.db.selectFrom('one_time_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row
      ? {
          tokenHash: row.token_hash,
          purpose: row.purpose,
          userId: row.user_id,
          createdBy: row.created_by,
          createdAt: new Date(row.created_at),
          expiresAt: new Date(row.expires_at),
          usedAt: row.used_at === null ? null : new Date(row.used_at),
        }
      : null;
  }

  /** Marks the link used; false when it was used already (two tabs, a replay), so only one use wins. */
  async use(tokenHash: string, at: Date): Promise<boolean> {
    const result = await this.db.updateTable('one_time_links').set({ used_at: at.toISOString() }).where('token_hash', '=', tokenHash).where('used_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Ends the open links of a user (a newer link replaces them; a disabled account keeps none). */
  async expireForUser(userId: string, at: Date): Promise<void> {
    await this.db.updateTable('one_time_links').set({ used_at: at.toISOString() }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
  }

  /** Open setup links: `juchu serve` prints a new one only when none is left. */
  async openSetupLinks(now: Date): Promise<number> {
    const row = await this.db
      .selectFrom('one_time_links')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('purpose', '=', 'setup')
      .where('used_at', 'is', null)
      .where('expires_at', '>', now.toISOString())
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
