import type { Kysely } from 'kysely';
import type { Tables } from './tables.ts';
import './sync-tables.ts';

/**
 * Where each shop's sync stands, by name: the end of the last import window searched
 * completely (a Date), or an opaque position such as the refresh turn's list cursor.
 */
export class SyncCursorRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  async get(shopCode: string, name: string): Promise<Date | null> {
    const position = await this.getText(shopCode, name);
    return position === null ? null : new Date(position);
  }

  async set(shopCode: string, name: string, position: Date, now: Date): Promise<void> {
    await this.setText(shopCode, name, position.toISOString(), now);
  }

  async getText(shopCode: string, name: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('sync_cursors')
      .select('position')
      .where('shop_code', '=', shopCode)
      .where('name', '=', name)
      .executeTakeFirst();
    return row ? row.position : null;
  }

  async setText(shopCode: string, name: string, position: string, now: Date): Promise<void> {
    await this.db
      .insertInto('sync_cursors')
      .values({ shop_code: shopCode, name, position, updated_at: now.toISOString() })
      .onConflict((oc) => oc.columns(['shop_code', 'name']).doUpdateSet({ position, updated_at: now.toISOString() }))
      .execute();
  }
}
