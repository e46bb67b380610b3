import { readFileSync } from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';
import type { Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import type { SendOutcome } from '../../domain/mail/mail.ts';
import type { MailSettings } from '../../domain/mail/settings.ts';

/** One mail as it leaves: already rendered and checked. */
export interface OutgoingMail {
  /** Message-ID, so a copy seen twice at the other end can be told apart from two mails. */
  readonly messageId: string;
  readonly to: string;
  readonly subject: string;
  readonly body: string;
}

/** What the delivery loop sends through; tests may put another behind it. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<SendOutcome>;
  /** Connects and logs in without sending: the relay's own answer, for the "test" button. */
  verify(): Promise<SendOutcome>;
  close(): void;
}

export interface SmtpTimeouts {
  readonly connectionMs: number;
  readonly greetingMs: number;
  readonly socketMs: number;
}

export const DEFAULT_SMTP_TIMEOUTS: SmtpTimeouts = { connectionMs: 10_000, greetingMs: 10_000, socketMs: 30_000 };
/** Connections per shop: the relay is shared by every shop on Rakuten, so stay modest. */
const MAX_CONNECTIONS = 3;

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
}

/** Marks where a message's data started to be read by the SMTP connection (after DATA's 354). */
interface DataProbe {
  stream: Readable | null;
}

/**
 * What an SMTP failure means for at-most-once delivery. An answer with a code is the relay's
 * word (5xx refused, 4xx try later). Without one, what matters is whether the message data
 * had started to go out: if not, nothing can have been delivered; if so, the relay may have
 * taken it and only its answer was lost — unknown, never to be sent again on its own.
 */
export function classifySmtpError(err: SmtpError, dataStarted: boolean): SendOutcome {
  const response = (err.response ?? err.message).trim();
  const code = typeof err.responseCode === 'number' ? err.responseCode : null;
  if (code !== null && code >= 500) return { kind: 'refused', code, response };
  if (code !== null && code >= 400) return { kind: 'deferred', code, response };
  if (dataStarted) return { kind: 'unknown', response: `${err.code ?? 'ERROR'}: ${err.message}` };
  return { kind: 'deferred', code: null, response: `${err.code ?? 'ERROR'}: ${err.message}` };
}

/**
 * A pooled nodemailer SMTP transport for one shop's relay account: STARTTLS required, the
 * certificate verified (against the CA file in the settings when one is named), SMTP AUTH.
 *
 * Encoding: UTF-8 throughout. The body goes as text/plain; charset=utf-8 in base64, which
 * survives any relay (no line-length or trailing-space trouble) and which every current mail
 * client, Japanese carriers' included, reads; headers that are not ASCII (subject, the
 * sender's name) go as RFC 2047 encoded words. ISO-2022-JP is not used: it cannot carry
 * characters outside JIS X 0208 (髙, ①, many item names) that UTF-8 carries as written.
 */
export function createSmtpTransport(settings: MailSettings, password: string, timeouts: SmtpTimeouts = DEFAULT_SMTP_TIMEOUTS): MailTransport {
  // Read now, so that an unreadable CA file fails here as before, not at the first send.
  const options: SMTPPool.Options = {
    pool: true,
    maxConnections: MAX_CONNECTIONS,
    maxMessages: 500,
    host: settings.host,
    port: settings.port,
    secure: false,
    requireTLS: true,
    tls: { ...(settings.caFile !== null && { ca: readFileSync(settings.caFile, 'utf8') }), minVersion: 'TLSv1.2' },
    auth: { user: settings.user, pass: password },
    connectionTimeout: timeouts.connectionMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
    disableFileAccess: true,
    disableUrlAccess: true,
  };
  let transporter: Promise<Transporter> | null = null;
  /** nodemailer loads with the first mail: a process that never sends (`juchu import`) does without it. */
  const connect = (): Promise<Transporter> => (transporter ??= import('nodemailer').then(({ createTransport }) => withDataProbe(createTransport(options))));

  const from = { name: settings.fromName, address: settings.fromAddress };
  return {
    async send(mail) {
      const probe: DataProbe = { stream: null };
      const transport = await connect();
      try {
        const info = await transport.sendMail({
          from,
          to: mail.to,
          ...(settings.bcc !== null && { bcc: settings.bcc }),
          subject: mail.subject,
          text: mail.body,
          textEncoding: 'base64',
          messageId: mail.messageId,
          envelope: { from: settings.fromAddress, to: settings.bcc === null ? [mail.to] : [mail.to, settings.bcc] },
          disableFileAccess: true,
          disableUrlAccess: true,
          juchuProbe: probe,
        } as Parameters<Transporter['sendMail']>[0]);
        return { kind: 'accepted', response: String(info.response ?? '250') };
      } catch (err) {
        return classifySmtpError(err as SmtpError, probe.stream?.readableDidRead === true);
      }
    },
    async verify() {
      const transport = await connect();
      try {
        await transport.verify();
        return { kind: 'accepted', response: '235 Authentication successful' };
      } catch (err) {
        return classifySmtpError(err as SmtpError, false);
      }
    },
    close() {
      // A transport that never loaded has nothing to close (and its failure was the send's to report).
      void transporter?.then(
        (transport) => transport.close(),
        () => undefined,
      );
    },
  };
}

/** Marks, on each message that carries a probe, where its data starts to be read (after DATA's 354). */
function withDataProbe(transport: Transporter): Transporter {
  transport.use('stream', (mail, done) => {
    const probe = (mail.data as { juchuProbe?: DataProbe }).juchuProbe;
    if (probe) {
      mail.message.processFunc((input) => {
        const output = new PassThrough();
        input.on('error', (err) => output.destroy(err));
        probe.stream = input.pipe(output);
        return output;
      });
    }
    done();
  });
  return transport;
}

/** An AUTH refusal: the password was renewed in R-Login, or the ID is wrong. */
export function isAuthRefusal(outcome: SendOutcome): boolean {
  return (outcome.kind === 'refused' || outcome.kind === 'deferred') && outcome.code !== null && (outcome.code === 535 || outcome.code === 534 || outcome.code === 530);
}
