import type { Kysely, Selectable } from 'kysely';
import type { MailTrigger } from '../../domain/mail/mail.ts';
import type { Tables } from '../tables.ts';
import type { MailTemplateTable } from './mail-tables.ts';

export interface StoredTemplate {
  readonly id: number;
  readonly shopCode: string;
  readonly name: string;
  readonly subject: string;
  readonly body: string;
  readonly autoTrigger: MailTrigger | null;
  readonly version: number;
  readonly updatedBy: string;
  readonly updatedAt: Date;
}

export interface TemplateWrite {
  readonly name: string;
  readonly subject: string;
  readonly body: string;
  readonly autoTrigger: MailTrigger | null;
  readonly updatedBy: string;
}

/** Templates per shop; at most one per automatic trigger (a unique index keeps it so). */
export class MailTemplateRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  async list(shopCode: string): Promise<StoredTemplate[]> {
    return (await this.db.selectFrom('mail_templates').selectAll().where('shop_code', '=', shopCode).orderBy('id').execute()).map(toTemplate);
  }

  async get(id: number): Promise<StoredTemplate | null> {
    const row = await this.db.selectFrom('mail_templates').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toTemplate(row) : null;
  }

  /** The templates switched on for a trigger, per shop. */
  async forTrigger(shopCodes: readonly string[], trigger: MailTrigger): Promise<Map<string, StoredTemplate>> {
    if (shopCodes.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('mail_templates')
      .selectAll()
      .where('shop_code', 'in', [...new Set(shopCodes)])
      .where('auto_trigger', '=', trigger)
      .execute();
    return new Map(rows.map((r) => [r.shop_code, toTemplate(r)]));
  }

  /** The shop's template now holding `trigger`, if any. */
  async holderOf(shopCode: string, trigger: MailTrigger): Promise<StoredTemplate | null> {
    return (await this.forTrigger([shopCode], trigger)).get(shopCode) ?? null;
  }

  async insert(shopCode: string, write: TemplateWrite, now: Date): Promise<StoredTemplate> {
    const at = now.toISOString();
    const row = await this.db
      .insertInto('mail_templates')
      .values({
        shop_code: shopCode,
        name: write.name,
        subject: write.subject,
        body: write.body,
        auto_trigger: write.autoTrigger,
        version: 1,
        updated_by: write.updatedBy,
        created_at: at,
        updated_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toTemplate(row);
  }

  /** Saves over `version`; null when the template changed meanwhile (or is gone). */
  async update(id: number, version: number, write: TemplateWrite, now: Date): Promise<StoredTemplate | null> {
    const row = await this.db
      .updateTable('mail_templates')
      .set({
        name: write.name,
        subject: write.subject,
        body: write.body,
        auto_trigger: write.autoTrigger,
        version: version + 1,
        updated_by: write.updatedBy,
        updated_at: now.toISOString(),
      })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
    return row ? toTemplate(row) : null;
  }
}

function toTemplate(row: Selectable<MailTemplateTable>): StoredTemplate {
  return {
    id: Number(row.id),
    shopCode: row.shop_code,
    name: row.name,
    subject: row.subject,
    body: row.body,
    autoTrigger: row.auto_trigger as MailTrigger | null,
    version: Number(row.version),
    updatedBy: row.updated_by,
    updatedAt: new Date(row.updated_at),
  };
}
