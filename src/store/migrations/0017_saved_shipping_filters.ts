import type { Kysely } from 'kysely';
import { withAutoId } from './schema.ts';

/**
 * Saved filters of the 出荷作業 page: a named selection (carrier, statuses, export state,
 * ship-by days) for one shop, or for every shop (`shop_code` ''), so staff pick the day's
 * usual selection by name. The name is unique per shop ('' included: a NULL would not be).
 */
export const name = '0017_saved_shipping_filters';

export async function up(db: Kysely<unknown>): Promise<void> {
  await withAutoId(db, db.schema.createTable('shipping_saved_filters'))
    .addColumn('shop_code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('selection', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('shipping_saved_filters_name').on('shipping_saved_filters').columns(['shop_code', 'name']).unique().execute();
}
