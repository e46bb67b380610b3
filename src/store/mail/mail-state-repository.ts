import type { Kysely } from 'kysely';
import type { Tables } from '../tables.ts';

export interface RelayAlert {
  readonly shopCode: string;
  readonly at: Date;
  readonly response: string;
}

/**
 * Small per-order and per-shop mail state: the stop switch staff set on one order, and the
 * relay's refusal of the shop's login (shown on the dashboard until a mail goes through).
 */
export class MailStateRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  async stop(shopCode: string, orderNumber: string, by: string, now: Date): Promise<void> {
    await this.db
      .insertInto('mail_order_stops')
      .values({ order_number: orderNumber, shop_code: shopCode, stopped_by: by, stopped_at: now.toISOString() })
      .onConflict((oc) => oc.column('order_number').doNothing())
      .execute();
  }

  async resume(orderNumber: string): Promise<void> {
    await this.db.deleteFrom('mail_order_stops').where('order_number', '=', orderNumber).execute();
  }

  /** Which of these orders have automatic mail stopped. */
  async stopped(orderNumbers: readonly string[]): Promise<Set<string>> {
    if (orderNumbers.length === 0) return new Set();
    const rows = await this.db.selectFrom('mail_order_stops').select('order_number').where('order_number', 'in', [...orderNumbers]).execute();
    return new Set(rows.map((r) => r.order_number));
  }

  async recordAuthRefused(shopCode: string, response: string, now: Date): Promise<void> {
    await this.db
      .insertInto('mail_relay_state')
      .values({ shop_code: shopCode, auth_refused_at: now.toISOString(), auth_refused_response: response, last_sent_at: null })
      .onConflict((oc) => oc.column('shop_code').doUpdateSet({ auth_refused_at: now.toISOString(), auth_refused_response: response }))
      .execute();
  }

  /** The relay took a mail: whatever it refused before is behind us. */
  async recordAccepted(shopCode: string, now: Date): Promise<void> {
    await this.db
      .insertInto('mail_relay_state')
      .values({ shop_code: shopCode, auth_refused_at: null, auth_refused_response: null, last_sent_at: now.toISOString() })
      .onConflict((oc) => oc.column('shop_code').doUpdateSet({ auth_refused_at: null, auth_refused_response: null, last_sent_at: now.toISOString() }))
      .execute();
  }

  /** Shops whose login the relay refuses now; `null` for every shop. */
  async authAlerts(shopCodes: readonly string[] | null): Promise<RelayAlert[]> {
    if (shopCodes !== null && shopCodes.length === 0) return [];
    const rows = await this.db
      .selectFrom('mail_relay_state')
      .selectAll()
      .$if(shopCodes !== null, (q) => q.where('shop_code', 'in', [...shopCodes!]))
      .where('auth_refused_at', 'is not', null)
      .execute();
    return rows.map((r) => ({ shopCode: r.shop_code, at: new Date(r.auth_refused_at!), response: r.auth_refused_response ?? '' }));
  }
}
