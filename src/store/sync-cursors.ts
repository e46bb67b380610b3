import type { Kysely } from 'kysely';
import type { Tables } from './tables.ts';
import './sync-tables.ts';

/** Where each shop's import stands: the end of the last window searched completely. */
export class SyncCursorRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  async get(shopCode: string, name: string): Promise<Date | null> {
    const row = await this.db
      .selectFrom('sync_cursors')
      .select('position')
      .where('shop_code', '=', shopCode)
      .where('name', '=', name)
      .executeTakeFirst();
    return row ? new Date(row.position) : null;
  }

  async set(shopCode: string, name: string, position: Date, now: Date): Promise<void> {
    await this.db
      .insertInto('sync_cursors')
      .values({ shop_code: shopCode, name, position: position.toISOString(), updated_at: now.toISOString() })
      .onConflict((oc) => oc.columns(['shop_code', 'name']).doUpdateSet({ position: position.toISOString(), updated_at: now.toISOString() }))
      .execute();
  }
}
