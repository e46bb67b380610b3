import type { Generated } from 'kysely';
import type { IsoInstant } from '../tables.ts';

/** Rows and columns migration 0009_admin adds. */
export type OneTimeLinkPurpose = 'setup' | 'invite' | 'reset';

export interface OneTimeLinkTable {
  token_hash: string;
  purpose: OneTimeLinkPurpose;
  /** The account the link sets a password for; null for the first-admin setup link. */
  user_id: string | null;
  created_by: string;
  created_at: IsoInstant;
  expires_at: IsoInstant;
  used_at: IsoInstant | null;
}

export interface ApiTokenShopTable {
  token_id: string;
  shop_code: string;
}

/** The first import of a newly connected shop, as its progress display reads it. */
export interface ShopImportTable {
  shop_code: string;
  started_at: IsoInstant;
  updated_at: IsoInstant;
  finished_at: IsoInstant | null;
  found: number;
  imported: number;
  error: string | null;
}

declare module '../tables.ts' {
  interface Tables {
    one_time_links: OneTimeLinkTable;
    api_token_shops: ApiTokenShopTable;
    shop_imports: ShopImportTable;
  }
  interface UserTable {
    disabled_at: IsoInstant | null;
    last_login_at: IsoInstant | null;
  }
  interface ApiTokenTable {
    created_by: string | null;
    revoked_at: IsoInstant | null;
    all_shops: Generated<number>;
  }
  interface AuditLogTable {
    shop_code: string | null;
    client_address: string | null;
  }
}
