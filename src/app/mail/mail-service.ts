import { checkMailAddress } from '../../domain/mail/address.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/history.ts';
import { isResendable, type MailTrigger } from '../../domain/mail/mail.ts';
import { checkHeaderText, parseTemplate, type TemplateText } from '../../domain/mail/template.ts';
import type { Order } from '../../domain/order.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Database } from '../../store/database.ts';
import { MailRepository, type MailListQuery, type MailMessage, type NewMail } from '../../store/mail/mail-repository.ts';
import { MailStateRepository, type RelayAlert } from '../../store/mail/mail-state-repository.ts';
import { MailTemplateRepository, type StoredTemplate } from '../../store/mail/template-repository.ts';
import { OrderRepository } from '../../store/order-repository.ts';
import type { MailAccount, MailAccounts } from './account.ts';
import { renderForOrder } from './render.ts';
import { createSmtpTransport, isAuthRefusal, type MailTransport } from './smtp-transport.ts';
import type { SendOutcome } from '../../domain/mail/mail.ts';

export interface TemplateInput extends TemplateText {
  readonly name: string;
  readonly autoTrigger: MailTrigger | null;
}

/** What to send: a stored template, or text written for this send (placeholders allowed). */
export type MailContent = { readonly templateId: number } | TemplateText;

export interface MailServiceDeps {
  readonly db: Database;
  readonly clock: Clock;
  readonly accounts: MailAccounts;
  /** The transport for the test button; nodemailer's pooled SMTP by default. */
  readonly transportFor?: (account: MailAccount) => MailTransport;
}

/** Most orders one bulk send takes. */
export const MAX_BULK_ORDERS = 500;
const MAX_NAME_CHARS = 100;

export function actorName(actor: Actor): string {
  return actor.kind === 'rms' ? 'RMS' : actor.name;
}

function notFound(what: string): DomainError {
  return new DomainError('NOT_FOUND', { what }, `${what} not found`);
}

/**
 * Buyer mail for staff: templates (checked when saved), previews against a real order, mails
 * by hand (one order or many, from a template or written for the occasion), 再送, the stop
 * switch for automatic mail, and the log. Mails are queued here and sent by the delivery loop.
 */
export class MailService {
  constructor(private readonly deps: MailServiceDeps) {}

  private templates(): MailTemplateRepository {
    return new MailTemplateRepository(this.deps.db.kysely);
  }

  private async account(shopCode: string): Promise<MailAccount> {
    const account = await this.deps.accounts.get(shopCode);
    if (!account) throw new DomainError('MAIL_NOT_CONFIGURED', { shopCode });
    return account;
  }

  listTemplates(shopCode: string): Promise<StoredTemplate[]> {
    return this.templates().list(shopCode);
  }

  async template(id: number): Promise<StoredTemplate> {
    const found = await this.templates().get(id);
    if (!found) throw notFound(`template ${id}`);
    return found;
  }

  /**
   * Creates (no `id`) or saves over `version`. Refused whole when the text is over 64 KB, names
   * an unknown placeholder or breaks one, or when another template already has the trigger.
   */
  async saveTemplate(shopCode: string, id: number | null, version: number | null, input: TemplateInput, actor: Actor): Promise<StoredTemplate> {
    parseTemplate(input);
    checkHeaderText('name', input.name, MAX_NAME_CHARS);
    if (input.name.trim() === '') throw new DomainError('VALIDATION_FAILED', { field: 'name', problem: 'required' }, 'name: required');
    const write = { ...input, updatedBy: actorName(actor) };
    const now = this.deps.clock.now();
    return this.deps.db.transaction(async (tx) => {
      const repo = new MailTemplateRepository(tx);
      if (input.autoTrigger !== null) {
        const holder = await repo.holderOf(shopCode, input.autoTrigger);
        if (holder && holder.id !== id) throw new DomainError('MAIL_TEMPLATE_IN_USE', { trigger: input.autoTrigger, templateId: holder.id });
      }
      if (id === null) return repo.insert(shopCode, write, now);
      const existing = await repo.get(id);
      if (!existing || existing.shopCode !== shopCode) throw notFound(`template ${id}`);
      const saved = await repo.update(id, version ?? existing.version, write, now);
      if (!saved) throw new DomainError('VERSION_CONFLICT', { templateId: id });
      return saved;
    });
  }

  private async order(orderNumber: string): Promise<Order> {
    const order = await new OrderRepository(this.deps.db.kysely).get(orderNumber);
    if (!order) throw notFound(`order ${orderNumber}`);
    return order;
  }

  private async contentText(shopCode: string, content: MailContent): Promise<{ text: TemplateText; template: StoredTemplate | null }> {
    if ('templateId' in content) {
      const template = await this.template(content.templateId);
      if (template.shopCode !== shopCode) throw notFound(`template ${content.templateId}`);
      return { text: template, template };
    }
    return { text: content, template: null };
  }

