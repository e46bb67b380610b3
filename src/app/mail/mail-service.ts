import { checkMailAddress } from '../../domain/mail/address.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/history.ts';
import { isResendable, type MailTrigger } from '../../domain/mail/mail.ts';
import { checkHeaderText, parseTemplate, type TemplateText } from '../../domain/mail/template.ts';
import type { Order } from '../../domain/order.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Store } from '../../store/store.ts';
import { type MailListQuery, type MailMessage, type NewMail } from '../../store/mail/mail-repository.ts';
import { type RelayAlert } from '../../store/mail/mail-state-repository.ts';
import type { MailTemplateRepository} from '../../store/mail/template-repository.ts';
import { type StoredTemplate } from '../../store/mail/template-repository.ts';
import { callerSeesShop, callerShopCodes, requireCallerShop } from '../caller.ts';
import type { Caller } from '../caller.ts';
import type { MailAccount, MailAccounts } from './account.ts';
import { renderForOrder } from './render.ts';
import { createSmtpTransport, isAuthRefusal, type MailTransport } from './smtp-transport.ts';
import type { SendOutcome } from '../../domain/mail/mail.ts';

export interface TemplateInput extends TemplateText {
  readonly name: string;
  readonly autoTrigger: MailTrigger | null;
}

/** The queued mails and the templates, as the server presents them. */
export type { MailMessage, StoredTemplate };

/** What to send: a stored template, or text written for this send (placeholders allowed). */
export type MailContent = { readonly templateId: number } | TemplateText;

export interface MailServiceDeps {
  readonly store: Store;
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
 * Every method takes the caller first: a shop it may not see, or that shop's order, template or
 * mail, is NOT_FOUND, and the log holds only its shops' mails.
 */
export class MailService {
  constructor(private readonly deps: MailServiceDeps) {}

  private templates(): MailTemplateRepository {
    return this.deps.store.mailTemplates;
  }

  private async account(shopCode: string): Promise<MailAccount> {
    const account = await this.deps.accounts.get(shopCode);
    if (!account) throw new DomainError('MAIL_NOT_CONFIGURED', { shopCode });
    return account;
  }

  async listTemplates(caller: Caller, shopCode: string): Promise<StoredTemplate[]> {
    return this.templates().list(requireCallerShop(caller, shopCode));
  }

  async template(caller: Caller, id: number): Promise<StoredTemplate> {
    const found = await this.templates().get(id);
    if (!found || !callerSeesShop(caller, found.shopCode)) throw notFound(`template ${id}`);
    return found;
  }

