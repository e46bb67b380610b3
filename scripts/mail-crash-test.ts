/**
 * Mail crash test (issue 12): 200 buyer mails queued, the mail worker SIGKILLed 10 times
 * while it sends them through the sandbox's SMTP relay (which runs in this process and so
 * outlives every kill), restarted each time. At the end:
 *   - no buyer has any mail twice in the relay's mailbox (at most once);
 *   - every mail is sent (and in the mailbox exactly once, by its Message-ID) or flagged
 *     送信結果不明 (in the mailbox at most once) — none queued or 送信中, none failed;
 *   - nothing is in the mailbox that juchu does not account for.
 *
 *   node --import tsx scripts/mail-crash-test.ts --kills 10 --mails 200
 * The database is a fresh SQLite file, or PostgreSQL when JUCHU_TEST_DATABASE_URL is set.
 * CI runs it from test/reliability/mail-crash.test.ts.
 */
import { join } from 'node:path';
import pino from 'pino';
import { createApp } from '../src/composition/compose.ts';
import { SYSTEM_CALLER } from '../src/app/caller.ts';
import { systemClock } from '../src/ports/clock.ts';
import { randomIds } from '../src/ports/ids.ts';
import { argon2idHasher } from '../src/ports/password-hasher.ts';
import { createSecretBox } from '../src/ports/secret-box.ts';
import { startSandbox } from '../src/sandbox/index.ts';
import { migrate, openDatabase, type Database } from '../src/store/database.ts';
import { runSyncCycle } from '../src/sync/index.ts';
import { runWhenStarted, seeded, sleep } from './support/kill-script.ts';
import { spawnTs, watchLines } from '../test/reliability/support/child.ts';
import { createTestDatabaseUrl } from '../test/support/database.ts';

export interface MailCrashOptions {
  readonly kills: number;
  readonly mails: number;
  /** Longest wait between a worker's first send and its SIGKILL. */
  readonly maxLifeMs: number;
  readonly seed: number;
  readonly log: (line: string) => void;
}

export interface MailCrashReport {
  readonly engine: string;
  readonly kills: number;
  readonly mails: number;
  readonly sent: number;
  readonly unknown: number;
  /** Copies in the relay's mailbox. */
  readonly delivered: number;
  /** Of the unknown ones, how many had in fact arrived. */
  readonly unknownButDelivered: number;
  readonly seconds: number;
  readonly problems: readonly string[];
}

const ROOT = join(import.meta.dirname, '..');
const WORKER = join(ROOT, 'test/reliability/support/mail-worker-child.ts');
const SECRET = 'mail-crash-test-secret-0123456789';
const SHOP = 'mailcrash';
const ACTOR = { kind: 'system' as const, name: 'メールクラッシュテスト' };

