import type { Kysely } from 'kysely';
import type { Actor } from '../domain/history.ts';
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
      })
      .execute();
  }

  /** The latest `limit` records, newest first. */
  async latest(limit = 100): Promise<AuditRecord[]> {
    const rows = await this.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r) => ({
      at: new Date(r.at),
      actor: JSON.parse(r.actor) as Actor,
      action: r.action,
      target: r.target,
      details: r.details === null ? null : JSON.parse(r.details),
    }));
  }
}
