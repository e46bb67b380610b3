import type { Kysely } from 'kysely';
import { bytewise, withAutoId } from './schema.ts';

export const name = '0001_initial';

export async function up(db: Kysely<unknown>): Promise<void> {
  const text = bytewise(db);

  await db.schema
    .createTable('shops')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('auto_confirm', 'integer', (c) => c.notNull())
    .addColumn('cancel_via_api', 'integer', (c) => c.notNull())
    .addColumn('rms_url', 'text', (c) => c.notNull())
    .addColumn('service_secret_sealed', 'text', (c) => c.notNull())
    .addColumn('license_key_sealed', 'text', (c) => c.notNull())
    .addColumn('license_expires_at', 'text')
    .addColumn('rate_limit_per_second', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('orders')
    // RMS order numbers embed the shop's id, so they are unique across shops too.
    .addColumn('order_number', 'text', (c) => text(c.primaryKey()))
    .addColumn('shop_code', 'text', (c) => text(c.notNull().references('shops.code')))
    .addColumn('status', 'text', (c) => text(c.notNull()))
    .addColumn('status_before_hold', 'text')
    .addColumn('rms_progress', 'integer', (c) => c.notNull())
    .addColumn('ordered_at', 'text', (c) => text(c.notNull()))
    .addColumn('confirmation_deadline', 'text', (c) => text(c.notNull()))
    .addColumn('buyer_name', 'text', (c) => text(c.notNull()))
    .addColumn('buyer_name_kana', 'text', (c) => text(c.notNull()))
    .addColumn('phone_digits', 'text', (c) => text(c.notNull()))
    .addColumn('request_price', 'integer')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The work queues: one shop's (or all shops') orders in a status, soonest deadline first.
  await db.schema.createIndex('orders_shop_queue').on('orders').columns(['shop_code', 'status', 'confirmation_deadline', 'order_number']).execute();
  await db.schema.createIndex('orders_queue').on('orders').columns(['status', 'confirmation_deadline', 'order_number']).execute();
  await db.schema.createIndex('orders_shop_deadline').on('orders').columns(['shop_code', 'confirmation_deadline', 'order_number']).execute();
  await db.schema.createIndex('orders_deadline').on('orders').columns(['confirmation_deadline', 'order_number']).execute();
  await db.schema.createIndex('orders_buyer_name').on('orders').column('buyer_name').execute();
  await db.schema.createIndex('orders_buyer_name_kana').on('orders').column('buyer_name_kana').execute();
  await db.schema.createIndex('orders_phone_digits').on('orders').column('phone_digits').execute();

  await withAutoId(db, db.schema.createTable('order_history'))
    .addColumn('order_number', 'text', (c) => c.notNull().references('orders.order_number'))
    .addColumn('shop_code', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .execute();
  await db.schema.createIndex('order_history_by_order').on('order_history').columns(['order_number', 'id']).execute();

  await withAutoId(db, db.schema.createTable('outbox'))
    .addColumn('shop_code', 'text', (c) => c.notNull().references('shops.code'))
    .addColumn('order_number', 'text', (c) => c.notNull().references('orders.order_number'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => text(c.notNull()))
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text', text)
    .addColumn('last_error', 'text')
    .addColumn('rms_message', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('outbox_order_seq', ['order_number', 'seq'])
    .execute();
  await db.schema.createIndex('outbox_claimable').on('outbox').columns(['shop_code', 'state', 'next_attempt_at']).execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('user_shops')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('shop_code', 'text', (c) => c.notNull().references('shops.code'))
    .addPrimaryKeyConstraint('user_shops_pk', ['user_id', 'shop_code'])
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .execute();

  await withAutoId(db, db.schema.createTable('audit_log'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('details', 'text')
    .execute();
}
