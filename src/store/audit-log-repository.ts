import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { Actor } from '../domain/history.ts';
import { currentClientAddress } from '../ports/audit-origin.ts';
import './admin/tables.ts';
import type { Tables } from './tables.ts';

export interface AuditRecord {
  readonly at: Date;
  readonly actor: Actor;
  /** e.g. `shop.add`, `user.add`, `token.create`. */
  readonly action: string;
  /** What was acted on, e.g. a shop code or a user's email. */
  readonly target: string;
  /** Never credentials, passwords or tokens. */
  readonly details: unknown;
  /** The shop the action concerns, when it concerns one (recorded from migration 0009 on). */
  readonly shopCode?: string | null;
  /** Where the request came from (recorded from migration 0009 on); by default the request being served (audit-origin.ts). */
  readonly clientAddress?: string | null;
}

export interface StoredAuditRecord extends AuditRecord {
  readonly id: number;
  readonly shopCode: string | null;
  readonly clientAddress: string | null;
}

export interface AuditFilter {
  /** The actor's user id, e.g. a user's id or `token:<id>`. */
  readonly userId?: string;
  readonly shopCode?: string;
  /** An action, or a family of them: `order` matches `order.confirm`, `order.hold`… */
  readonly action?: string;
  readonly from?: Date;
  readonly to?: Date;
  /** Records older than this id (the previous page's last). */
  readonly beforeId?: number;
  readonly limit: number;
}

/** Administrative actions, append-only: nothing here updates or deletes. */
export class AuditLogRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  async append(record: AuditRecord): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        at: record.at.toISOString(),
        actor: JSON.stringify(record.actor),
        action: record.action,
        target: record.target,
        details: record.details === undefined ? null : JSON.stringify(record.details),
        shop_code: record.shopCode ?? null,
        client_address: record.clientAddress ?? currentClientAddress(),
      })
      .execute();
  }

  /** The latest `limit` records, newest first. */
  async latest(limit = 100): Promise<StoredAuditRecord[]> {
    return this.query({ limit });
  }

  /** Records matching `filter`, newest first. */
  async query(filter: AuditFilter): Promise<StoredAuditRecord[]> {
    let q = this.db.selectFrom('audit_log').selectAll();
    // The actor column is the JSON of an Actor, written by JSON.stringify above: the user id sits in it verbatim.
    if (filter.userId !== undefined) {
      const userId = filter.userId;
      q = q.where(() => like('actor', `%"userId":${likeEscaped(JSON.stringify(userId))}%`));
    }
    if (filter.shopCode !== undefined) q = q.where('shop_code', '=', filter.shopCode);
    if (filter.action !== undefined) {
      const action = filter.action;
      q = q.where((eb) => eb.or([eb('action', '=', action), like('action', `${likeEscaped(action)}.%`)]));
    }
    if (filter.from !== undefined) q = q.where('at', '>=', filter.from.toISOString());
    if (filter.to !== undefined) q = q.where('at', '<', filter.to.toISOString());
    if (filter.beforeId !== undefined) q = q.where('id', '<', filter.beforeId);
    const rows = await q.orderBy('id', 'desc').limit(filter.limit).execute();
    return rows.map((r) => ({
      id: Number(r.id),
      at: new Date(r.at),
      actor: JSON.parse(r.actor) as Actor,
      action: r.action,
      target: r.target,
      details: r.details === null ? null : JSON.parse(r.details),
      shopCode: r.shop_code,
      clientAddress: r.client_address,
    }));
  }
}

/** `column LIKE pattern` with backslash as the escape character, spelt out: SQLite has no default one. */
function like(column: 'actor' | 'action', pattern: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} like ${pattern} escape '\\'`;
}

/** The text matched literally inside a LIKE pattern. */
function likeEscaped(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
