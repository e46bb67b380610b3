import type { MailContent, MailMessage, StoredTemplate } from '../../app/mail/mail-service.ts';
import { toJstIso } from '../../domain/jst.ts';
import { isResendable, MAIL_STATE_LABELS } from '../../domain/mail/mail.ts';
import { PLACEHOLDER_NAMES, PLACEHOLDERS } from '../../domain/mail/placeholders.ts';
import {
  AutoMailSwitchSchema,
  DemoMailboxSchema,
  MailAuthAlertsSchema,
  MailIdParamsSchema,
  MailListQuerySchema,
  MailListSchema,
  MailOrderParamsSchema,
  MailPreviewInputSchema,
  MailPreviewSchema,
  MailSchema,
  MailSendInputSchema,
  MailSendResultSchema,
  MailShopParamsSchema,
  MailTemplateInputSchema,
  MailTemplateListSchema,
  MailTemplateParamsSchema,
  MailTemplateSchema,
  MailTestResultSchema,
  OrderMailsSchema,
} from '../api/mail-schemas.ts';
import type { Mail, MailTemplate } from '../api/mail-schemas.ts';
import { actorOf } from '../auth/principal.ts';
import type { ServerContext } from '../context.ts';
import { defineRoute } from '../route.ts';
import type { AnyRoute } from '../route.ts';

const TEMPLATE_ERRORS = ['MAIL_TEMPLATE_TOO_LARGE', 'MAIL_TEMPLATE_INVALID', 'MAIL_PLACEHOLDER_UNKNOWN', 'MAIL_HEADER_INJECTION'];

export function presentMail(mail: MailMessage): Mail {
  return {
    id: mail.id,
    shopCode: mail.shopCode,
    orderNumber: mail.orderNumber,
    kind: mail.kind,
    templateName: mail.templateName,
    to: mail.to,
    from: mail.from,
    bcc: mail.bcc,
    subject: mail.subject,
    body: mail.body,
    state: mail.state,
    stateLabel: MAIL_STATE_LABELS[mail.state].ja,
    attempts: mail.attempts,
    dueAt: toJstIso(mail.dueAt),
    relayCode: mail.relayCode,
    relayResponse: mail.relayResponse,
    lastError: mail.lastError,
    triggeredBy: mail.triggeredBy,
    resendOf: mail.resendOf,
    resentAs: mail.resentAs,
    resendable: isResendable(mail.state) && mail.resentAs === null,
    sentAt: mail.sentAt && toJstIso(mail.sentAt),
    createdAt: toJstIso(mail.createdAt),
    updatedAt: toJstIso(mail.updatedAt),
  };
}

function presentTemplate(t: StoredTemplate): MailTemplate {
  return { ...t, updatedAt: toJstIso(t.updatedAt) };
}

function contentOf(body: { templateId: number } | { subject: string; body: string }): MailContent {
  return 'templateId' in body ? { templateId: body.templateId } : { subject: body.subject, body: body.body };
}

/**
 * Buyer mail (docs/MAIL.md): templates, preview, sending by hand, the log, 再送, the stop switch.
 * MailService answers NOT_FOUND for a shop, order or mail the principal may not see.
 */