  /** The mail as the buyer of `orderNumber` would get it; the template need not be saved yet. */
  async preview(orderNumber: string, content: MailContent): Promise<TemplateText & { to: string; from: string | null }> {
    const order = await this.order(orderNumber);
    const account = await this.deps.accounts.get(order.shopCode);
    const { text } = await this.contentText(order.shopCode, content);
    const shopName = account?.shopName ?? order.shopCode;
    return { ...renderForOrder(text, order, { name: shopName, settings: account?.settings ?? null }), to: order.buyer.emailAddress, from: account?.settings.fromAddress ?? null };
  }

  /**
   * Queues one mail per order, written now from the content. All or nothing: an order that is
   * missing, of another shop, or whose mail cannot be written refuses the whole send.
   */
  async send(shopCode: string, orderNumbers: readonly string[], content: MailContent, actor: Actor): Promise<MailMessage[]> {
    const unique = [...new Set(orderNumbers)];
    if (unique.length === 0 || unique.length > MAX_BULK_ORDERS) {
      throw new DomainError('VALIDATION_FAILED', { field: 'orderNumbers', problem: `1 to ${MAX_BULK_ORDERS} orders` }, `orderNumbers: 1 to ${MAX_BULK_ORDERS} orders`);
    }
    const account = await this.account(shopCode);
    const { text, template } = await this.contentText(shopCode, content);
    const orders = new Map((await new OrderRepository(this.deps.db.kysely).getMany(unique)).map((o) => [o.orderNumber, o]));
    const now = this.deps.clock.now();
    const mails: NewMail[] = unique.map((n) => {
      const order = orders.get(n);
      if (!order || order.shopCode !== shopCode) throw notFound(`order ${n}`);
      const to = checkMailAddress('to', order.buyer.emailAddress);
      const rendered = renderForOrder(text, order, { name: account.shopName, settings: account.settings });
      checkHeaderText('subject', rendered.subject, 998);
      return {
        shopCode,
        orderNumber: n,
        kind: 'manual',
        templateId: template?.id ?? null,
        templateName: template?.name ?? null,
        to,
        subject: rendered.subject,
        body: rendered.body,
        dueAt: now,
        triggeredBy: actorName(actor),
      };
    });
    return this.deps.db.transaction((tx) => new MailRepository(tx, this.deps.db.dialect).enqueue(mails, now));
  }

  /** 再送 of a failed or unknown mail: a new mail with the same text. */
  async resend(mailId: number, actor: Actor): Promise<MailMessage> {
    const mail = await this.mail(mailId);
    if (!isResendable(mail.state) || mail.resentAs !== null) throw new DomainError('MAIL_NOT_RESENDABLE', { mailId, state: mail.state, resentAs: mail.resentAs });
    const created = await new MailRepository(this.deps.db.kysely, this.deps.db.dialect).resend(mailId, actorName(actor), this.deps.clock.now());
    if (!created) throw new DomainError('MAIL_NOT_RESENDABLE', { mailId });
    return created;
  }

  async mail(id: number): Promise<MailMessage> {
    const found = await new MailRepository(this.deps.db.kysely, this.deps.db.dialect).get(id);
    if (!found) throw notFound(`mail ${id}`);
    return found;
  }

  list(query: MailListQuery): Promise<MailMessage[]> {
    return new MailRepository(this.deps.db.kysely, this.deps.db.dialect).list(query);
  }

  /** Stops (or resumes) automatic mail for one order; mails already queued for it are withdrawn when due. */
  async setAutoMailStopped(orderNumber: string, stopped: boolean, actor: Actor): Promise<boolean> {
    const order = await this.order(orderNumber);
    const repo = new MailStateRepository(this.deps.db.kysely);
    if (stopped) await repo.stop(order.shopCode, orderNumber, actorName(actor), this.deps.clock.now());
    else await repo.resume(orderNumber);
    return stopped;
  }

  async autoMailStopped(orderNumber: string): Promise<boolean> {
    return (await new MailStateRepository(this.deps.db.kysely).stopped([orderNumber])).has(orderNumber);
  }

  authAlerts(shopCodes: readonly string[] | null): Promise<RelayAlert[]> {
    return new MailStateRepository(this.deps.db.kysely).authAlerts(shopCodes);
  }

  /**
   * The settings' "send a test mail": one mail to the shop's own From address through the
   * relay, answered with the relay's exact words. Not queued, not logged as a buyer mail.
   */
  async sendTest(shopCode: string): Promise<SendOutcome> {
    const account = await this.account(shopCode);
    const transport = this.deps.transportFor ? this.deps.transportFor(account) : createSmtpTransport(account.settings, account.password);
    try {
      const now = this.deps.clock.now();
      const outcome = await transport.send({
        messageId: `<test-${now.getTime()}.${shopCode}@juchu>`,
        to: account.settings.fromAddress,
        subject: `【juchu】テストメール ${account.shopName}`,
        body: `juchu からのテストメールです。\nRakuten の SMTP リレー（${account.settings.host}:${account.settings.port}）経由で送信しました。\n`,
      });
      const state = new MailStateRepository(this.deps.db.kysely);
      if (outcome.kind === 'accepted') await state.recordAccepted(shopCode, now);
      if (isAuthRefusal(outcome)) await state.recordAuthRefused(shopCode, outcome.response, now);
      return outcome;
    } finally {
      transport.close();
    }
  }
}
