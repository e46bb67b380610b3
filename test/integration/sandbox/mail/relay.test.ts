import { readFileSync } from 'node:fs';
import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../../src/sandbox/index.ts';

interface ShopJson {
  shopId: string;
  smtpUser: string;
  smtpPassword: string;
  registeredSenders: string[];
}

interface MailJson {
  messages: { id: string; receivedAt: string; authUser: string; from: string; to: string[]; subject: string; text: string }[];
}

const BUYER = '0a1b2c3d4e5f60718293a4b5c6d7e8f9s1@pc.fw.rakuten.ne.jp';

describe('sandbox SMTP relay', () => {
  let sandbox: RunningSandbox;
  let shop: ShopJson;

  const control = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${sandbox.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as T;
  };

  const transport = (overrides: Record<string, unknown> = {}) =>
    createTransport({
      host: sandbox.mail!.host,
      port: sandbox.mail!.port,
      secure: false,
      requireTLS: true,
      tls: { ca: readFileSync(sandbox.mail!.caFile, 'utf8'), servername: 'localhost' },
      auth: { user: shop.smtpUser, pass: shop.smtpPassword },
      connectionTimeout: 5_000,
      socketTimeout: 5_000,
      ...overrides,
    });

  const send = (overrides: Record<string, unknown> = {}, message: Record<string, unknown> = {}) =>
    transport(overrides).sendMail({ from: { name: 'テスト店', address: shop.registeredSenders[0]! }, to: BUYER, subject: 'ご注文ありがとうございます【テスト店】', text: '山田 太郎 様\n\nご注文を承りました。\n', ...message });

  beforeAll(async () => {
    sandbox = await startSandbox({ smtp: { port: 0 } });
  });
  afterAll(async () => {
    await sandbox.close();
  });
  beforeEach(async () => {
    await control('POST', '/sandbox/reset');
    shop = await control<ShopJson>('POST', '/sandbox/shops', { name: 'テスト店' });
  });

  it('generates SMTP credentials and a registered sender for a new shop, or takes given ones', async () => {
    expect(shop.smtpUser).toMatch(/^smtp\d+$/);
    expect(shop.smtpPassword).toMatch(/^[0-9a-f]{16}$/);
    expect(shop.registeredSenders).toHaveLength(1);
    const given = await control<ShopJson>('POST', '/sandbox/shops', { smtpUser: 'shop-a', smtpPassword: 'pw-a', registeredSenders: ['info@a.example.jp'] });
    expect(given).toMatchObject({ smtpUser: 'shop-a', smtpPassword: 'pw-a', registeredSenders: ['info@a.example.jp'] });
    const refused = await fetch(`${sandbox.url}/sandbox/shops`, { method: 'POST', body: JSON.stringify({ registeredSenders: ['not an address'] }) });
    expect(refused.status).toBe(400);
  });

  it('takes a message over STARTTLS with AUTH and shows it decoded in GET /sandbox/mail', async () => {
    const info = await send();
    expect(info.response).toMatch(/^250 /);
    const { messages } = await control<MailJson>('GET', '/sandbox/mail');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      authUser: shop.smtpUser,
      from: shop.registeredSenders[0],
      to: [BUYER],
      subject: 'ご注文ありがとうございます【テスト店】',
      text: '山田 太郎 様\n\nご注文を承りました。\n',
    });
    expect(new Date(messages[0]!.receivedAt).getTime()).not.toBeNaN();
    await control('POST', '/sandbox/reset');
    expect((await control<MailJson>('GET', '/sandbox/mail')).messages).toEqual([]);
  });

  it('refuses AUTH before STARTTLS, and a wrong password', async () => {
    await expect(send({ ignoreTLS: true, requireTLS: false })).rejects.toMatchObject({ responseCode: 538 });
    await expect(send({ auth: { user: shop.smtpUser, pass: 'renewed-in-r-login' } })).rejects.toMatchObject({ code: 'EAUTH', responseCode: 535 });
    await expect(send({ auth: undefined })).rejects.toMatchObject({ responseCode: 530 });
    expect((await control<MailJson>('GET', '/sandbox/mail')).messages).toEqual([]);
  });

  it('is trusted only through its CA file', async () => {
    await expect(send({ tls: { servername: 'localhost' } })).rejects.toThrow(/self-signed certificate/);
    const pem = await (await fetch(`${sandbox.url}/sandbox/mail/certificate`)).text();
    expect(pem).toBe(readFileSync(sandbox.mail!.caFile, 'utf8'));
  });

  it('refuses an unregistered sender with 552 and a recipient it does not relay to with 550', async () => {
    await expect(send({}, { from: 'someone@shop.rakuten.co.jp' })).rejects.toMatchObject({ responseCode: 552, response: expect.stringContaining('sender rejected') });
    await expect(send({}, { to: 'buyer@example.com' })).rejects.toMatchObject({ responseCode: 550 });
    const info = await send({}, { bcc: shop.registeredSenders[0] });
    expect(info.accepted).toHaveLength(2);
  });

  it('follows a password renewed in R-Login', async () => {
    await control('PUT', `/sandbox/shops/${shop.shopId}/mail`, { smtpPassword: 'new-password' });
    await expect(send()).rejects.toMatchObject({ responseCode: 535 });
    await send({ auth: { user: shop.smtpUser, pass: 'new-password' } });
  });

  it('injects refusals, drops after the data and latency', async () => {
    await control('PUT', '/sandbox/faults', { mailRefuseRate: 1 });
    await expect(send()).rejects.toMatchObject({ responseCode: 554 });
    expect((await control<MailJson>('GET', '/sandbox/mail')).messages).toHaveLength(0);

    await control('PUT', '/sandbox/faults', { mailRefuseRate: 0, mailDropAfterDataRate: 1 });
    const dropped = await send().catch((err: unknown) => err);
    expect(dropped).toMatchObject({ code: 'ECONNECTION' });
    expect((dropped as { responseCode?: number }).responseCode).toBeUndefined();
    // Taken all the same: the sender cannot know.
    expect((await control<MailJson>('GET', '/sandbox/mail')).messages).toHaveLength(1);

    await control('PUT', '/sandbox/faults', { mailDropAfterDataRate: 0, mailLatencyMs: 300 });
    const started = Date.now();
    await send();
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });
});
