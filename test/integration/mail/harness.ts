import pino from 'pino';
import type { MailAccount, MailAccounts } from '../../../src/app/mail/account.ts';
import { MailDelivery, type MailDeliveryOptions } from '../../../src/app/mail/delivery.ts';
import { MailService } from '../../../src/app/mail/mail-service.ts';
import type { MailSettings } from '../../../src/domain/mail/settings.ts';
import { startMailRelay, type RunningMailRelay } from '../../../src/sandbox/mail/relay.ts';
import { startHarness, SHOP, STAFF, type HarnessOptions } from '../sync/harness.ts';
import { SYSTEM_CALLER } from '../../../src/app/caller.ts';

export { SHOP, STAFF };

export const TEMPLATES = {
  orderTaken: {
    name: 'サンクスメール',
    subject: '【{{shop_name}}】ご注文ありがとうございます（注文番号 {{order_number}}）',
    body: '{{buyer_name}} 様\n\nご注文ありがとうございます。\n注文番号: {{order_number}}\n{{items}}\n請求金額: {{request_price}}\n{{#payment 銀行振込}}お振込先は別途ご案内します。\n{{/payment}}\n{{signature}}',
  },
  confirmed: {
    name: '注文確認メール',
    subject: '【{{shop_name}}】ご注文を確認しました',
    body: '{{buyer_name}} 様\n\nご注文 {{order_number}} を確認しました。出荷予定日: {{planned_ship_date}}\n\n{{signature}}',
  },
  shipped: {
    name: '発送完了メール',
    subject: '【{{shop_name}}】商品を発送しました',
    body: '{{buyer_name}} 様\n\n{{carrier_names}}で発送しました。\n{{parcels}}\n{{#carrier 1001}}ヤマト運輸の営業所でもお受け取りいただけます。\n{{/carrier}}{{#carrier 佐川急便}}佐川急便でお届けします。\n{{/carrier}}\n{{signature}}',
  },
} as const;

/**
 * The sync harness plus the sandbox's SMTP relay, a shop whose mail settings point at it
 * (trusting it through its CA file), the mail service and one delivery loop.
 */
export async function startMailHarness(opts: HarnessOptions & { delivery?: Partial<MailDeliveryOptions>; settings?: Partial<MailSettings> } = {}) {
  const h = await startHarness(opts);
  const relay: RunningMailRelay = await startMailRelay(h.sandbox.sandbox, { port: 0 });
  const rmsShop = h.sandbox.sandbox.findShop({ licenseKey: h.licenseKey });
  let settings: MailSettings = {
    host: relay.host,
    port: relay.port,
    user: rmsShop.mail.smtpUser,
    fromAddress: rmsShop.mail.registeredSenders[0]!,
    fromName: 'テスト店',
    bcc: null,
    signature: '――\nテスト店\nhttps://www.rakuten.ne.jp/gold/test/',
    caFile: relay.caFile,
    ratePerMinute: 6000,
    ...opts.settings,
  };
  let password = rmsShop.mail.smtpPassword;
  let version = 1;
  const accounts: MailAccounts = {
    get: async (shopCode): Promise<MailAccount | null> =>
      shopCode === SHOP ? { shopCode, shopName: 'テスト店', settings, password, version: String(version) } : null,
  };
  const mail = new MailService({ store: h.store, clock: h.clock, accounts });
  const delivery = new MailDelivery({ store: h.store, clock: h.clock, logger: pino({ level: 'silent' }), accounts, options: { authRetryMs: 0, ...opts.delivery } });
  return {
    ...h,
    relay,
    mail,
    delivery,
    rmsShop,
    mailbox: () => h.sandbox.sandbox.mailbox(),
    changeSettings(change: Partial<MailSettings>, newPassword?: string): void {
      settings = { ...settings, ...change };
      if (newPassword !== undefined) password = newPassword;
      version++;
    },
    async switchOn(...triggers: (keyof typeof TEMPLATES)[]): Promise<void> {
      for (const trigger of triggers) await mail.saveTemplate(SYSTEM_CALLER, SHOP, null, null, { ...TEMPLATES[trigger], autoTrigger: trigger }, STAFF);
    },
    async close(): Promise<void> {
      delivery.close();
      await relay.close();
      await h.close();
    },
  };
}

export type MailHarness = Awaited<ReturnType<typeof startMailHarness>>;
