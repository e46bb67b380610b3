import type { Kysely } from 'kysely';
import { bytewise } from './schema.ts';

/**
 * Per-shop settings, one JSON document per concern (profile, carriers, mail, calendar …), each
 * with a version so two people cannot overwrite each other silently; and the shipment key of
 * each 送付先 (domain/shipping/shipment-key.ts), given once and kept.
 */
export const name = '0007_settings_and_shipment_keys';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('shop_settings')
    .addColumn('shop_code', 'text', (c) => c.notNull().references('shops.code').onDelete('cascade'))
    .addColumn('concern', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('shop_settings_pk', ['shop_code', 'concern'])
    .execute();

  const text = bytewise(db);
  await db.schema
    .createTable('shipment_keys')
    .addColumn('shipment_key', 'text', (c) => text(c.primaryKey()))
    .addColumn('shop_code', 'text', (c) => c.notNull())
    .addColumn('order_number', 'text', (c) => text(c.notNull()))
    .addColumn('basket_id', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('shipment_keys_per_package', ['order_number', 'basket_id'])
    .execute();
}
