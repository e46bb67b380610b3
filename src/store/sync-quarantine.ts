import type { Kysely } from 'kysely';
import type { Tables } from './tables.ts';
import './sync-tables.ts';

/** An RMS record juchu could not read, kept verbatim with the reason so nothing is lost silently. */
export interface QuarantinedRecord {
  readonly shopCode: string;
  readonly orderNumber: string | null;
  readonly runId: number | null;
  readonly error: string;
  readonly raw: unknown;
  readonly at: Date;
}

export class SyncQuarantineRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  async add(record: QuarantinedRecord): Promise<void> {
    await this.db
      .insertInto('sync_quarantine')
      .values({
        shop_code: record.shopCode,
        order_number: record.orderNumber,
        run_id: record.runId,
        error: record.error,
        raw: JSON.stringify(record.raw),
        at: record.at.toISOString(),
      })
      .execute();
  }

  async list(shopCode?: string, limit = 100): Promise<QuarantinedRecord[]> {
    let query = this.db.selectFrom('sync_quarantine').selectAll().orderBy('id', 'desc').limit(limit);
    if (shopCode) query = query.where('shop_code', '=', shopCode);
    const rows = await query.execute();
    return rows.map((r) => ({
      shopCode: r.shop_code,
      orderNumber: r.order_number,
      runId: r.run_id,
      error: r.error,
      raw: JSON.parse(r.raw) as unknown,
      at: new Date(r.at),
    }));
  }
}
