import type { Kysely } from 'kysely';

/**
 * A tracking preview's rows by 送付先: while a file streams in, each batch asks the rows
 * already stored for the same 送付先 (numbers accepted, for duplicates and RMS's 20 per
 * 送付先) instead of the import holding every accepted number in memory.
 */
export const name = '0016_tracking_preview_rows_by_package';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('tracking_preview_rows_by_package').on('tracking_preview_rows').columns(['preview_id', 'order_number', 'basket_id']).execute();
}
