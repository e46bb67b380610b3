import { sql, type Kysely } from 'kysely';
import { isPostgres } from './schema.ts';

/**
 * Orders per shop and status, kept by triggers in the same transaction as every write to
 * `orders` — whichever code path writes — so the status counts the dashboard and the list
 * tabs show are one small read instead of a scan of every order.
 */
export const name = '0004_order_status_counts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('order_status_counts')
    .addColumn('shop_code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('order_status_counts_pk', ['shop_code', 'status'])
    .execute();
  await sql`
    insert into order_status_counts (shop_code, status, n)
    select shop_code, status, count(*) from orders group by shop_code, status`.execute(db);
  if (isPostgres(db)) await postgresTriggers(db);
  else await sqliteTriggers(db);
}

const PLUS_ONE = sql.raw(`
  insert into order_status_counts (shop_code, status, n) values (new.shop_code, new.status, 1)
  on conflict (shop_code, status) do update set n = order_status_counts.n + 1`);
const MINUS_ONE = sql.raw(`
  update order_status_counts set n = n - 1 where shop_code = old.shop_code and status = old.status`);

async function sqliteTriggers(db: Kysely<unknown>): Promise<void> {
  await sql`create trigger orders_count_insert after insert on orders begin ${PLUS_ONE}; end`.execute(db);
  await sql`
    create trigger orders_count_update after update of shop_code, status on orders
    when old.shop_code is not new.shop_code or old.status is not new.status
    begin ${MINUS_ONE}; ${PLUS_ONE}; end`.execute(db);
  await sql`create trigger orders_count_delete after delete on orders begin ${MINUS_ONE}; end`.execute(db);
}

async function postgresTriggers(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function orders_count() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and old.shop_code = new.shop_code and old.status = new.status then
        return null;
      end if;
      if tg_op in ('UPDATE', 'DELETE') then ${MINUS_ONE}; end if;
      if tg_op in ('UPDATE', 'INSERT') then ${PLUS_ONE}; end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger orders_count after insert or delete or update of shop_code, status on orders
    for each row execute function orders_count()`.execute(db);
}