  /**
   * Creates (no `id`) or saves over `version`. Refused whole when the text is over 64 KB, names
   * an unknown placeholder or breaks one, or when another template already has the trigger.
   */
  async saveTemplate(caller: Caller, shopCode: string, id: number | null, version: number | null, input: TemplateInput, actor: Actor): Promise<StoredTemplate> {
    requireCallerShop(caller, shopCode);
    parseTemplate(input);
    checkHeaderText('name', input.name, MAX_NAME_CHARS);
    if (input.name.trim() === '') throw new DomainError('VALIDATION_FAILED', { field: 'name', problem: 'required' }, 'name: required');
    const write = { ...input, updatedBy: actorName(actor) };
    const now = this.deps.clock.now();
    return this.deps.store.transaction(async (tx) => {
      const repo = tx.mailTemplates;
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

  private async order(caller: Caller, orderNumber: string): Promise<Order> {
    const order = await this.deps.store.orders.get(orderNumber);
    if (!order || !callerSeesShop(caller, order.shopCode)) throw notFound(`order ${orderNumber}`);
    return order;
  }

  /** Content for a shop the caller was checked to see, so its templates are the caller's too. */
  private async contentText(caller: Caller, shopCode: string, content: MailContent): Promise<{ text: TemplateText; template: StoredTemplate | null }> {
    if ('templateId' in content) {
      const template = await this.template(caller, content.templateId);
      if (template.shopCode !== shopCode) throw notFound(`template ${content.templateId}`);
      return { text: template, template };
    }
    return { text: content, template: null };
  }

  /** The mail as the buyer of `orderNumber` would get it; the template need not be saved yet. */
  async preview(caller: Caller, orderNumber: string, content: MailContent): Promise<TemplateText & { to: string; from: string | null }> {
    const order = await this.order(caller, orderNumber);
    const account = await this.deps.accounts.get(order.shopCode);
    const { text } = await this.contentText(caller, order.shopCode, content);
    const shopName = account?.shopName ?? order.shopCode;
    return { ...renderForOrder(text, order, { name: shopName, settings: account?.settings ?? null }), to: order.buyer.emailAddress, from: account?.settings.fromAddress ?? null };
  }

  /**
   * Queues one mail per order, written now from the content. All or nothing: an order that is
   * missing, of another shop, or whose mail cannot be written refuses the whole send.
   */
  async send(caller: Caller, shopCode: string, orderNumbers: readonly string[], content: MailContent, actor: Actor): Promise<MailMessage[]> {
    requireCallerShop(caller, shopCode);
    const unique = [...new Set(orderNumbers)];
    if (unique.length === 0 || unique.length > MAX_BULK_ORDERS) {
      throw new DomainError('VALIDATION_FAILED', { field: 'orderNumbers', problem: `1 to ${MAX_BULK_ORDERS} orders` }, `orderNumbers: 1 to ${MAX_BULK_ORDERS} orders`);
    }
    const account = await this.account(shopCode);
    const { text, template } = await this.contentText(caller, shopCode, content);
    const orders = new Map((await this.deps.store.orders.getMany(unique)).map((o) => [o.orderNumber, o]));
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
    return this.deps.store.transaction((tx) => tx.mail.enqueue(mails, now));
  }

  /** 再送 of a failed or unknown mail: a new mail with the same text. */
  async resend(caller: Caller, mailId: number, actor: Actor): Promise<MailMessage> {
    const mail = await this.mail(caller, mailId);
    if (!isResendable(mail.state) || mail.resentAs !== null) throw new DomainError('MAIL_NOT_RESENDABLE', { mailId, state: mail.state, resentAs: mail.resentAs });
    const created = await this.deps.store.mail.resend(mailId, actorName(actor), this.deps.clock.now());
    if (!created) throw new DomainError('MAIL_NOT_RESENDABLE', { mailId });
    return created;
  }

  async mail(caller: Caller, id: number): Promise<MailMessage> {
    const found = await this.deps.store.mail.get(id);
    if (!found || !callerSeesShop(caller, found.shopCode)) throw notFound(`mail ${id}`);
    return found;
  }

  /** The log, newest first: a shop asked for by name must be the caller's; without one, all the caller's shops. */
  async list(caller: Caller, query: MailListQuery): Promise<MailMessage[]> {
    for (const code of query.shopCodes ?? []) requireCallerShop(caller, code);
    const shopCodes = callerShopCodes(caller, query.shopCodes);
    return this.deps.store.mail.list({ ...query, ...(shopCodes && { shopCodes }) });
  }

  /** Stops (or resumes) automatic mail for one order; mails already queued for it are withdrawn when due. */
  async setAutoMailStopped(caller: Caller, orderNumber: string, stopped: boolean, actor: Actor): Promise<boolean> {
    const order = await this.order(caller, orderNumber);
    const repo = this.deps.store.mailStates;
    if (stopped) await repo.stop(order.shopCode, orderNumber, actorName(actor), this.deps.clock.now());
    else await repo.resume(orderNumber);
    return stopped;
  }

  async autoMailStopped(caller: Caller, orderNumber: string): Promise<boolean> {
    await this.order(caller, orderNumber);
    return (await this.deps.store.mailStates.stopped([orderNumber])).has(orderNumber);
  }

  authAlerts(caller: Caller): Promise<RelayAlert[]> {
    return this.deps.store.mailStates.authAlerts(callerShopCodes(caller) ?? null);
  }

  /**
   * The settings' "send a test mail": one mail to the shop's own From address through the
   * relay, answered with the relay's exact words. Not queued, not logged as a buyer mail.
   */
  async sendTest(caller: Caller, shopCode: string): Promise<SendOutcome> {
    requireCallerShop(caller, shopCode);
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
      const state = this.deps.store.mailStates;
      if (outcome.kind === 'accepted') await state.recordAccepted(shopCode, now);
      if (isAuthRefusal(outcome)) await state.recordAuthRefused(shopCode, outcome.response, now);
      return outcome;
    } finally {
      transport.close();
    }
  }
}
