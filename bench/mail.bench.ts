/**
 * Buyer mail throughput: 1,000 mails through the sandbox's SMTP relay (STARTTLS, AUTH),
 * juchu's whole path — queue rows, lease, pooled nodemailer transport, outcome written per
 * mail — beside a baseline in the same run: plain nodemailer with the same pooled transport
 * sending the same 1,000 rendered messages straight to the same relay.
 *
 *   node --import tsx bench/mail.bench.ts [mails]      prints the figures as JSON
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createTransport } from 'nodemailer';
import pino from 'pino';
import { createApp, realPorts } from '../src/composition/compose.ts';
import { SYSTEM_CALLER } from '../src/app/caller.ts';
import { MailDelivery } from '../src/app/mail/delivery.ts';
import { systemClock } from '../src/ports/clock.ts';
import { startSandbox } from '../src/sandbox/index.ts';
import { migrate, openDatabase } from '../src/store/database.ts';
import { runSyncCycle } from '../src/sync/index.ts';
import type { MailMessage } from '../src/store/mail/mail-repository.ts';
import type { Section } from './report.ts';

export interface MailBenchResult {
  readonly mails: number;
  readonly juchuPerSecond: number;
  readonly baselinePerSecond: number;
  readonly juchuSeconds: number;
  readonly baselineSeconds: number;
  readonly rounds: number;
  readonly delivered: number;
}

const ACTOR = { kind: 'system' as const, name: 'bench' };
const SHOP = 'mailbench';

export async function benchMail(opts: { mails: number }): Promise<MailBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'juchu-mail-bench-'));
  const sandbox = await startSandbox({ seed: 7, smtp: { port: 0, certificateDir: dir } });
  const db = await openDatabase(`file:${join(dir, 'bench.db')}`);
  try {
    await migrate(db);
    const rmsShop = sandbox.createShop({ name: 'メールベンチ店' });
    sandbox.generateOrders({ shopId: rmsShop.shopId, count: opts.mails, scenario: 'card_ok' });
    const app = createApp(db, realPorts(systemClock, () => 'mail-bench-secret-0123456789abcdef'));
    await app.shops.add({ code: SHOP, name: 'メールベンチ店', serviceSecret: rmsShop.serviceSecret, licenseKey: rmsShop.licenses[0]!.licenseKey, rmsUrl: sandbox.url, rateLimitPerSecond: 0 }, ACTOR);
    await runSyncCycle(app.syncDeps(pino({ level: 'silent' })), { shopCode: SHOP });
    const relay = sandbox.mail!;
    const settings = { host: relay.host, port: relay.port, user: rmsShop.mail.smtpUser, password: rmsShop.mail.smtpPassword, fromAddress: rmsShop.mail.registeredSenders[0]!, fromName: 'メールベンチ店', bcc: '', signature: '――\nメールベンチ店', caFile: relay.caFile, ratePerMinute: 6000 };
    await app.settings.save(SYSTEM_CALLER, SHOP, 'mail', settings, 0, ACTOR);
    const { mailAccounts: accounts, mail: service } = app;
    const orders = (await db.kysely.selectFrom('orders').select('order_number').execute()).map((r) => r.order_number);
    const queued: MailMessage[] = [];
    for (let i = 0; i < orders.length; i += 500) {
      queued.push(...(await service.send(SYSTEM_CALLER, SHOP, orders.slice(i, i + 500), { subject: '【{{shop_name}}】{{order_number}} 発送のお知らせ', body: '{{buyer_name}} 様\n\n{{items}}\n請求金額 {{request_price}}\n\n{{signature}}' }, ACTOR)));
    }

    // Baseline: the same messages, plain nodemailer, same pooled transport settings, same relay;
    // once before juchu's run and once after, the faster kept (the machine is shared).
    const baseline = async (): Promise<number> => {
      const transport = createTransport({ pool: true, maxConnections: 3, maxMessages: 500, host: relay.host, port: relay.port, secure: false, requireTLS: true, tls: { ca: readFileSync(relay.caFile, 'utf8') }, auth: { user: settings.user, pass: settings.password } });
      const started = performance.now();
      await Promise.all(queued.map((m) => transport.sendMail({ from: { name: settings.fromName, address: settings.fromAddress }, to: m.to, subject: m.subject!, text: m.body!, textEncoding: 'base64' })));
      transport.close();
      return (performance.now() - started) / 1000;
    };
    const before = await baseline();

    const delivery = new MailDelivery({ store: app.store, clock: systemClock, logger: pino({ level: 'silent' }), accounts, options: { batchSize: 50 } });
    let sent = 0;
    let rounds = 0;
    const t = performance.now();
    while (sent < queued.length && rounds < 10_000) {
      sent += (await delivery.runOnce()).sent;
      rounds++;
    }
    const juchuSeconds = (performance.now() - t) / 1000;
    delivery.close();
    const baselineSeconds = Math.min(before, await baseline());
    return {
      mails: queued.length,
      juchuPerSecond: sent / juchuSeconds,
      baselinePerSecond: queued.length / baselineSeconds,
      juchuSeconds,
      baselineSeconds,
      rounds,
      delivered: sandbox.sandbox.mailbox().length,
    };
  } finally {
    await db.close();
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function mailSection(r: MailBenchResult): Section {
  const ratio = r.juchuPerSecond / r.baselinePerSecond;
  return {
    title: `Buyer mail: ${r.mails.toLocaleString('en')} mails through the sandbox SMTP relay (STARTTLS, AUTH, SQLite)`,
    note: `juchu ${r.juchuSeconds.toFixed(1)} s in ${r.rounds} rounds of up to 50 (lease, send over a pool of 3 connections, outcome per mail); baseline ${r.baselineSeconds.toFixed(1)} s; the faster of two baseline runs (before and after juchu's); the relay received ${r.delivered.toLocaleString('en')} messages in all.`,
    rows: [
      {
        name: 'mails/s, juchu (queue → relay → outcome stored)',
        value: `${r.juchuPerSecond.toFixed(0)} mails/s`,
        baseline: `${r.baselinePerSecond.toFixed(0)} mails/s plain nodemailer pool`,
        ratio: `${(ratio * 100).toFixed(0)}%`,
        target: '≥ 50% of the baseline',
        met: ratio >= 0.5,
      },
    ],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await benchMail({ mails: Number(process.argv[2] ?? 1000) });
  console.log(JSON.stringify({ ...result, section: mailSection(result) }, null, 2));
}
