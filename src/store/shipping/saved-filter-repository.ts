import type { Kysely, Selectable } from 'kysely';
import type { SavedSelection } from '../../domain/shipping/saved-filter.ts';
import type { Tables } from '../tables.ts';
import './tables.ts';
import type { ShippingSavedFilterTable } from './tables.ts';

export interface SavedFilter {
  readonly id: number;
  /** Null: for every shop its user can see. */
  readonly shopCode: string | null;
  readonly name: string;
  readonly selection: SavedSelection;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** What a write answers when the shop (or every-shop list) already has a filter of that name. */
export const NAME_TAKEN = 'NAME_TAKEN' as const;

const ALL_SHOPS = '';

/** Saved filters of the 出荷作業 page (migration 0015); names unique per shop by index. */
export class SavedFilterRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  /** The filters of these shops and the every-shop ones (`shopCodes` null: all of them), by name. */
  async list(shopCodes: readonly string[] | null): Promise<SavedFilter[]> {
    let query = this.db.selectFrom('shipping_saved_filters').selectAll();
    if (shopCodes !== null) query = query.where('shop_code', 'in', [ALL_SHOPS, ...shopCodes]);
    return (await query.orderBy('name').orderBy('shop_code').execute()).map(toFilter);
  }

  async get(id: number): Promise<SavedFilter | null> {
    const row = await this.db.selectFrom('shipping_saved_filters').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toFilter(row) : null;
  }

  async insert(filter: Omit<SavedFilter, 'id' | 'createdAt' | 'updatedAt'>, now: Date): Promise<SavedFilter | typeof NAME_TAKEN> {
    const at = now.toISOString();
    return uniqueName(async () =>
      toFilter(
        await this.db
          .insertInto('shipping_saved_filters')
          .values({ shop_code: filter.shopCode ?? ALL_SHOPS, name: filter.name, selection: JSON.stringify(filter.selection), created_by: filter.createdBy, created_at: at, updated_at: at })
          .returningAll()
          .executeTakeFirstOrThrow(),
      ),
    );
  }

  /** Renames and/or re-saves a filter; null when it is gone. */
  async update(id: number, change: { name?: string; selection?: SavedSelection }, now: Date): Promise<SavedFilter | null | typeof NAME_TAKEN> {
    return uniqueName(async () => {
      const row = await this.db
        .updateTable('shipping_saved_filters')
        .set({ ...(change.name !== undefined && { name: change.name }), ...(change.selection && { selection: JSON.stringify(change.selection) }), updated_at: now.toISOString() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return row ? toFilter(row) : null;
    });
  }

  async delete(id: number): Promise<boolean> {
    const done = await this.db.deleteFrom('shipping_saved_filters').where('id', '=', id).executeTakeFirst();
    return Number(done.numDeletedRows) === 1;
  }
}

/** The unique index's refusal as an answer rather than an error (SQLite's and PostgreSQL's codes). */
async function uniqueName<T>(write: () => Promise<T>): Promise<T | typeof NAME_TAKEN> {
  try {
    return await write();
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505') return NAME_TAKEN;
    throw err;
  }
}

function toFilter(row: Selectable<ShippingSavedFilterTable>): SavedFilter {
  return {
    id: Number(row.id),
    shopCode: row.shop_code === ALL_SHOPS ? null : row.shop_code,
    name: row.name,
    selection: JSON.parse(row.selection) as SavedSelection,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
