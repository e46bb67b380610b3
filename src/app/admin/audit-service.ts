import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Actor } from '../../domain/history.ts';
import { toJstIso } from '../../domain/jst.ts';
import type { Clock } from '../../ports/clock.ts';
import type { AuditFilter, StoredAuditRecord } from '../../store/audit-log-repository.ts';
import type { Store } from '../../store/store.ts';
import { requireAdmin } from './requester.ts';
import type { Requester } from './requester.ts';

/** The records the audit log answers, as the server presents them. */
export type { StoredAuditRecord };

export type AuditQuery = Omit<AuditFilter, 'limit' | 'beforeId'>;

/** Rows one CSV export holds at most: a year of a busy shop's administration, not an unbounded dump. */
export const AUDIT_EXPORT_MAX_ROWS = 100_000;
const EXPORT_BATCH = 1_000;
/** What the viewer shows where a record from before migration 0009 has no shop or address. */
export const NOT_RECORDED = '—';

/** The audit log: what callers record in it, and for admins filtered pages and the same filter as a streamed CSV. */
export class AuditService {
  constructor(private readonly deps: { readonly store: Store; readonly clock: Clock }) {}

  /** Appends who did what to which target, at the clock's time; the caller has already been allowed the action. */
  async record(actor: Actor, action: string, target: string, details: unknown): Promise<void> {
    const at = this.deps.clock.now();
    await this.deps.store.transaction((tx) => tx.auditLog.append({ at, actor, action, target, details }));
  }

  async page(query: AuditQuery, page: { limit: number; beforeId?: number }, requester: Requester): Promise<{ items: StoredAuditRecord[]; nextCursor: number | null }> {
    requireAdmin(requester);
    const items = await this.deps.store.auditLog.query({ ...query, ...page, limit: page.limit + 1 });
    const more = items.length > page.limit;
    const shown = more ? items.slice(0, page.limit) : items;
    return { items: shown, nextCursor: more ? shown.at(-1)!.id : null };
  }

  /** UTF-8 CSV with a BOM (so Excel reads the Japanese), newest first, read in batches as it is sent. */
  exportCsv(query: AuditQuery, requester: Requester): Readable {
    requireAdmin(requester);
    const repo = this.deps.store.auditLog;
    async function* rows() {
      let beforeId: number | undefined;
      let sent = 0;
      while (sent < AUDIT_EXPORT_MAX_ROWS) {
        const batch = await repo.query({ ...query, limit: Math.min(EXPORT_BATCH, AUDIT_EXPORT_MAX_ROWS - sent), ...(beforeId !== undefined && { beforeId }) });
        for (const record of batch) yield csvRow(record);
        sent += batch.length;
        if (batch.length < EXPORT_BATCH) return;
        beforeId = batch.at(-1)!.id;
      }
    }
    const csv = stringify({
      bom: true,
      header: true,
      columns: ['日時', '実行者', '操作', '対象', '店舗', '接続元', '詳細'],
      record_delimiter: 'windows',
    });
    return Readable.from(rows()).pipe(csv);
  }
}

/** Who did it, in words: a user's name, an API token's, or the part of juchu that acted. */
export function actorLabel(record: StoredAuditRecord): string {
  const actor = record.actor;
  return actor.kind === 'user' ? actor.name : actor.kind === 'system' ? `システム（${actor.name}）` : 'RMS';
}

function csvRow(record: StoredAuditRecord): string[] {
  return [
    toJstIso(record.at),
    actorLabel(record),
    record.action,
    record.target,
    record.shopCode ?? NOT_RECORDED,
    record.clientAddress ?? NOT_RECORDED,
    record.details === null ? '' : JSON.stringify(record.details),
  ];
}
