import type { Generated } from 'kysely';
import type { IsoInstant } from '../tables.ts';

/** Rows of the tables migration 0010_shipping creates. */
export interface ShippingExportTable {
  order_number: string;
  basket_id: number;
  shop_code: string;
  shipment_key: string;
  profile_id: string;
  profile_version: number;
  service: string;
  rms_carrier_code: string;
  parcels: number;
  first_exported_at: IsoInstant;
  exported_at: IsoInstant;
  export_count: number;
}

export interface ShippingChoiceTable {
  order_number: string;
  basket_id: number;
  shop_code: string;
  /** Null: the method follows the shop's rules. */
  profile_id: string | null;
  service: string | null;
  cool: string | null;
  parcels: number;
  updated_at: IsoInstant;
}

export interface TrackingPreviewTable {
  id: string;
  created_by: string;
  created_at: IsoInstant;
  file_name: string;
  /** 'simple' or a carrier profile id. */
  format: string;
  /** JSON: counts per outcome and the shops the rows belong to. */
  summary: string;
  committed_at: IsoInstant | null;
  commit_result: string | null;
}

export interface TrackingPreviewRowTable {
  preview_id: string;
  line: number;
  key: string;
  shop_code: string | null;
  order_number: string | null;
  basket_id: number | null;
  delivery_company: string | null;
  shipping_number: string;
  shipping_date: string | null;
  /** 'add' (a new parcel), 'exists' (already on the 送付先: nothing to do) or 'refused'. */
  outcome: string;
  reason: string | null;
  detail: string | null;
}

declare module '../tables.ts' {
  interface Tables {
    shipping_exports: ShippingExportTable;
    shipping_choices: ShippingChoiceTable;
    tracking_previews: TrackingPreviewTable;
    tracking_preview_rows: TrackingPreviewRowTable;
  }
}

/** Rows of migration 0017_saved_shipping_filters: a named 出荷作業 selection. */
export interface ShippingSavedFilterTable {
  id: Generated<number>;
  /** '' for every shop the user can see. */
  shop_code: string;
  name: string;
  /** JSON: the SavedSelection (domain/shipping/saved-filter.ts). */
  selection: string;
  created_by: string;
  created_at: IsoInstant;
  updated_at: IsoInstant;
}

declare module '../tables.ts' {
  interface Tables {
    shipping_saved_filters: ShippingSavedFilterTable;
  }
}
