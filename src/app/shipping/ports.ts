import type { PackageRef } from '../../store/shipping/shipping-repository.ts';
import type { Store } from '../../store/store.ts';
import type { ShopShippingContext } from './settings.ts';

/** A 送付先 with the shop it belongs to. */
export interface ShopPackageRef extends PackageRef {
  readonly shopCode: string;
}

/**
 * Shipment keys: one per 送付先, ≤15 letters and digits, the same on every export. The
 * foundation's repository assigns them on first need and finds the 送付先 of a key.
 */
export interface ShipmentKeys {
  /** Keys by `packageRefKey`, assigning the missing ones in `tx`. */
  assign(tx: Store, refs: readonly ShopPackageRef[], now: Date): Promise<Map<string, string>>;
  /** The 送付先 of each known key (keys compared in upper case). */
  resolve(tx: Store, keys: readonly string[]): Promise<Map<string, ShopPackageRef>>;
}

/** A shop's shipping settings and sender block. */
export type ShippingContextSource = (tx: Store, shopCode: string) => Promise<ShopShippingContext>;
