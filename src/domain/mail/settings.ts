import type { OrderStatus } from '../status.ts';
import { checkMailAddress } from './address.ts';
import { checkHeaderText } from './template.ts';
import { DomainError } from '../errors.ts';

/**
 * A shop's buyer-mail settings: Rakuten's relay (R-Login → あんしんメルアドサービスメニュー →
 * メールサーバ設定情報), the sender registered in RMS, and how fast to send. The SMTP password
 * is not here: it is sealed apart and never leaves the server.
 */
export interface MailSettings {
  readonly host: string;
  readonly port: number;
  /** SMTP AUTH ID. */
  readonly user: string;
  /** Registered in RMS (店舗連絡先メールアドレス…); the relay refuses any other with 552. */
  readonly fromAddress: string;
  readonly fromName: string;
  /** A copy to the shop, also a registered address; null for none. */
  readonly bcc: string | null;
  readonly signature: string;
  /** PEM file of the CA the relay's certificate must chain to; null = the system's CAs. */
  readonly caFile: string | null;
  readonly ratePerMinute: number;
}

export const RAKUTEN_RELAY = { host: 'sub.fw.rakuten.ne.jp', port: 587 } as const;
export const DEFAULT_RATE_PER_MINUTE = 60;
export const MAX_RATE_PER_MINUTE = 6000;
const MAX_SIGNATURE_CHARS = 2000;
const HOST = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/;

function field(name: string, problem: string): DomainError {
  return new DomainError('VALIDATION_FAILED', { field: name, problem }, `${name}: ${problem}`);
}

/** Checks settings as staff entered them; header fields refuse line breaks (MAIL_HEADER_INJECTION). */
export function checkMailSettings(input: MailSettings): MailSettings {
  if (!HOST.test(input.host)) throw field('host', 'not a host name');
  if (!Number.isInteger(input.port) || input.port < 1 || input.port > 65_535) throw field('port', 'not a port');
  if (input.user.trim() === '' || /[\r\n]/.test(input.user)) throw field('user', 'required, one line');
  checkMailAddress('fromAddress', input.fromAddress);
  checkHeaderText('fromName', input.fromName, 100);
  if (input.bcc !== null) checkMailAddress('bcc', input.bcc);
  if ([...input.signature].length > MAX_SIGNATURE_CHARS) throw field('signature', `at most ${MAX_SIGNATURE_CHARS} characters`);
  if (input.caFile !== null && (input.caFile.trim() === '' || /[\r\n\0]/.test(input.caFile))) throw field('caFile', 'not a file path');
  if (!Number.isInteger(input.ratePerMinute) || input.ratePerMinute < 1 || input.ratePerMinute > MAX_RATE_PER_MINUTE) {
    throw field('ratePerMinute', `1 to ${MAX_RATE_PER_MINUTE}`);
  }
  return input;
}

/**
 * A thank-you mail is for an order being taken in as it arrives: not for one found already
 * shipped or cancelled (a catch-up import of old orders must not write to their buyers).
 */
export function wantsOrderTakenMail(status: OrderStatus): boolean {
  return status !== 'shipped' && status !== 'completed' && status !== 'cancelled';
}
