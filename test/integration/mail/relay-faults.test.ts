import { afterEach, describe, expect, it } from 'vitest';
import { testEngine } from '../../support/database.ts';
import { SHOP, STAFF, startMailHarness, type MailHarness } from './harness.ts';
import { SYSTEM_CALLER } from '../../../src/app/caller.ts';

const ONE_OFF = { subject: '{{order_number}} 出荷遅延のお詫び', body: '{{buyer_name}} 様\n入荷が遅れております。\n{{signature}}' };

/** What the relay can do to a mail, and what staff see of it. */
describe(`buyer mail against relay faults (${testEngine})`, () => {
  let h: MailHarness;
  afterEach(async () => h?.close());

  async function oneOrder(): Promise<string> {
    const [n] = h.place('card_ok') as [string];
    await h.sync();
    return n;
  }

  it('shows the 552 refusal of an unregistered sender on the order, and sends nothing', async () => {
    h = await startMailHarness({ settings: { fromAddress: 'shop@shop.rakuten.co.jp' } });
    const n = await oneOrder();
    await h.mail.send(SYSTEM_CALLER, SHOP, [n], ONE_OFF, STAFF);
    expect(await h.delivery.runOnce()).toMatchObject({ failed: 1, sent: 0 });
    const [mail] = await h.mail.list(SYSTEM_CALLER, { orderNumber: n, limit: 5 });
    expect(mail).toMatchObject({ state: 'failed', relayCode: 552, kind: 'manual', triggeredBy: STAFF.kind === 'user' ? STAFF.name : '' });
    expect(mail!.relayResponse).toMatch(/^552 5\.2\.0 <shop@shop\.rakuten\.co\.jp>\.\.\. sender rejected/);
    expect(h.mailbox()).toEqual([]);
    // Fixed in the settings, 再送 sends it once.
    h.changeSettings({ fromAddress: h.rmsShop.mail.registeredSenders[0]! });
    const again = await h.mail.resend(SYSTEM_CALLER, mail!.id, STAFF);
    await expect(h.mail.resend(SYSTEM_CALLER, mail!.id, STAFF)).rejects.toMatchObject({ code: 'MAIL_NOT_RESENDABLE' });
    expect(await h.delivery.runOnce()).toMatchObject({ sent: 1 });
    expect((await h.mail.mail(SYSTEM_CALLER, again.id)).state).toBe('sent');
    expect(h.mailbox()).toHaveLength(1);
    expect(h.mailbox()[0]!.subject).toBe(`${n} 出荷遅延のお詫び`);
  });

  it('leaves a mail whose answer was lost after the data 送信結果不明, never re-sent on its own', async () => {
    h = await startMailHarness();
    const n = await oneOrder();
    await h.sandbox.sandbox.updateFaults({ mailDropAfterDataRate: 1 });
    await h.mail.send(SYSTEM_CALLER, SHOP, [n], ONE_OFF, STAFF);
    expect(await h.delivery.runOnce()).toMatchObject({ unknown: 1, sent: 0 });
    await h.sandbox.sandbox.updateFaults({ mailDropAfterDataRate: 0 });
    for (let i = 0; i < 3; i++) await h.delivery.runOnce();
    const [mail] = await h.mail.list(SYSTEM_CALLER, { orderNumber: n, limit: 5 });
    expect(mail).toMatchObject({ state: 'unknown', attempts: 1, relayCode: null });
    // The relay had taken it: exactly one copy, as staff must be told before they press 再送.
    expect(h.mailbox()).toHaveLength(1);
  });

  it('fails a 5xx at the end of the data with the relay’s words', async () => {
    h = await startMailHarness();
    const n = await oneOrder();
    await h.sandbox.sandbox.updateFaults({ mailRefuseRate: 1 });
    await h.mail.send(SYSTEM_CALLER, SHOP, [n], ONE_OFF, STAFF);
    expect(await h.delivery.runOnce()).toMatchObject({ failed: 1 });
    const [refused] = await h.mail.list(SYSTEM_CALLER, { orderNumber: n, limit: 5 });
    expect(refused).toMatchObject({ state: 'failed', relayCode: 554 });
    expect(refused!.relayResponse).toContain('Message refused by policy');
  });

  it('does not leave a mail 送信中 when the relay never answers', async () => {
    const { createSmtpTransport } = await import('../../../src/app/mail/smtp-transport.ts');
    h = await startMailHarness();
    const impatient = new (await import('../../../src/app/mail/delivery.ts')).MailDelivery({
      store: h.store,
      clock: h.clock,
      logger: (await import('pino')).default({ level: 'silent' }),
      accounts: { get: async () => ({ shopCode: SHOP, shopName: 'テスト店', settings: { host: h.relay.host, port: h.relay.port, user: h.rmsShop.mail.smtpUser, fromAddress: h.rmsShop.mail.registeredSenders[0]!, fromName: 'テスト店', bcc: null, signature: '', caFile: h.relay.caFile, ratePerMinute: 60 }, password: h.rmsShop.mail.smtpPassword, version: '1' }) },
      transportFor: (account) => createSmtpTransport(account.settings, account.password, { connectionMs: 2_000, greetingMs: 2_000, socketMs: 300 }),
    });
    const n = await oneOrder();
    await h.sandbox.sandbox.updateFaults({ mailLatencyMs: 1_500 });
    await h.mail.send(SYSTEM_CALLER, SHOP, [n], ONE_OFF, STAFF);
    expect(await impatient.runOnce()).toMatchObject({ unknown: 1 });
    impatient.close();
    const [mail] = await h.mail.list(SYSTEM_CALLER, { orderNumber: n, limit: 5 });
    expect(mail!.state).toBe('unknown');
  });

  it('holds mail while the relay refuses the login, shows it, and goes on with the new password', async () => {
    h = await startMailHarness();
    const n = await oneOrder();
    h.sandbox.sandbox.updateMailAccount(h.rmsShop.shopId, { smtpPassword: 'renewed-in-r-login' });
    await h.mail.send(SYSTEM_CALLER, SHOP, [n], ONE_OFF, STAFF);
    expect(await h.delivery.runOnce()).toMatchObject({ deferred: 1 });
    const [held] = await h.mail.list(SYSTEM_CALLER, { orderNumber: n, limit: 5 });
    expect(held).toMatchObject({ state: 'queued', attempts: 0, relayCode: 535 });
    const [alert] = await h.mail.authAlerts({ role: 'staff', shops: { all: false, codes: [SHOP] } });
    expect(alert!.response).toContain('535');
    expect((await h.mail.sendTest(SYSTEM_CALLER, SHOP)).kind).toBe('refused');

    h.changeSettings({}, 'renewed-in-r-login');
    h.advance(10 * 60);
    expect(await h.mail.sendTest(SYSTEM_CALLER, SHOP)).toMatchObject({ kind: 'accepted' });
    expect(await h.mail.authAlerts({ role: 'staff', shops: { all: false, codes: [SHOP] } })).toEqual([]);
    expect(await h.delivery.runOnce()).toMatchObject({ sent: 1 });
    expect(h.mailbox().filter((m) => m.to.includes(held!.to))).toHaveLength(1);
  });

  it('refuses header injection, unknown placeholders, oversize templates and bad recipients at the door', async () => {
    h = await startMailHarness();
    const n = await oneOrder();
    await expect(h.mail.send(SYSTEM_CALLER, SHOP, [n], { subject: 'お詫び\r\nBcc: victim@example.com', body: 'x' }, STAFF)).rejects.toMatchObject({ code: 'MAIL_HEADER_INJECTION' });
    await expect(h.mail.send(SYSTEM_CALLER, SHOP, [n], { subject: '{{order_numbr}}', body: 'x' }, STAFF)).rejects.toMatchObject({ code: 'MAIL_PLACEHOLDER_UNKNOWN' });
    await expect(h.mail.saveTemplate(SYSTEM_CALLER, SHOP, null, null, { name: 'big', subject: 's', body: 'あ'.repeat(22_000), autoTrigger: null }, STAFF)).rejects.toMatchObject({ code: 'MAIL_TEMPLATE_TOO_LARGE' });
    await expect(h.mail.saveTemplate(SYSTEM_CALLER, SHOP, null, null, { name: 'x\ny', subject: 's', body: 'b', autoTrigger: null }, STAFF)).rejects.toMatchObject({ code: 'MAIL_HEADER_INJECTION' });
    await expect(h.mail.send(SYSTEM_CALLER, SHOP, ['no-such-order'], ONE_OFF, STAFF)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await h.mail.list(SYSTEM_CALLER, { limit: 10 })).toEqual([]);
  });
});
