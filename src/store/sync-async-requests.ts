import type { Kysely } from 'kysely';
import type { Tables } from './tables.ts';
import './sync-tables.ts';

/** updateOrderShippingAsync requests whose results have not been read yet. */
export interface PendingAsyncRequest {
  readonly requestId: string;
  readonly shopCode: string;
  readonly outboxIds: readonly number[];
  readonly sentAt: Date;
}

export class SyncAsyncRequestRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  async add(request: PendingAsyncRequest): Promise<void> {
    await this.db
      .insertInto('sync_async_requests')
      .values({
        request_id: request.requestId,
        shop_code: request.shopCode,
        outbox_ids: JSON.stringify(request.outboxIds),
        sent_at: request.sentAt.toISOString(),
      })
      .execute();
  }

  async listForShop(shopCode: string): Promise<PendingAsyncRequest[]> {
    const rows = await this.db.selectFrom('sync_async_requests').selectAll().where('shop_code', '=', shopCode).orderBy('sent_at').execute();
    return rows.map((r) => ({
      requestId: r.request_id,
      shopCode: r.shop_code,
      outboxIds: JSON.parse(r.outbox_ids) as number[],
      sentAt: new Date(r.sent_at),
    }));
  }

  async remove(requestId: string): Promise<void> {
    await this.db.deleteFrom('sync_async_requests').where('request_id', '=', requestId).execute();
  }
}
