/** The HTTP contract's shapes, inferred from the server's zod schemas so the two never drift. */
export type {
  BulkConfirmResult,
  Dashboard as DashboardView,
  Health,
  HistoryItem as HistoryEntryView,
  OrderDetail,
  OrderList as OrderPage,
  OrderPatch as OrderEditBody,
  OrderSummary,
  PendingOperation as PendingOperationView,
  Role,
  Session,
  SessionUser,
  ShipmentInput as ShipmentBody,
  Shop as ShopView,
  StatusCounts,
  SyncRunList,
  SyncRunSummary,
} from '../../server/api/schemas.ts';

export type { Settings as SettingsView } from '../../server/api/settings-schemas.ts';
export type { DeadlineStatus as DeadlineView } from '../../domain/deadline.ts';
export type LicenseLevel = 'ok' | '14d' | '7d' | '1d' | 'expired';
