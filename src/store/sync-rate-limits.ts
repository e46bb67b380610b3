import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { SlotStore } from '../ports/slot-store.ts';
import { engineOf } from './database.ts';
import type { Tables } from './tables.ts';
import './sync-tables.ts';

/**
 * The rate limit of a license key, shared by every process on this database: one row per key
 * id holding the next free slot. One upsert reserves a slot atomically on both engines, so two
 * workers can never take the same one.
 */
export class DatabaseSlotStore implements SlotStore {
  constructor(private readonly db: Kysely<Tables>) {}

  async reserve(licenseId: string, intervalMs: number, nowMs: number): Promise<number> {
    const interval = Math.ceil(intervalMs);
    const now = Math.floor(nowMs);
    const greatest = engineOf(this.db) === 'postgres' ? sql.raw('greatest') : sql.raw('max');
    const result = await sql<{ next_slot_ms: number | string }>`
      insert into rms_rate_slots (license_id, next_slot_ms) values (${licenseId}, cast(${now + interval} as bigint))
      on conflict (license_id) do update
        set next_slot_ms = ${greatest}(rms_rate_slots.next_slot_ms, cast(${now} as bigint)) + cast(${interval} as bigint)
      returning next_slot_ms`.execute(this.db);
    const row = result.rows[0];
    if (!row) throw new Error('rate-limit slot reservation returned nothing');
    return Number(row.next_slot_ms) - interval;
  }
}
