import { isoJst } from './iso.ts';

/** What happened to a call besides the operation itself. */
export type LedgerFault = 'unauthorised' | 'maintenance' | 'rateLimited' | 'error5xx' | 'dropped' | 'malformed';

export interface LedgerEntry {
  /** Sandbox time (it may stand still or jump). */
  at: string;
  /** Real time the request arrived and was answered: what rate limits and overlap are judged on. */
  receivedAt: string;
  answeredAt: string;
  operation: string;
  orderNumbers: string[];
  httpStatus: number;
  messageCodes: string[];
  changedState: boolean;
  shopId: string | null;
  fault: LedgerFault | null;
}

export function ledgerEntry(at: Date, receivedMs: number, fields: Omit<LedgerEntry, 'at' | 'receivedAt' | 'answeredAt'>): LedgerEntry {
  return { at: isoJst(at), receivedAt: isoJst(new Date(receivedMs)), answeredAt: isoJst(new Date()), ...fields };
}

export function filterLedger(entries: readonly LedgerEntry[], orderNumber?: string, operation?: string): LedgerEntry[] {
  return entries.filter(
    (e) => (orderNumber === undefined || e.orderNumbers.includes(orderNumber)) && (operation === undefined || e.operation === operation),
  );
}
