import type { Database } from '../src/store/database.ts';
import type { OrderTable } from '../src/store/tables.ts';

export interface RawInsertResult {
  readonly rows: number;
  readonly seconds: number;
  readonly rowsPerSecond: number;
}

const ROWS_PER_STATEMENT = 100;
const ROWS_PER_TRANSACTION = 10_000;
const READ_PAGE = 5_000;

/**
 * The baseline for import throughput: the very rows an import stored in `source`, inserted into
 * the empty, migrated `target` through the same driver with plain multi-row INSERTs (100 rows
 * a statement, 10,000 a transaction) — no RMS, no mapping, no domain rules, no history. Only
 * the inserts are timed; the rows are read into memory first.
 */
export async function measureRawInsert(source: Database, target: Database): Promise<RawInsertResult> {
  const shops = await source.kysely.selectFrom('shops').selectAll().execute();
  if (shops.length > 0) await target.kysely.insertInto('shops').values(shops).execute();
  const rows: OrderTable[] = [];
  for (let after = ''; ; ) {
    const page = await source.kysely.selectFrom('orders').selectAll().where('order_number', '>', after).orderBy('order_number').limit(READ_PAGE).execute();
    rows.push(...page);
    if (page.length < READ_PAGE) break;
    after = page.at(-1)!.order_number;
  }
  const started = performance.now();
  for (let from = 0; from < rows.length; from += ROWS_PER_TRANSACTION) {
    await target.transaction(async (tx) => {
      for (let i = from; i < Math.min(from + ROWS_PER_TRANSACTION, rows.length); i += ROWS_PER_STATEMENT) {
        await tx.insertInto('orders').values(rows.slice(i, Math.min(i + ROWS_PER_STATEMENT, from + ROWS_PER_TRANSACTION, rows.length))).execute();
      }
    });
  }
  const seconds = (performance.now() - started) / 1000;
  return { rows: rows.length, seconds, rowsPerSecond: rows.length / seconds };
}
