import { CompiledQuery } from 'kysely';
import type { KyselyPlugin, RootOperationNode } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/store/database.ts';
import { OrderRepository } from '../../../src/store/order-repository.ts';
import type { OrderFilter } from '../../../src/store/order-repository.ts';
import { createTestDatabase, testEngine } from '../../support/database.ts';
import { NOW, addShop, nthOrder } from './fixtures.ts';

let db: Database;

beforeEach(async () => {
  db = await createTestDatabase();
  await addShop(db);
  const orders = new OrderRepository(db.kysely);
  for (let n = 1; n <= 30; n++) await orders.insert(nthOrder(n), NOW);
});
afterEach(() => db.close());

/** The SQL that finds a list page's keys (the first query `list` runs; the documents are read by key after). */
async function listQuery(filter: OrderFilter, cursor: string | null = null): Promise<CompiledQuery> {
  const nodes: RootOperationNode[] = [];
  const recorder: KyselyPlugin = {
    transformQuery: ({ node }) => (nodes.push(node), node),
    transformResult: async ({ result }) => result,
  };
  await new OrderRepository(db.kysely.withPlugin(recorder)).list(filter, { limit: 20, cursor }, NOW);
  return db.kysely.getExecutor().compileQuery(nodes[0]!, { queryId: 'plan' });
}

/** The plan as text, with sequential scans priced out on PostgreSQL so that only a missing index shows one. */
async function plan(query: CompiledQuery): Promise<string> {
  if (db.dialect === 'sqlite') {
    const { rows } = await db.kysely.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${query.sql}`, [...query.parameters]));
    return rows.map((r) => r.detail).join('\n');
  }
  return db.transaction(async (tx) => {
    await tx.executeQuery(CompiledQuery.raw('SET LOCAL enable_seqscan = off'));
    const { rows } = await tx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN ${query.sql}`, [...query.parameters]));
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}

function fullScans(text: string): string[] {
  return text.split('\n').filter((line) => /^SCAN orders\b|Seq Scan on orders/.test(line.trim()));
}

describe(`order queries use an index on ${testEngine}`, () => {
  const cases: [string, OrderFilter][] = [
    ['a status work queue', { statuses: ['awaiting_confirmation'] }],
    ['a shop’s status work queue', { shopCodes: ['tea-shop'], statuses: ['new'] }],
    ['a shop’s orders', { shopCodes: ['tea-shop'] }],
    ['deadlines within 48 hours', { deadlineWithinHours: 48 }],
    ['a search by name', { q: '山田' }],
    ['a search by phone', { q: '090-1234' }],
    ['a search by order number', { q: '123456-2026' }],
  ];
  for (const [what, filter] of cases) {
    it(`${what} never scans the whole table`, async () => {
      const first = await listQuery(filter);
      expect(fullScans(await plan(first))).toEqual([]);
    });
  }

  it('a later page seeks from the cursor instead of skipping rows', async () => {
    const page = await new OrderRepository(db.kysely).list({ statuses: ['awaiting_confirmation'] }, { limit: 5 }, NOW);
    const next = await listQuery({ statuses: ['awaiting_confirmation'] }, page.nextCursor);
    expect(next.sql.toLowerCase()).not.toContain('offset');
    expect(fullScans(await plan(next))).toEqual([]);
  });
});
