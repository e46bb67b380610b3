import type { IsoInstant } from '../tables.ts';

/** One concern's settings document for one shop (migration 0007). */
export interface ShopSettingsTable {
  shop_code: string;
  concern: string;
  /** 1 for the first save; each save adds one. */
  version: number;
  /** JSON; sealed secrets inside it are SecretBox envelopes, never plain text. */
  document: string;
  updated_at: IsoInstant;
  /** JSON Actor (domain/history.ts). */
  updated_by: string;
}

declare module '../tables.ts' {
  interface Tables {
    shop_settings: ShopSettingsTable;
  }
}
