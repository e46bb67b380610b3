import type { Kysely, Selectable } from 'kysely';
import type { Tables, UserTable } from './tables.ts';

export interface StoredUser {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly passwordHash: string;
  readonly role: string;
  /** Shops this user may see and act on. */
  readonly shopCodes: readonly string[];
  readonly createdAt: Date;
}

export class UserRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  /** False when the email is taken (nothing is written then). */
  async insert(user: StoredUser): Promise<boolean> {
    const result = await this.db
      .insertInto('users')
      .values({
        id: user.id,
        email: user.email,
        name: user.name,
        password_hash: user.passwordHash,
        role: user.role,
        created_at: user.createdAt.toISOString(),
      })
      .onConflict((oc) => oc.column('email').doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
    if (user.shopCodes.length > 0) {
      await this.db
        .insertInto('user_shops')
        .values(user.shopCodes.map((shop_code) => ({ user_id: user.id, shop_code })))
        .execute();
    }
    return true;
  }

  async findByEmail(email: string): Promise<StoredUser | null> {
    const row = await this.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    return row ? this.withShops(row) : null;
  }

  async get(id: string): Promise<StoredUser | null> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? this.withShops(row) : null;
  }

  private async withShops(row: Selectable<UserTable>): Promise<StoredUser> {
    const shops = await this.db.selectFrom('user_shops').select('shop_code').where('user_id', '=', row.id).orderBy('shop_code').execute();
    return {
      id: row.id,
      email: row.email,
      name: row.name,
      passwordHash: row.password_hash,
      role: row.role,
      shopCodes: shops.map((s) => s.shop_code),
      createdAt: new Date(row.created_at),
    };
  }
}
