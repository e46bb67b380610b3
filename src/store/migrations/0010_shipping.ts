import type { Kysely } from 'kysely';

/**
 * The shipping day (docs/SHIPPING.md): which 送付先 had label data exported (and how), a
 * 送付先's method and parcel count chosen by staff, and tracking-file previews waiting to be
 * committed, row by row.
 */
export const name = '0010_shipping';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('shipping_exports')
    .addColumn('order_number', 'text', (c) => c.notNull())
    .addColumn('basket_id', 'bigint', (c) => c.notNull())
    .addColumn('shop_code', 'text', (c) => c.notNull())
    .addColumn('shipment_key', 'text', (c) => c.notNull())
    .addColumn('profile_id', 'text', (c) => c.notNull())
    .addColumn('profile_version', 'integer', (c) => c.notNull())
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('rms_carrier_code', 'text', (c) => c.notNull())
    .addColumn('parcels', 'integer', (c) => c.notNull())
    .addColumn('first_exported_at', 'text', (c) => c.notNull())
    .addColumn('exported_at', 'text', (c) => c.notNull())
    .addColumn('export_count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('shipping_exports_pk', ['order_number', 'basket_id'])
    .execute();

  await db.schema
    .createTable('shipping_choices')
    .addColumn('order_number', 'text', (c) => c.notNull())
    .addColumn('basket_id', 'bigint', (c) => c.notNull())
    .addColumn('shop_code', 'text', (c) => c.notNull())
    .addColumn('profile_id', 'text')
    .addColumn('service', 'text')
    .addColumn('cool', 'text')
    .addColumn('parcels', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('shipping_choices_pk', ['order_number', 'basket_id'])
    .execute();

  await db.schema
    .createTable('tracking_previews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('committed_at', 'text')
    .addColumn('commit_result', 'text')
    .execute();

  await db.schema
    .createTable('tracking_preview_rows')
    .addColumn('preview_id', 'text', (c) => c.notNull().references('tracking_previews.id').onDelete('cascade'))
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('shop_code', 'text')
    .addColumn('order_number', 'text')
    .addColumn('basket_id', 'bigint')
    .addColumn('delivery_company', 'text')
    .addColumn('shipping_number', 'text', (c) => c.notNull())
    .addColumn('shipping_date', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('detail', 'text')
    .addPrimaryKeyConstraint('tracking_preview_rows_pk', ['preview_id', 'line'])
    .execute();
}
