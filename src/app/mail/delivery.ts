import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { checkMailAddress } from '../../domain/mail/address.ts';
import { afterAttempt, stillWanted, type SendOutcome } from '../../domain/mail/mail.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Store } from '../../store/store.ts';
import type { MailRepository} from '../../store/mail/mail-repository.ts';
import { type MailFinish, type MailMessage } from '../../store/mail/mail-repository.ts';
import type { MailAccount, MailAccounts } from './account.ts';
import { renderForOrder } from './render.ts';
import { createSmtpTransport, isAuthRefusal, type MailTransport } from './smtp-transport.ts';

export interface MailDeliveryOptions {
  /** How long a worker holds a mail it is sending, on real time. Longer than any one send can take. */
  readonly leaseMs: number;
  /** A batch still unanswered after this long is given up as unknown (and its connections closed). */
  readonly batchDeadlineMs: number;
  /** Most mails one shop sends per round. */
  readonly batchSize: number;
  /** Pause between rounds when nothing was due. */
  readonly idleMs: number;
  /** After the relay refused the shop's login: wait this long before trying again. */
  readonly authRetryMs: number;
}

export const DEFAULT_MAIL_DELIVERY: MailDeliveryOptions = {
  leaseMs: 10 * 60_000,
  batchDeadlineMs: 4 * 60_000,
  batchSize: 20,
  idleMs: 2_000,
  authRetryMs: 5 * 60_000,
};

export interface MailDeliveryDeps {
  readonly store: Store;
  /** Business time: when mails fall due. */
  readonly clock: Clock;
  readonly logger: Logger;
  readonly accounts: MailAccounts;
  /** Real time, for leases and the rate: a frozen or moved business clock must stop neither. */
  readonly wallClock?: () => number;
  readonly workerId?: string;
  readonly options?: Partial<MailDeliveryOptions>;
  /** The transport per account; nodemailer's pooled SMTP by default. */
  readonly transportFor?: (account: MailAccount) => MailTransport;
}

export interface RoundSummary {
  sent: number;
  failed: number;
  unknown: number;
  deferred: number;
  withdrawn: number;
}

/**
 * The mail delivery loop, apart from the RMS sync cycle (a slow relay never delays an
 * import, a stuck mail never holds back a shipping report). Each round:
 *
 * 1. mails whose sender died mid-send (lease expired) become unknown — never resent on their own;
 * 2. per shop with mail due: automatic mails are written from their template and the order as
 *    it is now (or withdrawn if the order was cancelled or its automatic mail stopped);
 * 3. up to the shop's rate, written mails are leased and sent through the shop's pooled
 *    SMTP transport, each outcome recorded by the lease holder alone.
 */
export class MailDelivery {
  private readonly options: MailDeliveryOptions;
  private readonly wallClock: () => number;
  readonly workerId: string;
  private readonly transports = new Map<string, { version: string; transport: MailTransport }>();
  /** Send times per shop in the last minute, for the per-shop rate. */
  private readonly recent = new Map<string, number[]>();
  private readonly unconfigured = new Set<string>();
  /** Shops whose login the relay refused, and until when to leave them be. */
  private readonly authPaused = new Map<string, number>();

  constructor(private readonly deps: MailDeliveryDeps) {
    this.options = { ...DEFAULT_MAIL_DELIVERY, ...deps.options };
    this.wallClock = deps.wallClock ?? Date.now;
    this.workerId = deps.workerId ?? `mail-${randomUUID()}`;
  }

  private repo(): MailRepository {
    return this.deps.store.mail;
  }

  /** One round over every shop with mail due. */
  async runOnce(): Promise<RoundSummary> {
    const summary: RoundSummary = { sent: 0, failed: 0, unknown: 0, deferred: 0, withdrawn: 0 };
    const now = this.deps.clock.now();
    const expired = await this.repo().expireLeases(new Date(this.wallClock()), now);
    summary.unknown += expired;
    if (expired > 0) this.deps.logger.warn({ count: expired }, 'mails left unknown: their sender stopped mid-send');
    for (const shopCode of await this.repo().shopsWithDueMail(now)) {
      if ((this.authPaused.get(shopCode) ?? 0) > this.wallClock()) continue;
      await this.runShop(shopCode, summary);
    }
    return summary;
  }

