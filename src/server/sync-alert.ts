import { syncAlertText } from '../domain/sync-messages.ts';
import type { SyncMessageParams } from '../domain/sync-messages.ts';
import type { SyncAlertDetail } from './api/schemas.ts';

/** A shop's sync alert as the app hands it (the store's SyncAlert), or none. */
export type ShopSyncAlert = { readonly code: string; readonly params: SyncMessageParams | null; readonly storedText: string | null } | null;

/** A shop's sync alert as the API answers it: the Japanese sentence, and the code with its parameters. */
export function presentSyncAlert(alert: ShopSyncAlert): { readonly text: string | null; readonly detail: SyncAlertDetail } {
  if (alert === null) return { text: null, detail: null };
  return { text: syncAlertText(alert, 'ja'), detail: { code: alert.code, params: alert.params && { ...alert.params } } };
}

/** The shop list's and shop detail's alert fields. */
export function syncAlertFields(alert: ShopSyncAlert): { readonly syncAlert: string | null; readonly syncAlertDetail: SyncAlertDetail } {
  const { text, detail } = presentSyncAlert(alert);
  return { syncAlert: text, syncAlertDetail: detail };
}
