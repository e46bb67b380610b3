/**
 * The buyer-mail delivery loop as its own process, for the mail crash test: what `juchu
 * worker` runs for mail, with a short lease so that mails a killed worker left 送信中 turn
 * 送信結果不明 within seconds.
 *
 *   mail-worker-child.ts loop    runs rounds until killed; prints "ready" and one line per round that did something
 *   mail-worker-child.ts drain   waits out the leases, runs rounds until no mail is queued or sending, exits 0
 *
 * Environment: JUCHU_DATABASE_URL, JUCHU_SECRET, JUCHU_MAIL_LEASE_MS.
 */
import { writeSync } from 'node:fs';
import pino from 'pino';
import { MailDelivery, type MailDeliveryDeps } from '../../../src/app/mail/delivery.ts';
import { loadConfig, requireSecret } from '../../../src/config.ts';
import { systemClock } from '../../../src/ports/clock.ts';
import { openDatabase } from '../../../src/store/database.ts';
import { createApp, realPorts } from '../../../src/composition/compose.ts';

const mode = process.argv[2];
const config = loadConfig();
const db = await openDatabase(config.databaseUrl, { maxConnections: 4 });
const app = createApp(db, realPorts(systemClock, () => requireSecret(config)));
const leaseMs = Number(process.env.JUCHU_MAIL_LEASE_MS ?? 1500);
const deps: MailDeliveryDeps = {
  store: app.store,
  clock: systemClock,
  logger: pino({ level: 'error' }, pino.destination(2)),
  accounts: app.mailAccounts,
  options: { leaseMs, batchDeadlineMs: leaseMs / 2, batchSize: 10 },
};
const say = (line: string) => writeSync(1, `${line}\n`);
const delivery = new MailDelivery(deps);

async function open(): Promise<number> {
  const rows = await db.kysely.selectFrom('mail_messages').select('id').where('state', 'in', ['queued', 'sending']).execute();
  return rows.length;
}

if (mode === 'loop') {
  say('ready');
  for (;;) {
    const s = await delivery.runOnce();
    if (s.sent + s.unknown + s.failed + s.deferred > 0) say(`round sent=${s.sent} unknown=${s.unknown} failed=${s.failed} deferred=${s.deferred}`);
    else await new Promise((resolve) => setTimeout(resolve, 20));
  }
} else if (mode === 'drain') {
  await new Promise((resolve) => setTimeout(resolve, leaseMs + 100));
  for (let round = 1; (await open()) > 0; round++) {
    const s = await delivery.runOnce();
    say(`drain sent=${s.sent} unknown=${s.unknown} failed=${s.failed} deferred=${s.deferred}`);
    if (round >= 500) throw new Error('mail did not settle in 500 rounds');
  }
  delivery.close();
  await db.close();
} else {
  throw new Error('usage: mail-worker-child.ts loop|drain');
}
