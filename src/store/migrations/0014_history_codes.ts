import type { Kysely } from 'kysely';

/**
 * Order history says what happened as a code and its parameters (JSON), so the UI renders the
 * sentence in the reader's language. Rows written before keep null here and show their stored
 * Japanese summary, which new rows still carry for API clients.
 */
export const name = '0014_history_codes';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('order_history').addColumn('code', 'text').execute();
  await db.schema.alterTable('order_history').addColumn('params', 'text').execute();
}
