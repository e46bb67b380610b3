import type { Generated } from 'kysely';
import type { IsoInstant } from './tables.ts';

/** Rows of the tables migration 0002_sync creates (the sync worker's own state). */
export interface SyncRunTable {
  id: Generated<number>;
  trigger: string;
  shop_filter: string | null;
  worker_id: string;
  started_at: IsoInstant;
  finished_at: IsoInstant | null;
  outcome: string;
  imported: number;
  updated: number;
  pushed: number;
  failed: number;
  cancelled: number;
  quarantined: number;
  rms_calls: number;
  /** JSON: per-shop summaries and the cancelled order numbers. */
  details: string;
}

export interface SyncRunMessageTable {
  id: Generated<number>;
  run_id: number;
  shop_code: string;
  order_number: string | null;
  level: string;
  code: string;
  /** Japanese, for staff. */
  message: string;
  /** English or RMS's own words, for operators. */
  detail: string | null;
  /** JSON object: the sentence's parameters (migration 0015_sync_message_codes); null on older rows. */
  params: string | null;
}

export interface SyncCursorTable {
  shop_code: string;
  name: string;
  position: IsoInstant;
  updated_at: IsoInstant;
}

export interface SyncLeaseTable {
  shop_code: string;
  owner: string;
  lease_until: IsoInstant;
}

export interface RmsRateSlotTable {
  license_id: string;
  next_slot_ms: number;
}

export interface SyncQuarantineTable {
  id: Generated<number>;
  shop_code: string;
  order_number: string | null;
  run_id: number | null;
  error: string;
  raw: string;
  at: IsoInstant;
}

export interface SyncShopStateTable {
  shop_code: string;
  alert_code: string | null;
  /** The Japanese sentence of an alert written before migration 0018; null on later ones. */
  alert_message: string | null;
  /** JSON parameters of `alert_code` (from migration 0018 on); null on older alerts. */
  alert_params: string | null;
  alert_at: IsoInstant | null;
  last_run_at: IsoInstant | null;
  last_success_at: IsoInstant | null;
}

export interface SyncAsyncRequestTable {
  request_id: string;
  shop_code: string;
  /** JSON array of the outbox ids the request carries. */
  outbox_ids: string;
  sent_at: IsoInstant;
}

declare module './tables.ts' {
  interface Tables {
    sync_runs: SyncRunTable;
    sync_run_messages: SyncRunMessageTable;
    sync_cursors: SyncCursorTable;
    sync_leases: SyncLeaseTable;
    rms_rate_slots: RmsRateSlotTable;
    sync_quarantine: SyncQuarantineTable;
    sync_shop_state: SyncShopStateTable;
    sync_async_requests: SyncAsyncRequestTable;
  }
}
