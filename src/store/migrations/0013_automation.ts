import { sql, type Kysely } from 'kysely';
import { isPostgres, withAutoId } from './schema.ts';

/**
 * Automation (the calendar is a settings concern, migration 0007): each shop's ordered sorting
 * rules with their change history, its
 * work states (作業状況), and on orders the work-state column with per-shop counts kept by
 * triggers (like 0004's status counts) plus an index for the buyer key (normalised phone
 * digits + kana name) that "the buyer's order count" looks up.
 */
export const name = '0013_automation';

export async function up(db: Kysely<unknown>): Promise<void> {
  await withAutoId(db, db.schema.createTable('automation_rules'))
    .addColumn('shop_code', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('stop', 'integer', (c) => c.notNull())
    .addColumn('conditions', 'text', (c) => c.notNull())
    .addColumn('actions', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('automation_rules_by_shop').on('automation_rules').columns(['shop_code', 'position']).execute();

  await withAutoId(db, db.schema.createTable('automation_rule_changes'))
    .addColumn('shop_code', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('change', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .execute();
  await db.schema.createIndex('automation_rule_changes_by_shop').on('automation_rule_changes').columns(['shop_code', 'id']).execute();

  await db.schema
    .createTable('work_states')
    .addColumn('shop_code', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('rms_sub_status_id', 'integer')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('work_states_pk', ['shop_code', 'code'])
    .execute();

  await db.schema.alterTable('orders').addColumn('work_state', 'text').execute();
  await db.schema.createIndex('orders_by_work_state').on('orders').columns(['work_state', 'confirmation_deadline', 'order_number']).execute();
  await db.schema.createIndex('orders_by_buyer').on('orders').columns(['shop_code', 'phone_digits', 'buyer_name_kana']).execute();

  await db.schema
    .createTable('order_work_state_counts')
    .addColumn('shop_code', 'text', (c) => c.notNull())
    .addColumn('work_state', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('order_work_state_counts_pk', ['shop_code', 'work_state'])
    .execute();
  if (isPostgres(db)) await postgresTriggers(db);
  else await sqliteTriggers(db);
}

const PLUS_ONE = sql.raw(`
  insert into order_work_state_counts (shop_code, work_state, n) values (new.shop_code, new.work_state, 1)
  on conflict (shop_code, work_state) do update set n = order_work_state_counts.n + 1`);
const MINUS_ONE = sql.raw(`
  update order_work_state_counts set n = n - 1 where shop_code = old.shop_code and work_state = old.work_state`);

async function sqliteTriggers(db: Kysely<unknown>): Promise<void> {
  await sql`create trigger orders_work_state_insert after insert on orders when new.work_state is not null begin ${PLUS_ONE}; end`.execute(db);
  await sql`
    create trigger orders_work_state_minus after update of shop_code, work_state on orders
    when old.work_state is not null and (old.shop_code is not new.shop_code or old.work_state is not new.work_state)
    begin ${MINUS_ONE}; end`.execute(db);
  await sql`
    create trigger orders_work_state_plus after update of shop_code, work_state on orders
    when new.work_state is not null and (old.shop_code is not new.shop_code or old.work_state is not new.work_state)
    begin ${PLUS_ONE}; end`.execute(db);
  await sql`create trigger orders_work_state_delete after delete on orders when old.work_state is not null begin ${MINUS_ONE}; end`.execute(db);
}

async function postgresTriggers(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function orders_work_state_count() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and old.shop_code = new.shop_code and old.work_state is not distinct from new.work_state then
        return null;
      end if;
      if tg_op in ('UPDATE', 'DELETE') and old.work_state is not null then ${MINUS_ONE}; end if;
      if tg_op in ('UPDATE', 'INSERT') and new.work_state is not null then ${PLUS_ONE}; end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger orders_work_state_count after insert or delete or update of shop_code, work_state on orders
    for each row execute function orders_work_state_count()`.execute(db);
}
