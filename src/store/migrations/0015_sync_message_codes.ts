import type { Kysely } from 'kysely';

/**
 * What the sync worker records for staff as codes, not finished sentences: a run message's
 * parameters (JSON) beside its code, and an outbox operation's `outcome_code` (juchu's own
 * word on its outcome, e.g. ORDER_NOT_IN_RMS) beside RMS's message. The UI makes the sentence
 * from them in the reader's language; rows written before have neither and keep showing their
 * stored text.
 */
export const name = '0015_sync_message_codes';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sync_run_messages').addColumn('params', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('outcome_code', 'text').execute();
}
