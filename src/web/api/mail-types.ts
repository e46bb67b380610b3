/** The buyer-mail API's shapes, inferred from the server's zod schemas. */
export type {
  DemoMailbox,
  Mail,
  MailAuthAlerts,
  MailList,
  MailPreview,
  MailTemplate,
  MailTemplateList,
  MailTestResult,
  OrderMails,
} from '../../server/api/mail-schemas.ts';
export type { MailState, MailTrigger } from '../../domain/mail/mail.ts';
