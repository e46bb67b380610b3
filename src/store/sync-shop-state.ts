import type { Kysely } from 'kysely';
import type { SyncMessageParams } from '../domain/sync-messages.ts';
import type { Tables } from './tables.ts';
import './sync-tables.ts';

/**
 * Why sync for a shop stopped, as a sync message code (src/domain/sync-messages.ts) with its
 * parameters. An alert stored before migration 0018 has no parameters, only its Japanese text.
 */
export type SyncAlert =
  | { readonly code: string; readonly params: SyncMessageParams; readonly storedText: null; readonly at: Date }
  | { readonly code: string; readonly params: null; readonly storedText: string; readonly at: Date };

/** What sync knows about a shop: its alert (e.g. RMS refused the license key) and its last runs. */
export interface ShopSyncState {
  readonly shopCode: string;
  readonly alert: SyncAlert | null;
  readonly lastRunAt: Date | null;
  readonly lastSuccessAt: Date | null;
}

export class SyncShopStateRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  async get(shopCode: string): Promise<ShopSyncState> {
    const row = await this.db.selectFrom('sync_shop_state').selectAll().where('shop_code', '=', shopCode).executeTakeFirst();
    return row ? toState(row) : { shopCode, alert: null, lastRunAt: null, lastSuccessAt: null };
  }

  async list(): Promise<ShopSyncState[]> {
    const rows = await this.db.selectFrom('sync_shop_state').selectAll().orderBy('shop_code').execute();
    return rows.map(toState);
  }

  async setAlert(shopCode: string, code: string, params: SyncMessageParams, at: Date): Promise<void> {
    const values = { alert_code: code, alert_params: JSON.stringify(params), alert_message: null, alert_at: at.toISOString() };
    await this.db
      .insertInto('sync_shop_state')
      .values({ shop_code: shopCode, ...values, last_run_at: null, last_success_at: null })
      .onConflict((oc) => oc.column('shop_code').doUpdateSet(values))
      .execute();
  }

  async clearAlert(shopCode: string): Promise<void> {
    await this.db
      .updateTable('sync_shop_state')
      .set({ alert_code: null, alert_params: null, alert_message: null, alert_at: null })
      .where('shop_code', '=', shopCode)
      .execute();
  }

  async recordRun(shopCode: string, at: Date, succeeded: boolean): Promise<void> {
    const values = succeeded
      ? { last_run_at: at.toISOString(), last_success_at: at.toISOString() }
      : { last_run_at: at.toISOString() };
    await this.db
      .insertInto('sync_shop_state')
      .values({ shop_code: shopCode, alert_code: null, alert_params: null, alert_message: null, alert_at: null, last_success_at: null, ...values })
      .onConflict((oc) => oc.column('shop_code').doUpdateSet(values))
      .execute();
  }
}

function toState(row: Tables['sync_shop_state']): ShopSyncState {
  return {
    shopCode: row.shop_code,
    alert: row.alert_code && row.alert_at ? toAlert(row.alert_code, row.alert_params, row.alert_message, new Date(row.alert_at)) : null,
    lastRunAt: row.last_run_at ? new Date(row.last_run_at) : null,
    lastSuccessAt: row.last_success_at ? new Date(row.last_success_at) : null,
  };
}

function toAlert(code: string, params: string | null, storedText: string | null, at: Date): SyncAlert {
  return params === null ? { code, params: null, storedText: storedText ?? '', at } : { code, params: JSON.parse(params) as SyncMessageParams, storedText: null, at };
}
