import type { Generated } from 'kysely';

/**
 * Row types of every table, as both engines hand them to us after the mappings in
 * database.ts: instants are ISO-8601 UTC text (`2026-01-02T03:04:05.000Z`, which sorts
 * chronologically as text), booleans are 0/1, money is integer yen with NULL for undetermined,
 * JSON is text. Later migrations add their tables here by declaration merging:
 * `declare module './tables.ts' { interface Tables { sync_runs: SyncRunTable } }`.
 */
export interface Tables {
  shops: ShopTable;
  orders: OrderTable;
  order_history: OrderHistoryTable;
  outbox: OutboxTable;
  users: UserTable;
  user_shops: UserShopTable;
  api_tokens: ApiTokenTable;
  audit_log: AuditLogTable;
  order_status_counts: OrderStatusCountTable;
  order_search_keys: OrderSearchKeyTable;
}

export type IsoInstant = string;
export type Flag = 0 | 1;

export interface ShopTable {
  code: string;
  name: string;
  auto_confirm: Flag;
  cancel_via_api: Flag;
  rms_url: string;
  /** AES-256-GCM envelopes (see ports/secret-box.ts); never the raw secret. */
  service_secret_sealed: string;
  license_key_sealed: string;
  license_expires_at: IsoInstant | null;
  rate_limit_per_second: number;
  created_at: IsoInstant;
  updated_at: IsoInstant;
}

export interface OrderTable {
  order_number: string;
  shop_code: string;
  status: string;
  status_before_hold: string | null;
  rms_progress: number;
  ordered_at: IsoInstant;
  confirmation_deadline: IsoInstant;
  /** Normalised for prefix search (see order-search.ts). */
  buyer_name: string;
  buyer_name_kana: string;
  phone_digits: string;
  request_price: number | null;
  version: number;
  /** The whole aggregate (order-document.ts); the columns above are derived from it. */
  document: string;
  created_at: IsoInstant;
  updated_at: IsoInstant;
}

/** Orders per shop and status, kept by triggers (migration 0004); the application only reads it. */
export interface OrderStatusCountTable {
  shop_code: string;
  status: string;
  n: number;
}

/** Every prefix a search may type of an order's buyer name, kana and phone digits (migration 0006). */
export interface OrderSearchKeyTable {
  search_key: string;
  confirmation_deadline: IsoInstant;
  order_number: string;
}

export interface OrderHistoryTable {
  id: Generated<number>;
  order_number: string;
  shop_code: string;
  at: IsoInstant;
  actor: string;
  action: string;
  summary: string;
  /** The HistoryCode and its parameters (JSON); null on rows older than migration 0014. */
  code: string | null;
  params: string | null;
  before: string | null;
  after: string | null;
}

export type OutboxState = 'pending' | 'in_flight' | 'succeeded' | 'failed' | 'unknown';

export interface OutboxTable {
  id: Generated<number>;
  shop_code: string;
  order_number: string;
  /** Position among the order's operations: they reach RMS in this order. */
  seq: number;
  kind: string;
  payload: string;
  state: OutboxState;
  attempts: number;
  next_attempt_at: IsoInstant;
  lease_owner: string | null;
  lease_until: IsoInstant | null;
  last_error: string | null;
  rms_message: string | null;
  /** juchu's own word on the outcome, a code of domain/sync-messages.ts (migration 0014); null when RMS's message says it. */
  outcome_code: string | null;
  created_at: IsoInstant;
  updated_at: IsoInstant;
}

export interface UserTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  role: string;
  created_at: IsoInstant;
}

export interface UserShopTable {
  user_id: string;
  shop_code: string;
}

export interface ApiTokenTable {
  id: string;
  name: string;
  role: string;
  token_hash: string;
  created_at: IsoInstant;
  last_used_at: IsoInstant | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: IsoInstant;
  actor: string;
  action: string;
  target: string;
  details: string | null;
}
