import type { MailSettings } from '../../domain/mail/settings.ts';

/** A shop's relay account, opened for sending: the only place the SMTP password is in the clear. */
export interface MailAccount {
  readonly shopCode: string;
  readonly shopName: string;
  readonly settings: MailSettings;
  readonly password: string;
  /** Changes whenever the settings or password do, so a pooled transport is rebuilt. */
  readonly version: string;
}

export interface MailAccounts {
  /** Null when the shop has not set mail up (or has no password yet). */
  get(shopCode: string): Promise<MailAccount | null>;
}
