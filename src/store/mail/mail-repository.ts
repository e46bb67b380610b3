import { sql, type Kysely, type Selectable } from 'kysely';
import type { MailState } from '../../domain/mail/mail.ts';
import type { Engine } from '../database.ts';
import type { Tables } from '../tables.ts';
import type { MailMessageTable } from './mail-tables.ts';

/** orderTaken / confirmed / shipped (automatic), rule (a sorting rule's template), manual (staff), resend (再送 of another mail). */
export type MailKind = 'orderTaken' | 'confirmed' | 'shipped' | 'rule' | 'manual' | 'resend';

export interface MailMessage {
  readonly id: number;
  readonly shopCode: string;
  readonly orderNumber: string;
  readonly kind: MailKind;
  readonly templateId: number | null;
  readonly templateName: string | null;
  readonly to: string;
  /** Null until an automatic mail is filled in, when it falls due. */
  readonly subject: string | null;
  readonly body: string | null;
  readonly from: string | null;
  readonly bcc: string | null;
  readonly state: MailState;
  readonly attempts: number;
  readonly dueAt: Date;
  readonly leaseOwner: string | null;
  readonly relayCode: number | null;
  readonly relayResponse: string | null;
  readonly lastError: string | null;
  readonly triggeredBy: string;
  readonly resendOf: number | null;
  readonly resentAs: number | null;
  readonly sentAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface NewMail {
  readonly shopCode: string;
  readonly orderNumber: string;
  readonly kind: MailKind;
  readonly templateId: number | null;
  readonly templateName: string | null;
  readonly to: string;
  readonly subject: string | null;
  readonly body: string | null;
  readonly dueAt: Date;
  readonly triggeredBy: string;
  readonly resendOf?: number;
}

export interface MailFinish {
  readonly state: MailState;
  readonly retryAt: Date | null;
  readonly relayCode: number | null;
  readonly relayResponse: string | null;
  readonly error: string | null;
  readonly now: Date;
  /** The attempt did not count (the relay refused the login; nothing was offered). */
  readonly uncountAttempt?: boolean;
}

export interface MailListQuery {
  readonly shopCodes?: readonly string[];
  readonly orderNumber?: string;
  readonly states?: readonly MailState[];
  /** Newest first; the page after the mail with this id. */
  readonly beforeId?: number;
  readonly limit: number;
}

const AUTOMATIC: readonly MailKind[] = ['orderTaken', 'confirmed', 'shipped'];

/**
 * The unique key that keeps a mail to one per order: each automatic mail once per order, and
 * a sorting rule's template once per order and template (`<order>:rule:<template id>`),
 * whichever rule or run asks for it. Staff's mails and resends have none.
 */
function uniqueKeyOf(mail: NewMail): string | null {
  if (AUTOMATIC.includes(mail.kind)) return `${mail.orderNumber}:${mail.kind}`;
  if (mail.kind === 'rule') {
    if (mail.templateId === null) throw new Error('a rule mail names its template');
    return `${mail.orderNumber}:rule:${mail.templateId}`;
  }
  return null;
}

/**
 * The mail queue, which is also the mail log: one row per mail, from queued to its end.
 * Rows are written in the transaction of the change that calls for them; a worker takes
 * them under a lease on real time, and only the lease holder records the outcome.
 */
export class MailRepository {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly engine: Engine,
  ) {}

  /**
   * Queues mails. An automatic mail is queued once per order and trigger, a rule's template
   * once per order and template: a second request for the same one (a re-import, two workers,
   * a rule run again) is dropped. Returns the rows written.
   */
  async enqueue(mails: readonly NewMail[], now: Date): Promise<MailMessage[]> {
    if (mails.length === 0) return [];
    const at = now.toISOString();
    const rows = await this.db
      .insertInto('mail_messages')
      .values(
        mails.map((m) => ({
          shop_code: m.shopCode,
          order_number: m.orderNumber,
          kind: m.kind,
          auto_key: uniqueKeyOf(m),
          template_id: m.templateId,
          template_name: m.templateName,
          to_address: m.to,
          subject: m.subject,
          body: m.body,
          state: 'queued' as const,
          attempts: 0,
          due_at: m.dueAt.toISOString(),
          triggered_by: m.triggeredBy,
          resend_of: m.resendOf ?? null,
          created_at: at,
          updated_at: at,
        })),
      )
      .onConflict((oc) => oc.column('auto_key').doNothing())
      .returningAll()
      .execute();
    return rows.map(toMail);
  }

