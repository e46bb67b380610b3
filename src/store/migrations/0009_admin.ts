import type { Kysely } from 'kysely';
import '../admin/tables.ts';

/**
 * Administration in the browser: disabled users and their last login, one-time links
 * (setup, invitation, password reset), API tokens that can be revoked and scoped to shops,
 * the shop and client address of each audit record, and the first import's progress.
 * Older rows keep NULL in the new columns: an old token sees every shop, an old audit record
 * has no shop or address recorded.
 */
export const name = '0009_admin';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('disabled_at', 'text').execute();
  await db.schema.alterTable('users').addColumn('last_login_at', 'text').execute();

  await db.schema
    .createTable('one_time_links')
    // SHA-256 of the token in the link: a copy of the database does not hand out passwords.
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('one_time_links_by_user').on('one_time_links').column('user_id').execute();

  await db.schema.alterTable('api_tokens').addColumn('created_by', 'text').execute();
  await db.schema.alterTable('api_tokens').addColumn('revoked_at', 'text').execute();
  await db.schema.alterTable('api_tokens').addColumn('all_shops', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema
    .createTable('api_token_shops')
    .addColumn('token_id', 'text', (c) => c.notNull().references('api_tokens.id').onDelete('cascade'))
    .addColumn('shop_code', 'text', (c) => c.notNull().references('shops.code'))
    .addPrimaryKeyConstraint('api_token_shops_pk', ['token_id', 'shop_code'])
    .execute();

  await db.schema.alterTable('audit_log').addColumn('shop_code', 'text').execute();
  await db.schema.alterTable('audit_log').addColumn('client_address', 'text').execute();
  await db.schema.createIndex('audit_log_by_shop').on('audit_log').columns(['shop_code', 'id']).execute();
  await db.schema.createIndex('audit_log_by_action').on('audit_log').columns(['action', 'id']).execute();

  await db.schema
    .createTable('shop_imports')
    .addColumn('shop_code', 'text', (c) => c.primaryKey().references('shops.code'))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('found', 'integer', (c) => c.notNull())
    .addColumn('imported', 'integer', (c) => c.notNull())
    .addColumn('error', 'text')
    .execute();
}
