import { sql, type Kysely } from 'kysely';
import { bytewise, isPostgres } from './schema.ts';

/**
 * Search by buyer name, kana or phone digits as an index lookup that comes out in page order.
 * A prefix range over `buyer_name` matches many different names, so its rows are not in
 * deadline order and a common prefix (≈ 5% of a million orders) had to be sorted whole before
 * the first page could be answered. Here every prefix of each key is a row of its own, keyed
 * `(search_key, confirmation_deadline, order_number)`: a search is one equality lookup that
 * reads its page in order and stops. Triggers keep the rows in step with every write to
 * `orders`, whichever code path writes, in the same transaction.
 */
export const name = '0006_order_search_keys';

/**
 * Longer prefixes are not stored: a longer query looks up its first this-many characters and
 * checks the rest against the order's own columns. Names and phone numbers rarely run longer.
 */
export const SEARCH_KEY_MAX_CHARS = 12;
/** Shorter digit strings would match a large share of all phone numbers. */
export const PHONE_KEY_MIN_DIGITS = 3;

const KEY_COLUMNS = ['buyer_name', 'buyer_name_kana', 'phone_digits', 'confirmation_deadline', 'order_number'];

export async function up(db: Kysely<unknown>): Promise<void> {
  const text = bytewise(db);
  let table = db.schema
    .createTable('order_search_keys')
    .addColumn('search_key', 'text', (c) => text(c.notNull()))
    .addColumn('confirmation_deadline', 'text', (c) => text(c.notNull()))
    .addColumn('order_number', 'text', (c) => text(c.notNull()))
    .addPrimaryKeyConstraint('order_search_keys_pk', ['search_key', 'confirmation_deadline', 'order_number']);
  // SQLite: the rows live in the key's own B-tree, so a lookup reads nothing else.
  if (!isPostgres(db)) table = table.modifyEnd(sql`without rowid`);
  await table.execute();

  await sql.raw(SEARCH_KEYS_OF_EVERY_ORDER).execute(db);
  if (isPostgres(db)) await postgresTriggers(db);
  else await sqliteTriggers(db);
}

/** The search-key rows of `row`: the trigger's `new` or `old` order, or every stored order. */
function searchKeyRows(row: 'new' | 'old' | 'orders'): string {
  const from = row === 'orders' ? ' from orders' : '';
  const terms = (['buyer_name', 'buyer_name_kana', 'phone_digits'] as const)
    .map((column) => {
      const shortest = column === 'phone_digits' ? PHONE_KEY_MIN_DIGITS : 1;
      return `select ${row}.${column} as term, ${shortest} as shortest, ${row}.confirmation_deadline as confirmation_deadline,
              ${row}.order_number as order_number${from}`;
    })
    .join(' union all ');
  const lengths = Array.from({ length: SEARCH_KEY_MAX_CHARS }, (_, k) => `(${k + 1})`).join(', ');
  return `
    select substr(terms.term, 1, lengths.column1) as search_key, terms.confirmation_deadline, terms.order_number
    from (${terms}) as terms
    join (values ${lengths}) as lengths on lengths.column1 between terms.shortest and length(terms.term)`;
}

// A name and its kana can share a prefix (a katakana name): one row serves both.
const insertKeys = (row: 'new' | 'orders', order = '') => `
  insert into order_search_keys (search_key, confirmation_deadline, order_number)
  ${searchKeyRows(row)} where true ${order} on conflict do nothing`;

/**
 * Fills the table from every stored order, in key order: appending to the index is much
 * faster than inserting millions of rows all over it. The benchmark's bulk loader runs it too.
 */
export const SEARCH_KEYS_OF_EVERY_ORDER = insertKeys('orders', 'order by 1, 2, 3');
/** The trigger a bulk load may drop while it loads, and recreate before SEARCH_KEYS_OF_EVERY_ORDER. */
export const SQLITE_INSERT_TRIGGER = 'orders_search_keys_insert';

const DELETE_OLD_KEYS = `
  delete from order_search_keys
  where order_number = old.order_number and confirmation_deadline = old.confirmation_deadline
    and search_key in (select search_key from (${searchKeyRows('old')}) as old_keys)`;

async function sqliteTriggers(db: Kysely<unknown>): Promise<void> {
  const changed = KEY_COLUMNS.map((c) => `old.${c} is not new.${c}`).join(' or ');
  await sql.raw(`create trigger ${SQLITE_INSERT_TRIGGER} after insert on orders begin ${insertKeys('new')}; end`).execute(db);
  await sql
    .raw(`create trigger orders_search_keys_update after update of ${KEY_COLUMNS.join(', ')} on orders when ${changed}
          begin ${DELETE_OLD_KEYS}; ${insertKeys('new')}; end`)
    .execute(db);
  await sql.raw(`create trigger orders_search_keys_delete after delete on orders begin ${DELETE_OLD_KEYS}; end`).execute(db);
}

async function postgresTriggers(db: Kysely<unknown>): Promise<void> {
  const unchanged = KEY_COLUMNS.map((c) => `old.${c} is not distinct from new.${c}`).join(' and ');
  await sql
    .raw(`
    create function orders_search_keys() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and ${unchanged} then
        return null;
      end if;
      if tg_op in ('UPDATE', 'DELETE') then ${DELETE_OLD_KEYS}; end if;
      if tg_op in ('UPDATE', 'INSERT') then ${insertKeys('new')}; end if;
      return null;
    end $$`)
    .execute(db);
  await sql
    .raw(`create trigger orders_search_keys after insert or delete or update of ${KEY_COLUMNS.join(', ')} on orders
          for each row execute function orders_search_keys()`)
    .execute(db);
}
