import { sql, type Kysely } from 'kysely';
import type { Tables } from './tables.ts';
import './sync-tables.ts';

/**
 * One worker at a time per shop, so that the shop's RMS calls stay in order and within its
 * rate. A lease expires on its own, so a crashed worker's shop is picked up by another.
 */
export class SyncLeaseRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  /** Takes or renews the lease; false while another owner holds an unexpired one. */
  async acquire(shopCode: string, owner: string, now: Date, leaseMs: number): Promise<boolean> {
    const until = new Date(now.getTime() + leaseMs).toISOString();
    const result = await sql<{ owner: string }>`
      insert into sync_leases (shop_code, owner, lease_until) values (${shopCode}, ${owner}, ${until})
      on conflict (shop_code) do update set owner = excluded.owner, lease_until = excluded.lease_until
        where sync_leases.owner = excluded.owner or sync_leases.lease_until < ${now.toISOString()}
      returning owner`.execute(this.db);
    return result.rows.length === 1;
  }

  /** The earliest moment after `now` (wall time) a lease other owners hold on these shops runs out; null when none will. */
  async nextForeignLeaseEnd(shopCodes: readonly string[], owner: string, now: Date): Promise<Date | null> {
    if (shopCodes.length === 0) return null;
    const row = await this.db
      .selectFrom('sync_leases')
      .select((eb) => eb.fn.min('lease_until').as('until'))
      .where('shop_code', 'in', [...shopCodes])
      .where('owner', '!=', owner)
      .where('lease_until', '>', now.toISOString())
      .executeTakeFirst();
    return row?.until ? new Date(row.until) : null;
  }

  async release(shopCode: string, owner: string): Promise<void> {
    await this.db.deleteFrom('sync_leases').where('shop_code', '=', shopCode).where('owner', '=', owner).execute();
  }
}
