import { CompiledQuery } from 'kysely';
import type { KyselyPlugin, QueryId, RootOperationNode } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/store/database.ts';
import type { OrderFilter } from '../../../src/store/order-repository.ts';
import { createTestDatabase, testEngine } from '../../support/database.ts';
import { NOW, addShop, nthOrder } from './fixtures.ts';
import { Store } from '../../../src/store/store.ts';

let db: Database;

beforeEach(async () => {
  db = await createTestDatabase();
  await addShop(db);
  const orders = Store.open(db).orders;
  for (let n = 1; n <= 30; n++) await orders.insert(nthOrder(n), NOW);
});
afterEach(() => db.close());

/** The SQL that finds a list page's keys (the first query `list` runs; the documents are read by key after). */
async function listQuery(filter: OrderFilter, cursor: string | null = null): Promise<CompiledQuery> {
  // Subqueries pass through the plugin too, when they are built: keep the node of the first query executed.
  const nodes = new Map<QueryId, RootOperationNode>();
  const executed: QueryId[] = [];
  const recorder: KyselyPlugin = {
    transformQuery: ({ node, queryId }) => (nodes.set(queryId, node), node),
    transformResult: async ({ result, queryId }) => (executed.push(queryId), result),
  };
  await Store.within(db.kysely.withPlugin(recorder)).orders.list(filter, { limit: 20, cursor }, NOW);
  return db.kysely.getExecutor().compileQuery(nodes.get(executed[0]!)!, { queryId: 'plan' });
}

/**
 * The plan as text. On PostgreSQL, sequential scans and sorts are priced out, so that only a
 * missing index shows one (with thirty rows, scanning and sorting would otherwise be cheapest).
 */
async function plan(query: CompiledQuery): Promise<string> {
  if (db.dialect === 'sqlite') {
    const { rows } = await db.kysely.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${query.sql}`, [...query.parameters]));
    return rows.map((r) => r.detail).join('\n');
  }
  return db.transaction(async (tx) => {
    await tx.executeQuery(CompiledQuery.raw('SET LOCAL enable_seqscan = off'));
    await tx.executeQuery(CompiledQuery.raw('SET LOCAL enable_sort = off'));
    const { rows } = await tx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN ${query.sql}`, [...query.parameters]));
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}

function fullScans(text: string): string[] {
  return text.split('\n').filter((line) => /^SCAN (orders|order_search_keys)\b|Seq Scan on (orders|order_search_keys)/.test(line.trim()));
}

/** Sorts in the plan: each is a sort of every match unless it only merges the walks of a union. */
function sorts(text: string): string[] {
  return text.split('\n').filter((line) => /USE TEMP B-TREE FOR (RIGHT PART OF )?ORDER BY|(^|->\s+)(Incremental )?Sort\s+\(/.test(line.trim()));
}

/**
 * A union merges at most a few pages (each walk stops after one). An order-number prefix, at
 * least a shop id and a date long, sorts that one day of one shop's orders. Anything else
 * must come out of an index in page order.
 */
function sortsAllowed(query: CompiledQuery): number {
  return (/\bunion\b/i.test(query.sql) ? 1 : 0) + (query.sql.includes('"orders"."order_number" >=') ? 1 : 0);
}

describe(`order queries use an index on ${testEngine}`, () => {
  const cases: [string, OrderFilter][] = [
    ['a status work queue', { statuses: ['awaiting_confirmation'] }],
    ['a shop’s status work queue', { shopCodes: ['tea-shop'], statuses: ['new'] }],
    ['a shop’s orders', { shopCodes: ['tea-shop'] }],
    ['deadlines within 48 hours', { deadlineWithinHours: 48 }],
    ['deadlines within 48 hours in a shop', { deadlineWithinHours: 48, shopCodes: ['tea-shop'] }],
    ['a search by name', { q: '山田' }],
    ['a search by name in a status', { q: '山田', statuses: ['new'] }],
    ['a search by a name longer than any stored key', { q: 'ヤマダハナコヤマダハナコヤマダ' }],
    ['a search by phone', { q: '090-1234' }],
    ['a search by order number', { q: '123456-20261120-0000000001' }],
    ['a search by order number prefix', { q: '123456-20261120' }],
    // The filters the other capabilities added to the work queues (paperwork, 作業状況).
    ['printed orders in a status', { statuses: ['new'], printed: true }],
    ['unprinted orders in a status', { statuses: ['new'], printed: false }],
    ['検品済 orders in a shop’s status', { shopCodes: ['tea-shop'], statuses: ['new'], packed: true }],
    ['a work state', { workStates: ['picking'] }],
    ['a work state in a status', { statuses: ['new'], workStates: ['picking'] }],
  ];
  for (const [what, filter] of cases) {
    it(`${what} never scans the whole table nor sorts every match`, async () => {
      const first = await listQuery(filter);
      const text = await plan(first);
      expect(fullScans(text)).toEqual([]);
      expect(sorts(text).length, text).toBeLessThanOrEqual(sortsAllowed(first));
    });
  }

  it('a later page seeks from the cursor instead of skipping rows', async () => {
    const page = await Store.open(db).orders.list({ statuses: ['awaiting_confirmation'] }, { limit: 5 }, NOW);
    const next = await listQuery({ statuses: ['awaiting_confirmation'] }, page.nextCursor);
    expect(next.sql.toLowerCase()).not.toContain('offset');
    const text = await plan(next);
    expect(fullScans(text)).toEqual([]);
    expect(sorts(text)).toEqual([]);
  });
});
