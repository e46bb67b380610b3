import { isoJst } from './iso.ts';

/** What happened to a call besides the operation itself. */
export type LedgerFault = 'unauthorised' | 'maintenance' | 'rateLimited' | 'error5xx' | 'dropped' | 'malformed';

export interface LedgerEntry {
  at: string;
  operation: string;
  orderNumbers: string[];
  httpStatus: number;
  messageCodes: string[];
  changedState: boolean;
  shopId: string | null;
  fault: LedgerFault | null;
}

export function ledgerEntry(at: Date, fields: Omit<LedgerEntry, 'at'>): LedgerEntry {
  return { at: isoJst(at), ...fields };
}

export function filterLedger(entries: readonly LedgerEntry[], orderNumber?: string, operation?: string): LedgerEntry[] {
  return entries.filter(
    (e) => (orderNumber === undefined || e.orderNumbers.includes(orderNumber)) && (operation === undefined || e.operation === operation),
  );
}
