import type { Kysely } from 'kysely';

/**
 * A shop's sync alert as a code with parameters (JSON), like run messages since 0015: the UI
 * makes the sentence in the reader's language. Alerts written from now on leave
 * `alert_message` empty; alerts written before have no parameters and keep showing their
 * stored Japanese text.
 */
export const name = '0018_sync_alert_params';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sync_shop_state').addColumn('alert_params', 'text').execute();
}
