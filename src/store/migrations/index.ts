import * as initial from './0001_initial.ts';
import * as auth from './0003_auth.ts';
import * as sync from './0002_sync.ts';
import * as orderStatusCounts from './0004_order_status_counts.ts';
import * as auditAppendOnly from './0005_audit_append_only.ts';
import * as orderSearchKeys from './0006_order_search_keys.ts';
import * as settingsAndShipmentKeys from './0007_settings_and_shipment_keys.ts';
import * as loginAttempts from './0008_login_attempts.ts';
import * as admin from './0009_admin.ts';
import * as shipping from './0010_shipping.ts';
import * as paperwork from './0011_paperwork.ts';
import * as mail from './0012_mail.ts';
import * as automation from './0013_automation.ts';
import * as historyCodes from './0014_history_codes.ts';
import * as syncMessageCodes from './0015_sync_message_codes.ts';
import * as trackingPreviewRowsByPackage from './0016_tracking_preview_rows_by_package.ts';
import * as savedShippingFilters from './0017_saved_shipping_filters.ts';
import * as syncAlertParams from './0018_sync_alert_params.ts';
import type { NamedMigration } from './schema.ts';

/** Every migration, oldest first. Append new ones at the end; never reorder or edit applied ones. */
export const migrations: readonly NamedMigration[] = [
  initial,
  auth,
  sync,
  orderStatusCounts,
  auditAppendOnly,
  orderSearchKeys,
  settingsAndShipmentKeys,
  loginAttempts,
  admin,
  shipping,
  paperwork,
  mail,
  automation,
  historyCodes,
  syncMessageCodes,
  trackingPreviewRowsByPackage,
  savedShippingFilters,
  syncAlertParams,
];
