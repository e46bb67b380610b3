import type { Kysely, Selectable } from 'kysely';
import './admin/tables.ts';
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
  /** A disabled user cannot log in; null while the account is active. */
  readonly disabledAt: Date | null;
  /** Recorded from migration 0009 on; null for users who have not logged in since. */
  readonly lastLoginAt: Date | null;
}

export interface UserChange {
  readonly name?: string;
  readonly role?: string;
  readonly shopCodes?: readonly string[];
  readonly disabledAt?: Date | null;
  readonly passwordHash?: string;
}

export class UserRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  /** False when the email is taken (nothing is written then). */
  async insert(user: Omit<StoredUser, 'disabledAt' | 'lastLoginAt'>): Promise<boolean> {
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
    await this.setShops(user.id, user.shopCodes);
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

  /** Every account, by email. */
  async list(): Promise<StoredUser[]> {
    const [rows, shops] = await Promise.all([
      this.db.selectFrom('users').selectAll().orderBy('email').execute(),
      this.db.selectFrom('user_shops').select(['user_id', 'shop_code']).orderBy('shop_code').execute(),
    ]);
    return rows.map((row) => toStoredUser(row, shops.filter((s) => s.user_id === row.id).map((s) => s.shop_code)));
  }

  /** Admins who can still log in: the last one may not be demoted or disabled. */
  async countActiveAdmins(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'admin')
      .where('disabled_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** False when there is no such user. */
  async update(id: string, change: UserChange): Promise<boolean> {
    const columns: Partial<UserTable> = {
      ...(change.name !== undefined && { name: change.name }),
      ...(change.role !== undefined && { role: change.role }),
      ...(change.disabledAt !== undefined && { disabled_at: change.disabledAt?.toISOString() ?? null }),
      ...(change.passwordHash !== undefined && { password_hash: change.passwordHash }),
    };
    if (Object.keys(columns).length > 0) {
      const result = await this.db.updateTable('users').set(columns).where('id', '=', id).executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
    } else if (!(await this.db.selectFrom('users').select('id').where('id', '=', id).executeTakeFirst())) {
      return false;
    }
    if (change.shopCodes !== undefined) {
      await this.db.deleteFrom('user_shops').where('user_id', '=', id).execute();
      await this.setShops(id, change.shopCodes);
    }
    return true;
  }

  async recordLogin(id: string, at: Date): Promise<void> {
    await this.db.updateTable('users').set({ last_login_at: at.toISOString() }).where('id', '=', id).execute();
  }

  private async setShops(userId: string, shopCodes: readonly string[]): Promise<void> {
    if (shopCodes.length === 0) return;
    await this.db
      .insertInto('user_shops')
      .values(shopCodes.map((shop_code) => ({ user_id: userId, shop_code })))
      .execute();
  }

  private async withShops(row: Selectable<UserTable>): Promise<StoredUser> {
    const shops = await this.db.selectFrom('user_shops').select('shop_code').where('user_id', '=', row.id).orderBy('shop_code').execute();
    return toStoredUser(
      row,
      shops.map((s) => s.shop_code),
    );
  }
}

function toStoredUser(row: Selectable<UserTable>, shopCodes: string[]): StoredUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    passwordHash: row.password_hash,
    role: row.role,
    shopCodes,
    createdAt: new Date(row.created_at),
    disabledAt: row.disabled_at ? new Date(row.disabled_at) : null,
    lastLoginAt: row.last_login_at ? new Date(row.last_login_at) : null,
  };
}
