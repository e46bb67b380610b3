import type { Kysely } from 'kysely';
import { normaliseShipmentKey, shipmentKeyFromBytes, SHIPMENT_KEY_RANDOM_CHARS } from '../../domain/shipping/shipment-key.ts';
import type { ShipmentTarget } from '../../domain/shipping/shipment-key.ts';
import type { Tables } from '../tables.ts';
import './shipment-key-tables.ts';

/** Where a new key's randomness comes from; tests inject a predictable source. */
export type RandomBytes = (count: number) => Uint8Array;

/** SQLite and PostgreSQL both take this many bound values in one statement comfortably. */
const LOOKUP_CHUNK = 500;
/** A 60-bit key collides so rarely that a second draw is already generous. */
const ATTEMPTS = 5;

/** The map key `ensure` and `keysOf` answer under: `orderNumber#basketId`. */
export const packageId = (t: { readonly orderNumber: string; readonly basketId: number }): string => `${t.orderNumber}#${t.basketId}`;

/**
 * Gives each 送付先 its shipment key on first need and keeps it: the label export, the 納品書
 * barcode and the tracking import all ask here. Safe under concurrency: two callers that
 * assign the same 送付先 at once both end up with the key that was stored first.
 */
export class ShipmentKeyRepository {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly randomBytes: RandomBytes,
    private readonly now: () => Date,
  ) {}

  /** The key of every target, giving new ones to those that have none yet. */
  async ensure(targets: readonly ShipmentTarget[]): Promise<Map<string, string>> {
    const keys = await this.keysOf(targets);
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const missing = targets.filter((t) => !keys.has(packageId(t)));
      if (missing.length === 0) return keys;
      const at = this.now().toISOString();
      for (let i = 0; i < missing.length; i += LOOKUP_CHUNK) {
        const rows = missing.slice(i, i + LOOKUP_CHUNK).map((t) => ({
          shipment_key: shipmentKeyFromBytes(this.randomBytes(SHIPMENT_KEY_RANDOM_CHARS)),
          shop_code: t.shopCode,
          order_number: t.orderNumber,
          basket_id: t.basketId,
          created_at: at,
        }));
        // A row whose package got a key meanwhile, or whose key is taken, is skipped and re-read.
        await this.db.insertInto('shipment_keys').values(rows).onConflict((oc) => oc.doNothing()).execute();
      }
      for (const [id, key] of await this.keysOf(missing)) keys.set(id, key);
    }
    throw new Error(`could not give ${targets.filter((t) => !keys.has(packageId(t))).length} packages a unique shipment key`);
  }

  /** The keys already given to these targets, by `orderNumber#basketId`. */
  async keysOf(targets: readonly { orderNumber: string; basketId: number }[]): Promise<Map<string, string>> {
    const keys = new Map<string, string>();
    const orderNumbers = [...new Set(targets.map((t) => t.orderNumber))];
    const wanted = new Set(targets.map(packageId));
    for (let i = 0; i < orderNumbers.length; i += LOOKUP_CHUNK) {
      const rows = await this.db
        .selectFrom('shipment_keys')
        .select(['shipment_key', 'order_number', 'basket_id'])
        .where('order_number', 'in', orderNumbers.slice(i, i + LOOKUP_CHUNK))
        .execute();
      for (const row of rows) {
        const id = packageId({ orderNumber: row.order_number, basketId: Number(row.basket_id) });
        if (wanted.has(id)) keys.set(id, row.shipment_key);
      }
    }
    return keys;
  }

  /** The 送付先 of each of these keys that was given, by key (keys already normalised). */
  async findMany(keys: readonly string[]): Promise<Map<string, ShipmentTarget>> {
    const found = new Map<string, ShipmentTarget>();
    for (let i = 0; i < keys.length; i += LOOKUP_CHUNK) {
      const rows = await this.db.selectFrom('shipment_keys').selectAll().where('shipment_key', 'in', keys.slice(i, i + LOOKUP_CHUNK)).execute();
      for (const row of rows) found.set(row.shipment_key, { shopCode: row.shop_code, orderNumber: row.order_number, basketId: Number(row.basket_id) });
    }
    return found;
  }

  /** The 送付先 a scanned or typed key names, or null for a key never given. */
  async find(input: string): Promise<ShipmentTarget | null> {
    const key = normaliseShipmentKey(input);
    if (!key) return null;
    const row = await this.db.selectFrom('shipment_keys').selectAll().where('shipment_key', '=', key).executeTakeFirst();
    return row ? { shopCode: row.shop_code, orderNumber: row.order_number, basketId: Number(row.basket_id) } : null;
  }
}
