/**
 * Bodies of the buyer-mail API (docs/MAIL.md), shared with the web app and the OpenAPI
 * document like schemas.ts. Pure: the browser bundles this file.
 */
import { z } from 'zod';
import { MAIL_STATES, MAIL_TRIGGERS } from '../../domain/mail/mail.ts';

const instant = z.string().meta({ format: 'date-time' });
const orderNumber = z.string().regex(/^[0-9A-Za-z-]{1,64}$/, 'not an order number');
const shopCode = z.string().min(1).max(64);
const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
/** Generous: the 64 KB template limit is checked by the domain, with its own error code. */
const templateText = z.string().max(200_000);

export const MailStateSchema = z.enum(MAIL_STATES).meta({ id: 'MailState' });
export const MailTriggerSchema = z.enum(MAIL_TRIGGERS).meta({ id: 'MailTrigger' });

export const MailShopParamsSchema = z.strictObject({ shopCode }).meta({ id: 'MailShopParams' });
export const MailTemplateParamsSchema = z.strictObject({ shopCode, templateId: id }).meta({ id: 'MailTemplateParams' });
export const MailIdParamsSchema = z.strictObject({ mailId: id }).meta({ id: 'MailIdParams' });
export const MailOrderParamsSchema = z.strictObject({ orderNumber }).meta({ id: 'MailOrderParams' });

export const MailTemplateInputSchema = z
  .strictObject({
    name: z.string().min(1).max(100),
    subject: templateText,
    body: templateText,
    /** Send this template automatically on the event; null for none. */
    autoTrigger: MailTriggerSchema.nullable(),
    /** The version the edit started from (absent when creating). */
    version: z.number().int().positive().optional(),
  })
  .meta({ id: 'MailTemplateInput' });

export const MailTemplateSchema = z
  .object({
    id: z.number().int(),
    shopCode: z.string(),
    name: z.string(),
    subject: z.string(),
    body: z.string(),
    autoTrigger: MailTriggerSchema.nullable(),
    version: z.number().int(),
    updatedBy: z.string(),
    updatedAt: instant,
  })
  .meta({ id: 'MailTemplate' });

export const PlaceholderSchema = z.object({ name: z.string(), labelJa: z.string(), labelEn: z.string() }).meta({ id: 'MailPlaceholder' });

export const MailTemplateListSchema = z
  .object({ templates: z.array(MailTemplateSchema), placeholders: z.array(PlaceholderSchema) })
  .meta({ id: 'MailTemplateList' });


export const MailPreviewInputSchema = z.intersection(z.strictObject({ orderNumber }), z.union([
  z.object({ templateId: z.number().int().positive() }),
  z.object({ subject: templateText, body: templateText }),
])).meta({ id: 'MailPreviewInput' });

export const MailPreviewSchema = z
  .object({ to: z.string(), from: z.string().nullable(), subject: z.string(), body: z.string() })
  .meta({ id: 'MailPreview' });

export const MailSendInputSchema = z
  .intersection(
    z.object({ orderNumbers: z.array(orderNumber).min(1).max(500) }),
    z.union([z.object({ templateId: z.number().int().positive() }), z.object({ subject: templateText, body: templateText })]),
  )
  .meta({ id: 'MailSendInput' });

export const MailSchema = z
  .object({
    id: z.number().int(),
    shopCode: z.string(),
    orderNumber: z.string(),
    kind: z.enum(['orderTaken', 'confirmed', 'shipped', 'rule', 'manual', 'resend']),
    templateName: z.string().nullable(),
    to: z.string(),
    from: z.string().nullable(),
    bcc: z.string().nullable(),
    subject: z.string().nullable(),
    /** The body as sent (or as it will be sent); null until an automatic mail falls due. */
    body: z.string().nullable(),
    state: MailStateSchema,
    stateLabel: z.string(),
    attempts: z.number().int(),
    dueAt: instant,
    relayCode: z.number().int().nullable(),
    relayResponse: z.string().nullable(),
    lastError: z.string().nullable(),
    triggeredBy: z.string(),
    resendOf: z.number().int().nullable(),
    resentAs: z.number().int().nullable(),
    resendable: z.boolean(),
    sentAt: instant.nullable(),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'Mail' });

export const MailSendResultSchema = z.object({ mails: z.array(MailSchema) }).meta({ id: 'MailSendResult' });

export const MailListQuerySchema = z
  .strictObject({
    shop: shopCode.optional(),
    state: MailStateSchema.optional(),
    orderNumber: orderNumber.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** The id of the last mail of the previous page. */
    before: id.optional(),
  })
  .meta({ id: 'MailListQuery' });

export const MailListSchema = z
  .object({ items: z.array(MailSchema), nextBefore: z.number().int().nullable() })
  .meta({ id: 'MailList' });

export const OrderMailsSchema = z
  .object({ autoMailStopped: z.boolean(), mails: z.array(MailSchema) })
  .meta({ id: 'OrderMails' });

export const AutoMailSwitchSchema = z.strictObject({ stopped: z.boolean() }).meta({ id: 'AutoMailSwitch' });

export const MailTestResultSchema = z
  .object({ ok: z.boolean(), outcome: z.enum(['accepted', 'refused', 'deferred', 'unknown']), code: z.number().int().nullable(), response: z.string() })
  .meta({ id: 'MailTestResult' });

export const MailAuthAlertSchema = z.object({ shopCode: z.string(), at: instant, response: z.string() }).meta({ id: 'MailAuthAlert' });
export const MailAuthAlertsSchema = z.object({ alerts: z.array(MailAuthAlertSchema) }).meta({ id: 'MailAuthAlerts' });

/** A message in the demo sandbox's relay mailbox, as a buyer's mail client would show it. */
export const DemoMailSchema = z
  .object({ id: z.string(), receivedAt: z.string(), authUser: z.string(), from: z.string(), fromHeader: z.string(), to: z.array(z.string()), subject: z.string(), text: z.string() })
  .meta({ id: 'DemoMail' });
export const DemoMailboxSchema = z.object({ messages: z.array(DemoMailSchema) }).meta({ id: 'DemoMailbox' });
export type DemoMail = z.infer<typeof DemoMailSchema>;
export type DemoMailbox = z.infer<typeof DemoMailboxSchema>;

export type Mail = z.infer<typeof MailSchema>;
export type MailTemplate = z.infer<typeof MailTemplateSchema>;
export type MailTemplateList = z.infer<typeof MailTemplateListSchema>;
export type MailList = z.infer<typeof MailListSchema>;
export type MailPreview = z.infer<typeof MailPreviewSchema>;
export type OrderMails = z.infer<typeof OrderMailsSchema>;
export type MailTestResult = z.infer<typeof MailTestResultSchema>;
export type MailAuthAlerts = z.infer<typeof MailAuthAlertsSchema>;
