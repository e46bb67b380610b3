import type { IsoInstant } from '../tables.ts';

/** Rows of the tables migration 0011_paperwork creates. */
export interface PaperworkOrderTable {
  order_number: string;
  shop_code: string;
  first_printed_at: IsoInstant | null;
  printed_at: IsoInstant | null;
  printed_by: string | null;
  print_count: number;
  packed_at: IsoInstant | null;
  packed_by: string | null;
}

export interface PaperworkParcelCheckTable {
  order_number: string;
  basket_id: number;
  checked_at: IsoInstant;
  checked_by: string;
}

export interface PaperworkProductTable {
  shop_code: string;
  manage_number: string;
  sku: string;
  location: string | null;
  jan: string | null;
}

export interface PaperworkRereadTable {
  order_number: string;
  shop_code: string;
}

declare module '../tables.ts' {
  interface Tables {
    paperwork_orders: PaperworkOrderTable;
    paperwork_parcel_checks: PaperworkParcelCheckTable;
    paperwork_products: PaperworkProductTable;
    paperwork_reread: PaperworkRereadTable;
  }
}
