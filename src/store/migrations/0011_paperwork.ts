import { sql, type Kysely } from 'kysely';

/**
 * Paperwork: when each order's 納品書 was printed and by whom, the packing check (検品) of each
 * parcel, the per-shop product table (location codes, JAN) staff upload, and the queue of
 * stored orders to read from RMS once more because they were imported before the gift flag,
 * のし and RMS's per-rate tax summary were kept.
 */
export const name = '0011_paperwork';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('paperwork_orders')
    .addColumn('order_number', 'text', (c) => c.primaryKey())
    .addColumn('shop_code', 'text', (c) => c.notNull())
    .addColumn('first_printed_at', 'text')
    .addColumn('printed_at', 'text')
    .addColumn('printed_by', 'text')
    .addColumn('print_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('packed_at', 'text')
    .addColumn('packed_by', 'text')
    .execute();

  await db.schema
    .createTable('paperwork_parcel_checks')
    .addColumn('order_number', 'text', (c) => c.notNull())
    .addColumn('basket_id', 'integer', (c) => c.notNull())
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .addColumn('checked_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('paperwork_parcel_checks_pk', ['order_number', 'basket_id'])
    .execute();

  await db.schema
    .createTable('paperwork_products')
    .addColumn('shop_code', 'text', (c) => c.notNull())
    .addColumn('manage_number', 'text', (c) => c.notNull())
    // '' for an item without SKU: a primary key column cannot be NULL.
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('location', 'text')
    .addColumn('jan', 'text')
    .addPrimaryKeyConstraint('paperwork_products_pk', ['shop_code', 'manage_number', 'sku'])
    .execute();
  await db.schema.createIndex('paperwork_products_by_jan').on('paperwork_products').columns(['shop_code', 'jan']).execute();

  await db.schema
    .createTable('paperwork_reread')
    .addColumn('order_number', 'text', (c) => c.primaryKey())
    .addColumn('shop_code', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('paperwork_reread_by_shop').on('paperwork_reread').columns(['shop_code', 'order_number']).execute();
  await sql`insert into paperwork_reread (order_number, shop_code) select order_number, shop_code from orders`.execute(db);
}