  private async runShop(shopCode: string, summary: RoundSummary): Promise<void> {
    const account = await this.deps.accounts.get(shopCode);
    const now = this.deps.clock.now();
    if (!account) {
      // Said once per worker: the mails wait, queued, until the shop's settings are complete.
      if (!this.unconfigured.has(shopCode)) this.deps.logger.warn({ shop: shopCode }, 'mail due but the shop has no complete mail settings');
      this.unconfigured.add(shopCode);
      return;
    }
    this.unconfigured.delete(shopCode);
    summary.withdrawn += await this.prepare(shopCode, account, now);
    const room = Math.min(this.options.batchSize, this.roomUnderRate(shopCode, account.settings.ratePerMinute));
    const claimed = await this.repo().claim(shopCode, this.workerId, {
      now,
      leaseNow: new Date(this.wallClock()),
      leaseMs: this.options.leaseMs,
      limit: room,
      from: account.settings.fromAddress,
      bcc: account.settings.bcc,
    });
    if (claimed.length === 0) return;
    this.noteSent(shopCode, claimed.length);
    const transport = this.transportFor(shopCode, account);
    const outcomes = await this.sendBatch(transport, claimed, shopCode);
    await this.record(shopCode, claimed, outcomes, summary);
  }

  /** Writes due automatic mails from their template, or withdraws those no longer wanted. */
  private async prepare(shopCode: string, account: MailAccount, now: Date): Promise<number> {
    let withdrawn = 0;
    const repo = this.repo();
    const due = await repo.dueUnrendered(shopCode, now, this.options.batchSize * 5);
    if (due.length === 0) return 0;
    const store = this.deps.store;
    const orders = new Map((await store.orders.getMany(due.map((m) => m.orderNumber))).map((o) => [o.orderNumber, o]));
    const stopped = await store.mailStates.stopped(due.map((m) => m.orderNumber));
    const templates = store.mailTemplates;
    for (const mail of due) {
      const order = orders.get(mail.orderNumber);
      const template = mail.templateId === null ? null : await templates.get(mail.templateId);
      const reason = !order
        ? 'the order is gone'
        : !stillWanted(order, stopped.has(mail.orderNumber))
          ? order.status === 'cancelled'
            ? 'the order was cancelled before the mail fell due'
            : 'automatic mail is stopped for this order'
          : template === null
            ? 'the template was deleted'
            : null;
      if (reason !== null) {
        if (await repo.withdraw(mail.id, reason, now)) withdrawn++;
        continue;
      }
      try {
        checkMailAddress('to', mail.to);
        const text = renderForOrder(template!, order!, { name: account.shopName, settings: account.settings });
        await repo.fill(mail.id, { ...text, templateName: template!.name }, now);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        // A mail that cannot be written (a bad address, a template broken since) fails unsent.
        await repo.failUnsent(mail.id, err.message, now);
      }
    }
    return withdrawn;
  }

  private roomUnderRate(shopCode: string, perMinute: number): number {
    const cutoff = this.wallClock() - 60_000;
    const times = (this.recent.get(shopCode) ?? []).filter((t) => t > cutoff);
    this.recent.set(shopCode, times);
    return Math.max(0, perMinute - times.length);
  }

  private noteSent(shopCode: string, count: number): void {
    const times = this.recent.get(shopCode) ?? [];
    const at = this.wallClock();
    for (let i = 0; i < count; i++) times.push(at);
    this.recent.set(shopCode, times);
  }

  private transportFor(shopCode: string, account: MailAccount): MailTransport {
    const cached = this.transports.get(shopCode);
    if (cached && cached.version === account.version) return cached.transport;
    cached?.transport.close();
    const transport = this.deps.transportFor ? this.deps.transportFor(account) : createSmtpTransport(account.settings, account.password);
    this.transports.set(shopCode, { version: account.version, transport });
    return transport;
  }

