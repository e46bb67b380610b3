import { syncMessageText, type Lang } from '../../../domain/sync-messages.ts';
import type { SyncAlertDetail } from '../../../server/api/schemas.ts';

/**
 * A shop's sync alert in the UI's language, made from its code and parameters. An alert stored
 * before alerts had parameters, or with a code this bundle does not know yet, shows the
 * Japanese text the API answered.
 */
export function syncAlertSentence(text: string, detail: SyncAlertDetail, lang: Lang): string {
  return (detail && syncMessageText(detail.code, detail.params, lang)) ?? text;
}
