import type { Kysely } from 'kysely';
import type { Actor } from '../../domain/history.ts';
import type { Tables } from '../tables.ts';
import './tables.ts';

export interface StoredSettings {
  readonly version: number;
  readonly document: unknown;
  readonly updatedAt: Date;
  readonly updatedBy: Actor;
}

/** Versioned settings documents per shop and concern; a write names the version it replaces. */
export class SettingsRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  async get(shopCode: string, concern: string): Promise<StoredSettings | null> {
    const row = await this.db
      .selectFrom('shop_settings')
      .selectAll()
      .where('shop_code', '=', shopCode)
      .where('concern', '=', concern)
      .executeTakeFirst();
    return row ? { version: row.version, document: JSON.parse(row.document), updatedAt: new Date(row.updated_at), updatedBy: JSON.parse(row.updated_by) as Actor } : null;
  }

  /**
   * Writes version `replaces + 1`, only if the stored version is still `replaces` (0: nothing
   * stored yet). False when someone else saved in between.
   */
  async put(shopCode: string, concern: string, document: unknown, replaces: number, at: Date, by: Actor): Promise<boolean> {
    const values = { document: JSON.stringify(document), version: replaces + 1, updated_at: at.toISOString(), updated_by: JSON.stringify(by) };
    if (replaces === 0) {
      const inserted = await this.db
        .insertInto('shop_settings')
        .values({ shop_code: shopCode, concern, ...values })
        .onConflict((oc) => oc.columns(['shop_code', 'concern']).doNothing())
        .executeTakeFirst();
      return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
    }
    const updated = await this.db
      .updateTable('shop_settings')
      .set(values)
      .where('shop_code', '=', shopCode)
      .where('concern', '=', concern)
      .where('version', '=', replaces)
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) === 1;
  }
}