  /**
   * Sends the batch over the shop's pool. Whatever is still unanswered at the deadline is
   * given up as unknown and the pool closed, so no late answer can turn into a second send.
   */
  private async sendBatch(transport: MailTransport, mails: readonly MailMessage[], shopCode: string): Promise<SendOutcome[]> {
    const outcomes: (SendOutcome | null)[] = mails.map(() => null);
    const all = Promise.all(
      mails.map(async (mail, i) => {
        outcomes[i] = await transport.send({ messageId: messageIdOf(mail), to: mail.to, subject: mail.subject ?? '', body: mail.body ?? '' });
      }),
    );
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), this.options.batchDeadlineMs);
    });
    const finished = await Promise.race([all.then(() => 'done' as const), deadline]);
    clearTimeout(timer);
    if (finished === 'late') {
      transport.close();
      this.transports.delete(shopCode);
    }
    return outcomes.map((o) => o ?? { kind: 'unknown', response: `no answer from the relay within ${this.options.batchDeadlineMs / 1000} s` });
  }

  /**
   * Writes a batch's outcomes in one transaction (one commit for the batch, not one per mail).
   * Until it commits the mails stay 送信中 under this worker's lease, so a crash here leaves
   * them unknown, never queued.
   */
  private async record(shopCode: string, mails: readonly MailMessage[], outcomes: readonly SendOutcome[], summary: RoundSummary): Promise<void> {
    const now = this.deps.clock.now();
    const refusal = outcomes.find(isAuthRefusal);
    if (refusal) this.authPaused.set(shopCode, this.wallClock() + this.options.authRetryMs);
    await this.deps.store.transaction(async (tx) => {
      const repo = tx.mail;
      const state = tx.mailStates;
      for (const [i, mail] of mails.entries()) {
        const outcome = outcomes[i]!;
        const finish = this.finishFor(mail, outcome, now);
        await repo.finish(mail.id, this.workerId, finish);
        const tally = isAuthRefusal(outcome) ? 'deferred' : finish.state === 'sent' ? 'sent' : finish.state === 'failed' ? 'failed' : finish.state === 'unknown' ? 'unknown' : 'deferred';
        summary[tally]++;
      }
      if (refusal) await state.recordAuthRefused(shopCode, refusal.response, now);
      else if (outcomes.some((o) => o.kind === 'accepted')) await state.recordAccepted(shopCode, now);
    });
  }

  private finishFor(mail: MailMessage, outcome: SendOutcome, now: Date): MailFinish {
    const relayCode = 'code' in outcome ? outcome.code : outcome.kind === 'accepted' ? Number(outcome.response.slice(0, 3)) || 250 : null;
    if (isAuthRefusal(outcome)) {
      // Nothing was offered: the mail waits, uncounted, for a new password; the dashboard says so.
      return {
        state: 'queued',
        retryAt: new Date(now.getTime() + this.options.authRetryMs),
        relayCode,
        relayResponse: outcome.response,
        error: 'the relay refused the SMTP login',
        now,
        uncountAttempt: true,
      };
    }
    const next = afterAttempt(outcome, mail.attempts, now);
    return {
      state: next.state,
      retryAt: next.retryAt,
      relayCode,
      relayResponse: outcome.response,
      error: outcome.kind === 'accepted' ? null : outcome.kind === 'unknown' ? 'the relay’s answer was lost after the message data was sent' : outcome.response,
      now,
    };
  }

  /** Closes every pooled connection. */
  close(): void {
    for (const { transport } of this.transports.values()) transport.close();
    this.transports.clear();
  }
}

export function messageIdOf(mail: Pick<MailMessage, 'id' | 'shopCode'>): string {
  return `<mail-${mail.id}.${mail.shopCode}@juchu>`;
}

export interface RunningMailWorker {
  readonly delivery: MailDelivery;
  /** Lets the round in hand finish (its outcomes recorded), then resolves. */
  stop(): Promise<void>;
}

/** The loop for `juchu worker`, `serve` and `demo`: a round, then a pause when nothing was sent. */
export function startMailWorker(deps: MailDeliveryDeps): RunningMailWorker {
  const delivery = new MailDelivery(deps);
  const idleMs = deps.options?.idleMs ?? DEFAULT_MAIL_DELIVERY.idleMs;
  let stopping = false;
  let wake: (() => void) | null = null;
  const loop = (async () => {
    while (!stopping) {
      let busy = false;
      try {
        const summary = await delivery.runOnce();
        busy = summary.sent + summary.failed + summary.unknown + summary.withdrawn > 0;
      } catch (err) {
        deps.logger.error({ err }, 'mail delivery round failed');
      }
      if (stopping) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, busy ? 0 : idleMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
    delivery.close();
  })();
  return {
    delivery,
    async stop() {
      stopping = true;
      (wake as (() => void) | null)?.();
      await loop;
    },
  };
}
