import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';
import { isMailAddress } from '../../domain/mail/address.ts';
import type { Sandbox } from '../sandbox.ts';
import { makeRelayCertificate } from './certificate.ts';
import { isMaskedAddress, type SandboxMail } from './mailbox.ts';

export interface MailRelayOptions {
  /** 0 picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** Where the relay's CA file is written; a fresh temporary directory by default. */
  readonly certificateDir?: string;
}

export interface RunningMailRelay {
  readonly host: string;
  readonly port: number;
  /** The relay's self-signed certificate: the CA file a client names to trust it. */
  readonly caFile: string;
  close(): Promise<void>;
}

/** Largest message the relay takes (SIZE); the smtp-server refuses bigger ones with 552. */
const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

function smtpError(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function headerText(address: AddressObject | AddressObject[] | undefined): string {
  if (!address) return '';
  return (Array.isArray(address) ? address : [address]).map((a) => a.text).join(', ');
}

/**
 * Rakuten's buyer-mail relay, as shops meet it: STARTTLS offered (with a certificate made at
 * start), SMTP AUTH required and refused before STARTTLS, the envelope sender checked against
 * the shop's registered addresses (552 otherwise), masked buyer addresses and the shop's own
 * registered addresses accepted as recipients. Accepted messages land in the sandbox mailbox,
 * decoded by mailparser. Faults (`mailRefuseRate`, `mailDropAfterDataRate`, `mailLatencyMs`)
 * act on the message data, where a sender's uncertainty lies.
 */
export async function startMailRelay(sandbox: Sandbox, options: MailRelayOptions = {}): Promise<RunningMailRelay> {
  const certificate = await makeRelayCertificate(options.certificateDir);
  const host = options.host ?? '127.0.0.1';
  const server: SMTPServer = new SMTPServer({
    name: 'sandbox.fw.rakuten.ne.jp',
    banner: 'juchu sandbox relay',
    key: certificate.key,
    cert: certificate.cert,
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: false,
    authOptional: false,
    size: MAX_MESSAGE_BYTES,
    disabledCommands: [],
    logger: false,
    // Clients that keep pooled connections open must not hold a test's teardown for 30 s.
    closeTimeout: 200,
    onAuth(auth, _session, callback) {
      const shop = auth.username === undefined ? undefined : sandbox.findShopBySmtpUser(auth.username);
      if (!shop || auth.password !== shop.mail.smtpPassword) {
        return callback(smtpError(535, '5.7.8 Authentication credentials invalid'));
      }
      return callback(null, { user: shop.mail.smtpUser });
    },
    onMailFrom(address: SMTPServerAddress, session: SMTPServerSession, callback) {
      const shop = sandbox.findShopBySmtpUser(String(session.user));
      const sender = address.address.toLowerCase();
      if (!shop || !shop.mail.registeredSenders.some((s) => s.toLowerCase() === sender)) {
        return callback(smtpError(552, `5.2.0 <${address.address}>... sender rejected`));
      }
      return callback();
    },
    onRcptTo(address: SMTPServerAddress, session: SMTPServerSession, callback) {
      const shop = sandbox.findShopBySmtpUser(String(session.user));
      const recipient = address.address;
      const ownAddress = shop?.mail.registeredSenders.some((s) => s.toLowerCase() === recipient.toLowerCase()) ?? false;
      if (!isMailAddress(recipient)) return callback(smtpError(553, `5.1.3 <${recipient}>... bad address syntax`));
      // Buyers are reached through their masked address; copies only to the shop's own registered ones.
      if (!isMaskedAddress(recipient) && !ownAddress) return callback(smtpError(550, `5.7.1 <${recipient}>... relaying denied`));
      return callback();
    },
    onData(stream: Readable, session: SMTPServerSession, callback) {
      void receive(stream, session).then(
        (answer) => {
          if (answer === 'drop') return dropConnection(session);
          if (answer instanceof Error) return callback(answer);
          return callback(null, `2.0.0 Ok: queued as ${answer}`);
        },
        (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
      );
    },
  });

  async function receive(stream: Readable, session: SMTPServerSession): Promise<string | Error | 'drop'> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const { faults, faultRandom } = sandbox.state;
    if (faults.mailLatencyMs > 0) await sleep(faults.mailLatencyMs);
    if ((stream as Readable & { sizeExceeded?: boolean }).sizeExceeded) return smtpError(552, '5.3.4 Message size exceeds fixed limit');
    if (faultRandom.chance(faults.mailRefuseRate)) return smtpError(554, '5.7.1 Message refused by policy (sandbox fault)');
    const parsed = await simpleParser(raw);
    const envelope = session.envelope;
    const mail: SandboxMail = {
      id: `sbm-${String(sandbox.state.mailbox.length + 1).padStart(6, '0')}`,
      receivedAt: sandbox.now().toISOString(),
      authUser: String(session.user),
      from: envelope.mailFrom ? envelope.mailFrom.address : '',
      to: envelope.rcptTo.map((r) => r.address),
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      fromHeader: headerText(parsed.from),
      messageId: parsed.messageId ?? null,
    };
    sandbox.state.mailbox.push(mail);
    // Taken, and then the answer is lost: the sender cannot tell this from a refusal.
    if (faultRandom.chance(faults.mailDropAfterDataRate)) return 'drop';
    return mail.id;
  }

  function dropConnection(session: SMTPServerSession): void {
    for (const connection of server.connections) {
      const c = connection as unknown as { id: string; _socket: Socket };
      if (c.id === session.id) c._socket.destroy();
    }
  }

  server.on('error', () => {
    // Client-side resets (a dropped connection, a client that gave up) are part of the game.
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
  sandbox.mailCertificatePem = certificate.cert;
  return {
    host: host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host,
    port,
    caFile: certificate.caFile,
    close: () =>
      new Promise<void>((resolve) => {
        sandbox.mailCertificatePem = null;
        server.close(() => resolve());
      }),
  };
}
