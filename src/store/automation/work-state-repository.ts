import { sql, type Kysely } from 'kysely';
import type { WorkStateDefinition } from '../../domain/automation/work-states.ts';
import type { Tables } from '../tables.ts';

/** A shop's 作業状況 labels in display order, and the per-state order counts the triggers keep. */
export class WorkStateRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  async list(shopCode: string): Promise<WorkStateDefinition[]> {
    const rows = await this.db.selectFrom('work_states').selectAll().where('shop_code', '=', shopCode).orderBy('position').execute();
    return rows.map((r) => ({ code: r.code, label: r.label, rmsSubStatusId: r.rms_sub_status_id === null ? null : Number(r.rms_sub_status_id) }));
  }

  /** Replaces the shop's list. Orders keep a removed code; it shows as the code until set again. */
  async replace(shopCode: string, states: readonly WorkStateDefinition[]): Promise<void> {
    await this.db.deleteFrom('work_states').where('shop_code', '=', shopCode).execute();
    if (states.length === 0) return;
    await this.db
      .insertInto('work_states')
      .values(states.map((s, i) => ({ shop_code: shopCode, code: s.code, label: s.label, rms_sub_status_id: s.rmsSubStatusId, position: i + 1 })))
      .execute();
  }

  /** Orders per work state for these shops (every listed code present, zero included). */
  async counts(shopCodes: readonly string[]): Promise<Record<string, number>> {
    if (shopCodes.length === 0) return {};
    const rows = await this.db
      .selectFrom('order_work_state_counts')
      .select((eb) => ['work_state', eb.fn.sum<number | string>('n').as('n')])
      .where('shop_code', 'in', [...shopCodes])
      .groupBy('work_state')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.work_state, Number(r.n)]));
  }

  /**
   * Orders each buyer has with a shop, by the buyer key (normalised phone digits + kana name, the
   * orders table's own search columns), for the buyers of `orders`: one indexed query per chunk.
   */
  async buyerOrderCounts(shopCode: string, keys: readonly { phone: string; kana: string }[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    const phones = [...new Set(keys.map((k) => k.phone).filter((p) => p !== ''))];
    for (let i = 0; i < phones.length; i += 500) {
      const rows = await this.db
        .selectFrom('orders')
        .select(['phone_digits', 'buyer_name_kana', sql<number | string>`count(*)`.as('n')])
        .where('shop_code', '=', shopCode)
        .where('phone_digits', 'in', phones.slice(i, i + 500))
        .groupBy(['phone_digits', 'buyer_name_kana'])
        .execute();
      for (const r of rows) counts.set(buyerKey(r.phone_digits, r.buyer_name_kana), Number(r.n));
    }
    return counts;
  }
}

export function buyerKey(phone: string, kana: string): string {
  return `${phone}|${kana}`;
}
