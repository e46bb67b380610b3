import type { Kysely } from 'kysely';
import { isPostgres, withAutoId } from './schema.ts';

/** The sync worker's state: run records, import cursors, leases, the shared rate limit, quarantine. */
export const name = '0002_sync';

export async function up(db: Kysely<unknown>): Promise<void> {
  await withAutoId(db, db.schema.createTable('sync_runs'))
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('shop_filter', 'text')
    .addColumn('worker_id', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('imported', 'integer', (c) => c.notNull())
    .addColumn('updated', 'integer', (c) => c.notNull())
    .addColumn('pushed', 'integer', (c) => c.notNull())
    .addColumn('failed', 'integer', (c) => c.notNull())
    .addColumn('cancelled', 'integer', (c) => c.notNull())
    .addColumn('quarantined', 'integer', (c) => c.notNull())
    .addColumn('rms_calls', 'integer', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sync_runs_by_start').on('sync_runs').columns(['started_at', 'id']).execute();

  await withAutoId(db, db.schema.createTable('sync_run_messages'))
    .addColumn('run_id', 'integer', (c) => c.notNull().references('sync_runs.id').onDelete('cascade'))
    .addColumn('shop_code', 'text', (c) => c.notNull())
    .addColumn('order_number', 'text')
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .execute();
  await db.schema.createIndex('sync_run_messages_by_run').on('sync_run_messages').columns(['run_id', 'id']).execute();

  await db.schema
    .createTable('sync_cursors')
    .addColumn('shop_code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sync_cursors_pk', ['shop_code', 'name'])
    .execute();

  await db.schema
    .createTable('sync_leases')
    .addColumn('shop_code', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('rms_rate_slots')
    .addColumn('license_id', 'text', (c) => c.primaryKey())
    // Milliseconds since the epoch: more than 32 bits.
    .addColumn('next_slot_ms', isPostgres(db) ? 'bigint' : 'integer', (c) => c.notNull())
    .execute();

  await withAutoId(db, db.schema.createTable('sync_quarantine'))
    .addColumn('shop_code', 'text', (c) => c.notNull())
    .addColumn('order_number', 'text')
    .addColumn('run_id', 'integer')
    .addColumn('error', 'text', (c) => c.notNull())
    .addColumn('raw', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sync_quarantine_by_order').on('sync_quarantine').columns(['order_number', 'id']).execute();

  await db.schema
    .createTable('sync_shop_state')
    .addColumn('shop_code', 'text', (c) => c.primaryKey())
    .addColumn('alert_code', 'text')
    .addColumn('alert_message', 'text')
    .addColumn('alert_at', 'text')
    .addColumn('last_run_at', 'text')
    .addColumn('last_success_at', 'text')
    .execute();

  await db.schema
    .createTable('sync_async_requests')
    .addColumn('request_id', 'text', (c) => c.primaryKey())
    .addColumn('shop_code', 'text', (c) => c.notNull())
    .addColumn('outbox_ids', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .execute();
}
