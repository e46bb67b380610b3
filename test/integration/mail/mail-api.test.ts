import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MailDelivery } from '../../../src/app/mail/delivery.ts';
import { Sandbox } from '../../../src/sandbox/index.ts';
import { startMailRelay, type RunningMailRelay } from '../../../src/sandbox/mail/relay.ts';
import { testEngine } from '../../support/database.ts';
import { createWorld, errorCode, logIn, type Client, type World } from '../server/support.ts';
import { Store } from '../../../src/store/store.ts';

/** The mail API over HTTP: settings with a write-only password, the test button, templates, preview, send, log, 再送. */
describe(`mail API (${testEngine})`, () => {
  let w: World;
  let relaySandbox: Sandbox;
  let relay: RunningMailRelay;
  let admin: Client;
  let staffA: Client;
  let staffB: Client;
  let account: { smtpUser: string; smtpPassword: string; registeredSenders: string[] };

  const settingsDoc = (change: Record<string, unknown> = {}) => ({
    host: relay.host,
    port: relay.port,
    user: account.smtpUser,
    password: account.smtpPassword,
    fromAddress: account.registeredSenders[0],
    fromName: 'ショップA',
    bcc: '',
    signature: 'ショップA カスタマーサポート',
    caFile: relay.caFile,
    ratePerMinute: 120,
    ...change,
  });

  beforeEach(async () => {
    w = await createWorld();
    relaySandbox = new Sandbox({ seed: 3 });
    relay = await startMailRelay(relaySandbox, { port: 0 });
    account = relaySandbox.createShop({ name: 'relay' }).mail;
    await w.addShop('shop-a');
    await w.addShop('shop-b');
    await w.addUser('admin@example.jp', 'admin');
    await w.addUser('staff-a@example.jp', 'staff', ['shop-a']);
    await w.addUser('staff-b@example.jp', 'staff', ['shop-b']);
    [admin, staffA, staffB] = await Promise.all([logIn(w.server, 'admin@example.jp'), logIn(w.server, 'staff-a@example.jp'), logIn(w.server, 'staff-b@example.jp')]);
  });
  afterEach(async () => {
    await relay.close();
    await w.close();
  });

  it('keeps the SMTP password write-only and out of the audit log; only admins change mail settings', async () => {
    expect((await staffA.call('PUT', '/api/shops/shop-a/settings/mail', { version: 0, document: settingsDoc() })).statusCode).toBe(403);
    const saved = await admin.call('PUT', '/api/shops/shop-a/settings/mail', { version: 0, document: settingsDoc() });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.body).not.toContain(account.smtpPassword);
    expect(saved.json()).toMatchObject({ version: 1, secretsSet: { password: true }, document: { password: '', user: account.smtpUser } });
    const read = await staffA.call('GET', '/api/shops/shop-a/settings/mail');
    expect(read.body).not.toContain(account.smtpPassword);
    const audit = await Store.open(w.db).auditLog.latest(20);
    expect(JSON.stringify(audit)).not.toContain(account.smtpPassword);
    // A save that leaves the password out keeps it.
    const kept = await admin.call('PUT', '/api/shops/shop-a/settings/mail', { version: 1, document: { ...settingsDoc({ signature: '新しい署名' }), password: undefined } });
    expect(kept.json()).toMatchObject({ version: 2, secretsSet: { password: true } });
    const injected = await admin.call('PUT', '/api/shops/shop-a/settings/mail', { version: 2, document: settingsDoc({ fromName: 'ショップA\r\nBcc: someone@example.com' }) });
    expect([injected.statusCode, errorCode(injected)]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('answers the test button with the relay’s own words', async () => {
    expect(errorCode(await staffA.call('POST', '/api/shops/shop-a/mail/test'))).toBe('MAIL_NOT_CONFIGURED');
    await admin.call('PUT', '/api/shops/shop-a/settings/mail', { version: 0, document: settingsDoc() });
    const ok = await staffA.call('POST', '/api/shops/shop-a/mail/test');
    expect(ok.json()).toMatchObject({ ok: true, outcome: 'accepted', response: expect.stringMatching(/^250 /) });
    expect(relaySandbox.mailbox()).toHaveLength(1);
    await admin.call('PUT', '/api/shops/shop-a/settings/mail', { version: 1, document: settingsDoc({ password: 'old-password' }) });
    const refused = await staffA.call('POST', '/api/shops/shop-a/mail/test');
    expect(refused.json()).toMatchObject({ ok: false, code: 535, response: expect.stringContaining('Authentication credentials invalid') });
    expect((await staffA.call('GET', '/api/mail-alerts')).json()).toMatchObject({ alerts: [{ shopCode: 'shop-a' }] });
    expect((await staffB.call('GET', '/api/mail-alerts')).json()).toEqual({ alerts: [] });
  });

  it('checks templates when saved, previews them against a real order, sends in bulk and logs every mail', async () => {
    await admin.call('PUT', '/api/shops/shop-a/settings/mail', { version: 0, document: settingsDoc() });
    const [n1, n2] = await w.addOrders('shop-a', { count: 2 });
    const post = (body: unknown) => staffA.call('POST', '/api/shops/shop-a/mail/templates', body);
    const base = { name: '出荷遅延', subject: '【{{shop_name}}】{{order_number}} 出荷遅延のお知らせ', body: '{{buyer_name}} 様\n{{items}}\n{{signature}}', autoTrigger: null };
    expect(errorCode(await post({ ...base, body: '{{buyer_nam}}' }))).toBe('MAIL_PLACEHOLDER_UNKNOWN');
    expect(errorCode(await post({ ...base, body: '{{#carrier 1001}}' }))).toBe('MAIL_TEMPLATE_INVALID');
    expect(errorCode(await post({ ...base, body: 'x'.repeat(70 * 1024) }))).toBe('MAIL_TEMPLATE_TOO_LARGE');
    const huge = await post({ ...base, body: 'x'.repeat(2 * 1024 * 1024) });
    expect([huge.statusCode, errorCode(huge)]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const created = await post(base);
    expect(created.statusCode, created.body).toBe(200);
    const template = created.json() as { id: number; version: number };

    const preview = await staffA.call('POST', '/api/mail/preview', { orderNumber: n1, templateId: template.id });
    expect(preview.json()).toMatchObject({ subject: `【shop-a店】${n1} 出荷遅延のお知らせ`, from: account.registeredSenders[0] });
    expect((await staffB.call('POST', '/api/mail/preview', { orderNumber: n1, templateId: template.id })).statusCode).toBe(404);

    const sent = await staffA.call('POST', '/api/shops/shop-a/mail/send', { orderNumbers: [n1, n2], templateId: template.id });
    expect(sent.statusCode, sent.body).toBe(200);
    expect((sent.json() as { mails: unknown[] }).mails).toHaveLength(2);
    const oneOff = await staffA.call('POST', '/api/shops/shop-a/mail/send', { orderNumbers: [n1], subject: 'ご連絡', body: '入荷が一日遅れます。' });
    expect(oneOff.statusCode).toBe(200);

    const delivery = new MailDelivery({ store: w.app.store, clock: w.clock, logger: pino({ level: 'silent' }), accounts: w.app.mailAccounts });
    try {
      expect(await delivery.runOnce()).toMatchObject({ sent: 3 });
    } finally {
      delivery.close();
    }
    const log = (await staffA.call('GET', '/api/mail?shop=shop-a&limit=2')).json() as { items: { id: number; state: string; orderNumber: string; triggeredBy: string }[]; nextBefore: number | null };
    expect(log.items.map((m) => m.state)).toEqual(['sent', 'sent']);
    expect(log.nextBefore).not.toBeNull();
    const rest = (await staffA.call('GET', `/api/mail?shop=shop-a&before=${log.nextBefore}`)).json() as { items: unknown[]; nextBefore: number | null };
    expect([rest.items.length, rest.nextBefore]).toEqual([1, null]);
    const perOrder = (await staffA.call('GET', `/api/orders/${n1}/mail`)).json() as { autoMailStopped: boolean; mails: { id: number; body: string; subject: string }[] };
    expect(perOrder.mails.map((m) => m.subject)).toEqual(['ご連絡', `【shop-a店】${n1} 出荷遅延のお知らせ`]);
    expect((await staffB.call('GET', `/api/mail/${perOrder.mails[0]!.id}`)).statusCode).toBe(404);
    expect(errorCode(await staffA.call('POST', `/api/mail/${perOrder.mails[0]!.id}/resend`))).toBe('MAIL_NOT_RESENDABLE');
    expect((await staffA.call('PUT', `/api/orders/${n1}/mail/auto`, { stopped: true })).json()).toEqual({ stopped: true });
    expect(((await staffA.call('GET', `/api/orders/${n1}/mail`)).json() as { autoMailStopped: boolean }).autoMailStopped).toBe(true);
    expect(relaySandbox.mailbox().map((m) => m.subject).sort()).toEqual([`【shop-a店】${n1} 出荷遅延のお知らせ`, `【shop-a店】${n2} 出荷遅延のお知らせ`, 'ご連絡'].sort());
  });
});
