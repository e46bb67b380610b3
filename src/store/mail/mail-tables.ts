import type { Generated } from 'kysely';
import type { MailState } from '../../domain/mail/mail.ts';
import type { IsoInstant } from '../tables.ts';

/** Rows of the tables migration 0012_mail creates. */
export interface MailTemplateTable {
  id: Generated<number>;
  shop_code: string;
  name: string;
  subject: string;
  body: string;
  auto_trigger: string | null;
  version: number;
  updated_by: string;
  created_at: IsoInstant;
  updated_at: IsoInstant;
}

export interface MailMessageTable {
  id: Generated<number>;
  shop_code: string;
  order_number: string;
  kind: string;
  auto_key: string | null;
  template_id: number | null;
  template_name: string | null;
  to_address: string;
  subject: string | null;
  body: string | null;
  from_address: string | null;
  bcc_address: string | null;
  state: MailState;
  attempts: number;
  due_at: IsoInstant;
  lease_owner: string | null;
  lease_until: IsoInstant | null;
  relay_code: number | null;
  relay_response: string | null;
  last_error: string | null;
  triggered_by: string;
  resend_of: number | null;
  resent_as: number | null;
  sent_at: IsoInstant | null;
  created_at: IsoInstant;
  updated_at: IsoInstant;
}

export interface MailOrderStopTable {
  order_number: string;
  shop_code: string;
  stopped_by: string;
  stopped_at: IsoInstant;
}

export interface MailRelayStateTable {
  shop_code: string;
  auth_refused_at: IsoInstant | null;
  auth_refused_response: string | null;
  last_sent_at: IsoInstant | null;
}

declare module '../tables.ts' {
  interface Tables {
    mail_templates: MailTemplateTable;
    mail_messages: MailMessageTable;
    mail_order_stops: MailOrderStopTable;
    mail_relay_state: MailRelayStateTable;
  }
}
