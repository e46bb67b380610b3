import type { IsoInstant } from '../tables.ts';

/** The shipment key of each 送付先 (migration 0007; domain/shipping/shipment-key.ts). */
export interface ShipmentKeyTable {
  shipment_key: string;
  shop_code: string;
  order_number: string;
  basket_id: number;
  created_at: IsoInstant;
}

declare module '../tables.ts' {
  interface Tables {
    shipment_keys: ShipmentKeyTable;
  }
}
