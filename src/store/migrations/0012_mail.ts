import type { Kysely } from 'kysely';
import { bytewise, withAutoId } from './schema.ts';

/**
 * Buyer mail: templates, the mail queue (which is also the mail log), the per-order stop
 * switch and the relay's last refusal of the shop's login. The queue is its own table, not
 * the RMS outbox: a mail is sent at most once and never waits behind an order's RMS operations.
 */
export const name = '0012_mail';

export async function up(db: Kysely<unknown>): Promise<void> {
  const text = bytewise(db);
  await withAutoId(db, db.schema.createTable('mail_templates'))
    .addColumn('shop_code', 'text', (c) => c.notNull().references('shops.code'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    // orderTaken / confirmed / shipped when the shop has switched that automatic mail on.
    .addColumn('auto_trigger', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // NULLs are distinct in a unique index on both engines: one template per trigger, any number without.
  await db.schema.createIndex('mail_templates_one_per_trigger').on('mail_templates').columns(['shop_code', 'auto_trigger']).unique().execute();

  await withAutoId(db, db.schema.createTable('mail_messages'))
    .addColumn('shop_code', 'text', (c) => c.notNull())
    .addColumn('order_number', 'text', (c) => c.notNull())
    // orderTaken / confirmed / shipped / manual / resend
    .addColumn('kind', 'text', (c) => c.notNull())
    // `<order>:<trigger>` for automatic mails: an order gets each automatic mail once, whoever triggers it.
    .addColumn('auto_key', 'text', (c) => c.unique())
    .addColumn('template_id', 'integer')
    .addColumn('template_name', 'text')
    .addColumn('to_address', 'text', (c) => c.notNull())
    // Null until rendered: automatic mails are filled in when they fall due, so they show the order as it is then.
    .addColumn('subject', 'text')
    .addColumn('body', 'text')
    .addColumn('from_address', 'text')
    .addColumn('bcc_address', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => text(c.notNull()))
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('relay_code', 'integer')
    .addColumn('relay_response', 'text')
    .addColumn('last_error', 'text')
    .addColumn('triggered_by', 'text', (c) => c.notNull())
    .addColumn('resend_of', 'integer')
    .addColumn('resent_as', 'integer')
    .addColumn('sent_at', 'text')
    .addColumn('created_at', 'text', (c) => text(c.notNull()))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mail_messages_due').on('mail_messages').columns(['state', 'due_at', 'id']).execute();
  await db.schema.createIndex('mail_messages_by_shop').on('mail_messages').columns(['shop_code', 'created_at', 'id']).execute();
  await db.schema.createIndex('mail_messages_by_order').on('mail_messages').columns(['order_number', 'id']).execute();

  await db.schema
    .createTable('mail_order_stops')
    .addColumn('order_number', 'text', (c) => c.primaryKey())
    .addColumn('shop_code', 'text', (c) => c.notNull())
    .addColumn('stopped_by', 'text', (c) => c.notNull())
    .addColumn('stopped_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('mail_relay_state')
    .addColumn('shop_code', 'text', (c) => c.primaryKey())
    // Set while the relay refuses the shop's SMTP AUTH login (a password renewed in R-Login).
    .addColumn('auth_refused_at', 'text')
    .addColumn('auth_refused_response', 'text')
    .addColumn('last_sent_at', 'text')
    .execute();
}