export function mailRoutes(ctx: ServerContext): AnyRoute[] {
  const mail = ctx.mail;

  const demo = ctx.demoMailbox;
  const demoRoutes = demo
    ? [
        defineRoute({
          method: 'GET',
          url: '/api/demo/mailbox',
          summary: 'Demo only: what the sandbox SMTP relay received, newest first',
          tag: 'mail',
          access: 'reader',
          response: DemoMailboxSchema,
          handler: async () => ({ messages: [...demo()].reverse().slice(0, 200) }),
        }),
      ]
    : [];

  return [
    ...demoRoutes,
    defineRoute({
      method: 'GET',
      url: '/api/shops/:shopCode/mail/templates',
      summary: "The shop's mail templates and the placeholders they may use",
      tag: 'mail',
      access: 'reader',
      params: MailShopParamsSchema,
      response: MailTemplateListSchema,
      handler: async ({ params, principal }) => ({
        templates: (await mail.listTemplates(principal, params.shopCode)).map(presentTemplate),
        placeholders: PLACEHOLDER_NAMES.map((name) => ({ name, labelJa: PLACEHOLDERS[name].ja, labelEn: PLACEHOLDERS[name].en })),
      }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/shops/:shopCode/mail/templates',
      summary: 'Create a template (refused when over 64 KB or naming an unknown placeholder)',
      tag: 'mail',
      access: 'writer',
      params: MailShopParamsSchema,
      body: MailTemplateInputSchema,
      response: MailTemplateSchema,
      errors: [...TEMPLATE_ERRORS, 'MAIL_TEMPLATE_IN_USE'],
      handler: async ({ params, body, principal }) =>
        presentTemplate(await mail.saveTemplate(principal, params.shopCode, null, null, body, actorOf(principal))),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/shops/:shopCode/mail/templates/:templateId',
      summary: 'Save a template over the version it was read at',
      tag: 'mail',
      access: 'writer',
      params: MailTemplateParamsSchema,
      body: MailTemplateInputSchema,
      response: MailTemplateSchema,
      errors: [...TEMPLATE_ERRORS, 'MAIL_TEMPLATE_IN_USE', 'VERSION_CONFLICT', 'NOT_FOUND'],
      handler: async ({ params, body, principal }) =>
        presentTemplate(await mail.saveTemplate(principal, params.shopCode, params.templateId, body.version ?? null, body, actorOf(principal))),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/mail/preview',
      summary: 'A template (saved or not) filled in for a real order, as its buyer would get it',
      tag: 'mail',
      access: 'reader',
      body: MailPreviewInputSchema,
      response: MailPreviewSchema,
      errors: [...TEMPLATE_ERRORS, 'NOT_FOUND'],
      handler: async ({ body, principal }) => mail.preview(principal, body.orderNumber, contentOf(body)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/shops/:shopCode/mail/send',
      summary: 'Queue a mail to the buyer of each order (one or many), from a template or one-off text',
      tag: 'mail',
      access: 'writer',
      params: MailShopParamsSchema,
      body: MailSendInputSchema,
      response: MailSendResultSchema,
      errors: [...TEMPLATE_ERRORS, 'MAIL_NOT_CONFIGURED', 'MAIL_ADDRESS_INVALID', 'NOT_FOUND'],
      handler: async ({ params, body, principal }) => ({
        mails: (await mail.send(principal, params.shopCode, body.orderNumbers, contentOf(body), actorOf(principal))).map(presentMail),
      }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/mail',
      summary: 'The mail log, newest first: to, subject, template, state, the relay’s answer, who triggered it',
      tag: 'mail',
      access: 'reader',
      query: MailListQuerySchema,
      response: MailListSchema,
      handler: async ({ query, principal }) => {
        const items = await mail.list(principal, {
          ...(query.shop !== undefined && { shopCodes: [query.shop] }),
          ...(query.state && { states: [query.state] }),
          ...(query.orderNumber !== undefined && { orderNumber: query.orderNumber }),
          ...(query.before !== undefined && { beforeId: query.before }),
          limit: query.limit + 1,
        });
        const page = items.slice(0, query.limit);
        return { items: page.map(presentMail), nextBefore: items.length > query.limit ? page.at(-1)!.id : null };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/mail/:mailId',
      summary: 'One mail, with its body as sent',
      tag: 'mail',
      access: 'reader',
      params: MailIdParamsSchema,
      response: MailSchema,
      errors: ['NOT_FOUND'],
      handler: async ({ params, principal }) => presentMail(await mail.mail(principal, params.mailId)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/mail/:mailId/resend',
      summary: '再送: queue a failed or 送信結果不明 mail again, as a new mail (at most once per mail)',
      tag: 'mail',
      access: 'writer',
      params: MailIdParamsSchema,
      response: MailSchema,
      errors: ['NOT_FOUND', 'MAIL_NOT_RESENDABLE'],
      handler: async ({ params, principal }) => presentMail(await mail.resend(principal, params.mailId, actorOf(principal))),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/orders/:orderNumber/mail',
      summary: "An order's mails and whether its automatic mail is stopped",
      tag: 'mail',
      access: 'reader',
      params: MailOrderParamsSchema,
      response: OrderMailsSchema,
      errors: ['NOT_FOUND'],
      handler: async ({ params, principal }) => {
        const autoMailStopped = await mail.autoMailStopped(principal, params.orderNumber);
        const mails = await mail.list(principal, { orderNumber: params.orderNumber, limit: 200 });
        return { autoMailStopped, mails: mails.map(presentMail) };
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/orders/:orderNumber/mail/auto',
      summary: 'Stop (or resume) automatic mail for one order',
      tag: 'mail',
      access: 'writer',
      params: MailOrderParamsSchema,
      body: AutoMailSwitchSchema,
      response: AutoMailSwitchSchema,
      errors: ['NOT_FOUND'],
      handler: async ({ params, body, principal }) => ({ stopped: await mail.setAutoMailStopped(principal, params.orderNumber, body.stopped, actorOf(principal)) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/shops/:shopCode/mail/test',
      summary: "Send a test mail to the shop's own From address through the relay; answers the relay's exact words",
      tag: 'mail',
      access: 'writer',
      params: MailShopParamsSchema,
      response: MailTestResultSchema,
      errors: ['MAIL_NOT_CONFIGURED', 'NOT_FOUND'],
      handler: async ({ params, principal }) => {
        const outcome = await mail.sendTest(principal, params.shopCode);
        return { ok: outcome.kind === 'accepted', outcome: outcome.kind, code: 'code' in outcome ? outcome.code : null, response: outcome.response };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/mail-alerts',
      summary: "Shops whose relay refuses their SMTP login (a password renewed in R-Login), for the dashboard",
      tag: 'mail',
      access: 'reader',
      response: MailAuthAlertsSchema,
      handler: async ({ principal }) => {
        const alerts = await mail.authAlerts(principal);
        return { alerts: alerts.map((a) => ({ shopCode: a.shopCode, at: toJstIso(a.at), response: a.response })) };
      },
    }),
  ];
}
