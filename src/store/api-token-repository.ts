import type { Kysely, Selectable } from 'kysely';
import './admin/tables.ts';
import type { ApiTokenTable, Tables } from './tables.ts';

export interface StoredApiToken {
  readonly id: string;
  readonly name: string;
  readonly role: string;
  /** SHA-256 of the token; the token itself is shown once and never stored. */
  readonly tokenHash: string;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
  /** `user:<id>` of the person who made it, or e.g. `cli`; null for tokens made before migration 0009. */
  readonly createdBy: string | null;
  readonly revokedAt: Date | null;
  /** The shops the token may see; null for every shop. */
  readonly shopCodes: readonly string[] | null;
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
        created_by: token.createdBy,
        revoked_at: null,
        all_shops: token.shopCodes === null ? 1 : 0,
      })
      .execute();
    if (token.shopCodes !== null && token.shopCodes.length > 0) {
      await this.db
        .insertInto('api_token_shops')
        .values(token.shopCodes.map((shop_code) => ({ token_id: token.id, shop_code })))
        .execute();
    }
  }

  async findByHash(tokenHash: string): Promise<StoredApiToken | null> {
    const row = await this.db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row ? (await this.withShops([row]))[0]! : null;
  }

  async get(id: string): Promise<StoredApiToken | null> {
    const row = await this.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? (await this.withShops([row]))[0]! : null;
  }

  /** Every token, newest first, revoked ones included (they stay for the record). */
  async list(): Promise<StoredApiToken[]> {
    return this.withShops(await this.db.selectFrom('api_tokens').selectAll().orderBy('created_at', 'desc').orderBy('id').execute());
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.db.updateTable('api_tokens').set({ last_used_at: at.toISOString() }).where('id', '=', id).execute();
  }

  /** False when there is no such live token. */
  async revoke(id: string, at: Date): Promise<boolean> {
    const result = await this.db.updateTable('api_tokens').set({ revoked_at: at.toISOString() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Revokes every live token `createdBy` made; the ids revoked. */
  async revokeCreatedBy(createdBy: string, at: Date): Promise<string[]> {
    const live = await this.db.selectFrom('api_tokens').select('id').where('created_by', '=', createdBy).where('revoked_at', 'is', null).execute();
    if (live.length === 0) return [];
    const ids = live.map((r) => r.id);
    await this.db.updateTable('api_tokens').set({ revoked_at: at.toISOString() }).where('id', 'in', ids).execute();
    return ids;
  }

  private async withShops(rows: Selectable<ApiTokenTable>[]): Promise<StoredApiToken[]> {
    const scoped = rows.filter((r) => Number(r.all_shops) === 0).map((r) => r.id);
    const shops =
      scoped.length === 0
        ? []
        : await this.db.selectFrom('api_token_shops').select(['token_id', 'shop_code']).where('token_id', 'in', scoped).orderBy('shop_code').execute();
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      role: row.role,
      tokenHash: row.token_hash,
      createdAt: new Date(row.created_at),
      lastUsedAt: row.last_used_at === null ? null : new Date(row.last_used_at),
      createdBy: row.created_by,
      revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at),
      shopCodes: Number(row.all_shops) === 1 ? null : shops.filter((s) => s.token_id === row.id).map((s) => s.shop_code),
    }));
  }
}