  /** The templates sorting rules have queued to each of these orders (any state: a failed one was still sent once). */
  async ruleTemplatesQueued(orderNumbers: readonly string[]): Promise<Map<string, number[]>> {
    const found = new Map<string, number[]>();
    const unique = [...new Set(orderNumbers)];
    for (let i = 0; i < unique.length; i += 400) {
      const rows = await this.db
        .selectFrom('mail_messages')
        .select(['order_number', 'template_id'])
        .where('order_number', 'in', unique.slice(i, i + 400))
        .where('kind', '=', 'rule')
        .execute();
      for (const row of rows) if (row.template_id !== null) found.set(row.order_number, [...(found.get(row.order_number) ?? []), Number(row.template_id)]);
    }
    return found;
  }

  /** Shops with mail due now, for the delivery loop to visit. */
  async shopsWithDueMail(now: Date): Promise<string[]> {
    const rows = await this.db
      .selectFrom('mail_messages')
      .select('shop_code')
      .distinct()
      .where('state', '=', 'queued')
      .where('due_at', '<=', now.toISOString())
      .execute();
    return rows.map((r) => r.shop_code);
  }

  /** Automatic mails due now whose text is not written yet, oldest first. */
  async dueUnrendered(shopCode: string, now: Date, limit: number): Promise<MailMessage[]> {
    const rows = await this.db
      .selectFrom('mail_messages')
      .selectAll()
      .where('state', '=', 'queued')
      .where('due_at', '<=', now.toISOString())
      .where('shop_code', '=', shopCode)
      .where('subject', 'is', null)
      .orderBy('due_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toMail);
  }

  /** Writes a due automatic mail's text; false when someone else got there first. */
  async fill(id: number, text: { subject: string; body: string; templateName: string }, now: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('mail_messages')
      .set({ subject: text.subject, body: text.body, template_name: text.templateName, updated_at: now.toISOString() })
      .where('id', '=', id)
      .where('state', '=', 'queued')
      .where('subject', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** An automatic mail no longer wanted (order cancelled, automatic mail stopped, template gone). */
  withdraw(id: number, reason: string, now: Date): Promise<boolean> {
    return this.closeQueued(id, 'cancelled', reason, now);
  }

  /** A queued mail that cannot go out as it is (e.g. not a mail address): failed, never sent. */
  failUnsent(id: number, error: string, now: Date): Promise<boolean> {
    return this.closeQueued(id, 'failed', error, now);
  }

  /** Ends a mail that is still queued, never one already on its way; false when it was not queued. */
  private async closeQueued(id: number, state: 'cancelled' | 'failed', error: string, now: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('mail_messages')
      .set({ state, last_error: error, updated_at: now.toISOString() })
      .where('id', '=', id)
      .where('state', '=', 'queued')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Leases up to `limit` due, written mails of one shop to `workerId`, stamping the sender's
   * addresses as they go out. Two workers never hold the same mail.
   */
  async claim(
    shopCode: string,
    workerId: string,
    options: { now: Date; leaseNow: Date; leaseMs: number; limit: number; from: string; bcc: string | null },
  ): Promise<MailMessage[]> {
    if (options.limit <= 0) return [];
    const run = async (tx: Kysely<Tables>): Promise<MailMessage[]> => {
      const due = await tx
        .selectFrom('mail_messages')
        .select('id')
        .where('state', '=', 'queued')
        .where('due_at', '<=', options.now.toISOString())
        .where('shop_code', '=', shopCode)
        .where('subject', 'is not', null)
        .orderBy('due_at')
        .orderBy('id')
        .limit(options.limit)
        .$if(this.engine === 'postgres', (qb) => qb.forUpdate().skipLocked())
        .execute();
      if (due.length === 0) return [];
      const rows = await tx
        .updateTable('mail_messages')
        .set((eb) => ({
          state: 'sending',
          lease_owner: workerId,
          lease_until: new Date(options.leaseNow.getTime() + options.leaseMs).toISOString(),
          attempts: eb('attempts', '+', 1),
          from_address: options.from,
          bcc_address: options.bcc,
          updated_at: options.now.toISOString(),
        }))
        .where('id', 'in', due.map((d) => Number(d.id)))
        .where('state', '=', 'queued')
        .returningAll()
        .execute();
      return rows.map(toMail).sort((a, b) => a.id - b.id);
    };
    return this.db.isTransaction ? run(this.db) : this.db.transaction().execute(run);
  }

  /**
   * Mails whose sender's lease ran out mid-send (the worker died or hung): nobody can tell
   * whether the relay took them, so they become unknown, never queued again.
   */
  async expireLeases(leaseNow: Date, now: Date): Promise<number> {
    const result = await this.db
      .updateTable('mail_messages')
      .set({
        state: 'unknown',
        lease_owner: null,
        lease_until: null,
        last_error: 'the sending worker stopped before the relay answered (lease expired)',
        updated_at: now.toISOString(),
      })
      .where('state', '=', 'sending')
      .where('lease_until', '<', leaseNow.toISOString())
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Records an attempt's outcome; false when `workerId` no longer holds the lease. */
  async finish(id: number, workerId: string, outcome: MailFinish): Promise<boolean> {
    const at = outcome.now.toISOString();
    const result = await this.db
      .updateTable('mail_messages')
      .set({
        state: outcome.state,
        due_at: outcome.retryAt ? outcome.retryAt.toISOString() : sql<string>`due_at`,
        ...(outcome.uncountAttempt && { attempts: sql<number>`attempts - 1` }),
        relay_code: outcome.relayCode,
        relay_response: outcome.relayResponse,
        last_error: outcome.error,
        sent_at: outcome.state === 'sent' ? at : null,
        lease_owner: null,
        lease_until: null,
        updated_at: at,
      })
      .where('id', '=', id)
      .where('state', '=', 'sending')
      .where('lease_owner', '=', workerId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * 再送: a failed or unknown mail is queued again as a new mail with the same text, and the
   * old one points at it. At most once per mail, however often the button is pressed.
   * Returns the new mail, or null when the mail is not (or no longer) resendable.
   */
  async resend(id: number, triggeredBy: string, now: Date): Promise<MailMessage | null> {
    const run = async (tx: Kysely<Tables>): Promise<MailMessage | null> => {
      const old = await tx.selectFrom('mail_messages').selectAll().where('id', '=', id).executeTakeFirst();
      if (!old || !['failed', 'unknown'].includes(old.state) || old.resent_as !== null || old.subject === null || old.body === null) return null;
      const [created] = await new MailRepository(tx, this.engine).enqueue(
        [
          {
            shopCode: old.shop_code,
            orderNumber: old.order_number,
            kind: 'resend',
            templateId: old.template_id,
            templateName: old.template_name,
            to: old.to_address,
            subject: old.subject,
            body: old.body,
            dueAt: now,
            triggeredBy,
            resendOf: Number(old.id),
          },
        ],
        now,
      );
      const marked = await tx
        .updateTable('mail_messages')
        .set({ resent_as: created!.id, updated_at: now.toISOString() })
        .where('id', '=', id)
        .where('resent_as', 'is', null)
        .executeTakeFirst();
      if (Number(marked.numUpdatedRows) !== 1) throw new Error(`mail ${id} was resent concurrently`);
      return created!;
    };
    return this.db.isTransaction ? run(this.db) : this.db.transaction().execute(run);
  }

  async get(id: number): Promise<MailMessage | null> {
    const row = await this.db.selectFrom('mail_messages').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toMail(row) : null;
  }

  /** Newest first, keyset on id. */
  async list(query: MailListQuery): Promise<MailMessage[]> {
    let q = this.db.selectFrom('mail_messages').selectAll();
    if (query.shopCodes) q = q.where('shop_code', 'in', query.shopCodes.length > 0 ? [...query.shopCodes] : ['']);
    if (query.orderNumber !== undefined) q = q.where('order_number', '=', query.orderNumber);
    if (query.states && query.states.length > 0) q = q.where('state', 'in', [...query.states]);
    if (query.beforeId !== undefined) q = q.where('id', '<', query.beforeId);
    return (await q.orderBy('id', 'desc').limit(query.limit).execute()).map(toMail);
  }

  /** How many mails of each state, per shop (for the dashboard and the bench). */
  async countByState(shopCodes: readonly string[]): Promise<Partial<Record<MailState, number>>> {
    const rows = await this.db
      .selectFrom('mail_messages')
      .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
      .where('shop_code', 'in', shopCodes.length > 0 ? [...shopCodes] : [''])
      .groupBy('state')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  }
}

function toMail(row: Selectable<MailMessageTable>): MailMessage {
  const date = (v: string | null) => (v === null ? null : new Date(v));
  return {
    id: Number(row.id),
    shopCode: row.shop_code,
    orderNumber: row.order_number,
    kind: row.kind as MailKind,
    templateId: row.template_id === null ? null : Number(row.template_id),
    templateName: row.template_name,
    to: row.to_address,
    subject: row.subject,
    body: row.body,
    from: row.from_address,
    bcc: row.bcc_address,
    state: row.state,
    attempts: Number(row.attempts),
    dueAt: new Date(row.due_at),
    leaseOwner: row.lease_owner,
    relayCode: row.relay_code === null ? null : Number(row.relay_code),
    relayResponse: row.relay_response,
    lastError: row.last_error,
    triggeredBy: row.triggered_by,
    resendOf: row.resend_of === null ? null : Number(row.resend_of),
    resentAs: row.resent_as === null ? null : Number(row.resent_as),
    sentAt: date(row.sent_at),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
