import { HISTORY_TEXT, historyText, type HistoryLang } from '../../../domain/history-text.ts';
import type { HistoryCode, HistoryMessage } from '../../../domain/history.ts';
import type { HistoryEntryView } from '../../api/types.ts';

/**
 * Order history in the UI's language. The sentences themselves are the domain's catalog
 * (domain/history-text.ts, Japanese and English for every code), because the domain also writes
 * the Japanese one into each entry for API clients; this module picks the sentence for a shown
 * entry. An entry without a code (written before codes existed) or with one this bundle does not
 * know yet (a page loaded before an upgrade) shows the Japanese text it was stored with.
 */
export function historySentence(entry: Pick<HistoryEntryView, 'code' | 'params' | 'summary'>, lang: HistoryLang): string {
  if (entry.code === null || entry.params === null || !isHistoryCode(entry.code)) return entry.summary;
  return historyText({ code: entry.code, params: entry.params } as HistoryMessage, lang);
}

function isHistoryCode(code: string): code is HistoryCode {
  return Object.hasOwn(HISTORY_TEXT.ja, code);
}
