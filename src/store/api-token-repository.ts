import type { Kysely, Selectable } from 'kysely';
import type { ApiTokenTable, Tables } from './tables.ts';

export interface StoredApiToken {
  readonly id: string;
  readonly name: string;
  readonly role: string;
  /** SHA-256 of the token; the token itself is shown once and never stored. */
  readonly tokenHash: string;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
}

export class ApiTokenRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  async insert(token: StoredApiToken): Promise<void> {
    await this.db
      .insertInto('api_tokens')
      .values({
        id: token.id,
        name: token.name,
        role: token.role,
        token_hash: token.tokenHash,
        created_at: token.createdAt.toISOString(),
        last_used_at: token.lastUsedAt?.toISOString() ?? null,
      })
      .execute();
  }

  async findByHash(tokenHash: string): Promise<StoredApiToken | null> {
    const row = await this.db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row ? toStoredToken(row) : null;
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.db.updateTable('api_tokens').set({ last_used_at: at.toISOString() }).where('id', '=', id).execute();
  }
}

function toStoredToken(row: Selectable<ApiTokenTable>): StoredApiToken {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    tokenHash: row.token_hash,
    createdAt: new Date(row.created_at),
    lastUsedAt: row.last_used_at === null ? null : new Date(row.last_used_at),
  };
}