export async function runMailCrashTest(opts: MailCrashOptions): Promise<MailCrashReport> {
  const started = Date.now();
  const random = seeded(opts.seed);
  const { url: databaseUrl, drop } = await createTestDatabaseUrl();
  const sandbox = await startSandbox({ seed: opts.seed, smtp: { port: 0 } });
  let db: Database | null = null;
  try {
    const rmsShop = sandbox.createShop({ name: 'メールクラッシュ店' });
    sandbox.generateOrders({ shopId: rmsShop.shopId, count: opts.mails, scenario: 'card_ok' });
    // A little latency at the end of each message, so kills land mid-send as well as between sends.
    sandbox.sandbox.updateFaults({ mailLatencyMs: 30 });

    db = await openDatabase(databaseUrl, { maxConnections: 4 });
    await migrate(db);
    const box = createSecretBox(SECRET);
    const app = createApp(db, { clock: systemClock, ids: randomIds, hasher: argon2idHasher, secrets: () => box });
    await app.shops.add({ code: SHOP, name: 'メールクラッシュ店', serviceSecret: rmsShop.serviceSecret, licenseKey: rmsShop.licenses[0]!.licenseKey, rmsUrl: sandbox.url, rateLimitPerSecond: 0 }, ACTOR);
    await runSyncCycle({ db, clock: systemClock, logger: pino({ level: 'silent' }), secrets: () => box }, { shopCode: SHOP });
    const relay = sandbox.mail!;
    await app.settings.save(
      SYSTEM_CALLER,
      SHOP,
      'mail',
      { host: relay.host, port: relay.port, user: rmsShop.mail.smtpUser, password: rmsShop.mail.smtpPassword, fromAddress: rmsShop.mail.registeredSenders[0], fromName: 'メールクラッシュ店', bcc: '', signature: '', caFile: relay.caFile, ratePerMinute: 6000 },
      0,
      ACTOR,
    );
    const { mail } = app;
    const orders = (await db.kysely.selectFrom('orders').select('order_number').execute()).map((r) => r.order_number);
    const queued = await mail.send(SYSTEM_CALLER, SHOP, orders, { subject: '{{order_number}} のご案内', body: '{{buyer_name}} 様\n{{items}}\n' }, ACTOR);
    opts.log(`${queued.length} mails queued for ${orders.length} orders; database ${db.dialect}`);

    const env = { JUCHU_DATABASE_URL: databaseUrl, JUCHU_SECRET: SECRET, JUCHU_MAIL_LEASE_MS: '1500' };
    for (let kill = 1; kill <= opts.kills; kill++) {
      const worker = spawnTs(WORKER, ['loop'], env);
      let firstRound!: () => void;
      const sending = new Promise<void>((resolve) => (firstRound = resolve));
      const exit = watchLines(worker, (line) => {
        if (line.startsWith('round')) firstRound();
      });
      // Kill once it sends, or (when every mail left is 送信中 under a dead worker's lease) once it could have.
      await Promise.race([sending, sleep(3000), exit.then(({ stderr }) => Promise.reject(new Error(`mail worker ended by itself: ${stderr.slice(0, 500)}`)))]);
      const life = Math.floor(random() * opts.maxLifeMs);
      await sleep(life);
      worker.kill('SIGKILL');
      const { signal } = await exit;
      if (signal !== 'SIGKILL') throw new Error(`mail worker ended by itself before kill ${kill}`);
      opts.log(`kill ${kill}/${opts.kills} after ${life} ms; mailbox ${sandbox.sandbox.mailbox().length}`);
    }
    const drained = spawnTs(WORKER, ['drain'], env);
    const end = await watchLines(drained, () => {});
    if (end.code !== 0) throw new Error(`drain failed: ${end.stderr.slice(0, 500)}`);

    const rows = await db.kysely.selectFrom('mail_messages').select(['id', 'shop_code', 'to_address', 'state']).execute();
    const box2 = sandbox.sandbox.mailbox();
    const copies = new Map<string, number>();
    for (const m of box2) copies.set(m.messageId ?? '', (copies.get(m.messageId ?? '') ?? 0) + 1);
    const perBuyer = new Map<string, number>();
    for (const m of box2) for (const to of m.to) perBuyer.set(to, (perBuyer.get(to) ?? 0) + 1);
    const problems: string[] = [];
    for (const [to, n] of perBuyer) if (n > 1) problems.push(`buyer ${to} has ${n} copies`);
    let unknownButDelivered = 0;
    const known = new Set<string>();
    for (const row of rows) {
      const id = `<mail-${row.id}.${row.shop_code}@juchu>`;
      known.add(id);
      const n = copies.get(id) ?? 0;
      if (row.state === 'sent' && n !== 1) problems.push(`mail ${row.id} is sent but in the mailbox ${n} times`);
      else if (row.state === 'unknown' && n > 1) problems.push(`mail ${row.id} is unknown and in the mailbox ${n} times`);
      else if (row.state !== 'sent' && row.state !== 'unknown') problems.push(`mail ${row.id} ended ${row.state}`);
      if (row.state === 'unknown' && n === 1) unknownButDelivered++;
    }
    for (const id of copies.keys()) if (!known.has(id)) problems.push(`mailbox holds ${id}, which juchu does not know`);
    return {
      engine: db.dialect,
      kills: opts.kills,
      mails: rows.length,
      sent: rows.filter((r) => r.state === 'sent').length,
      unknown: rows.filter((r) => r.state === 'unknown').length,
      delivered: box2.length,
      unknownButDelivered,
      seconds: Math.round((Date.now() - started) / 1000),
      problems,
    };
  } finally {
    await db?.close();
    await sandbox.close();
    await drop();
  }
}

await runWhenStarted(import.meta.url, { kills: 10, mails: 200 }, (o) =>
  runMailCrashTest({ kills: o.kills, mails: o.mails, maxLifeMs: 250, seed: o.seed, log: (line) => console.log(line) }),
);
