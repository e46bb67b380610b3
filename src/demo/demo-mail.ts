import type { App } from '../composition/compose.ts';
import { SYSTEM_CALLER } from '../app/caller.ts';
import type { Actor } from '../domain/history.ts';
import type { MailTrigger } from '../domain/mail/mail.ts';
import type { RunningSandbox } from '../sandbox/index.ts';

/** The demo's サンクスメール and 発送完了メール, switched on for every demo shop. */
export const DEMO_TEMPLATES: readonly { name: string; autoTrigger: MailTrigger; subject: string; body: string }[] = [
  {
    name: 'サンクスメール',
    autoTrigger: 'orderTaken',
    subject: '【{{shop_name}}】ご注文ありがとうございます（注文番号 {{order_number}}）',
    body: [
      '{{buyer_name}} 様',
      '',
      'このたびは{{shop_name}}をご利用いただき、ありがとうございます。',
      '以下の内容でご注文を承りました。',
      '',
      '注文番号：{{order_number}}',
      '注文日時：{{order_date}}',
      '',
      '{{items}}',
      '',
      '送料：{{postage_price}}',
      '請求金額：{{request_price}}',
      'お支払い方法：{{payment_method}}',
      '{{#payment 銀行振込}}お振込先は楽天市場からのご案内をご確認ください。',
      '{{/payment}}{{#payment 代金引換}}代金は商品お受け取りの際に配達員へお支払いください。',
      '{{/payment}}',
      '出荷予定日：{{planned_ship_date}}',
      'お届け希望日：{{delivery_date}} {{delivery_slot}}',
      '',
      '{{signature}}',
    ].join('\n'),
  },
  {
    name: '発送完了メール',
    autoTrigger: 'shipped',
    subject: '【{{shop_name}}】ご注文の商品を発送しました（注文番号 {{order_number}}）',
    body: [
      '{{buyer_name}} 様',
      '',
      'ご注文の商品を本日発送いたしました。',
      '',
      '注文番号：{{order_number}}',
      'お届け先：{{recipient_names}} 様',
      '',
      '{{parcels}}',
      '{{#carrier ヤマト運輸,1030}}',
      'お届け日時の変更はヤマト運輸の「クロネコメンバーズ」からも承れます。',
      '{{/carrier}}{{#carrier 日本郵便}}',
      '日本郵便の追跡サービスで配達状況をご確認いただけます。',
      '{{/carrier}}',
      '{{signature}}',
    ].join('\n'),
  },
];

const DEMO_ACTOR: Actor = { kind: 'system', name: 'デモ' };

/**
 * Points each demo shop's mail settings at the sandbox relay — trusted through the CA file
 * the relay wrote — with the SMTP account the sandbox issued, and switches the two mails on.
 */
export async function setUpDemoMail(app: App, sandbox: RunningSandbox, shops: readonly { code: string; name: string; licenseKey: string }[]): Promise<void> {
  const relay = sandbox.mail;
  if (!relay) throw new Error('the demo sandbox runs without its SMTP relay');
  const { mail } = app;
  for (const shop of shops) {
    const account = sandbox.sandbox.findShop({ licenseKey: shop.licenseKey }).mail;
    await app.settings.save(
      SYSTEM_CALLER,
      shop.code,
      'mail',
      {
        host: relay.host,
        port: relay.port,
        user: account.smtpUser,
        password: account.smtpPassword,
        fromAddress: account.registeredSenders[0],
        fromName: shop.name,
        bcc: '',
        signature: `――――――――――――――――\n${shop.name}（デモ）\nお問い合わせ：${account.registeredSenders[0]}\n――――――――――――――――`,
        caFile: relay.caFile,
        ratePerMinute: 600,
      },
      0,
      DEMO_ACTOR,
    );
    for (const template of DEMO_TEMPLATES) await mail.saveTemplate(SYSTEM_CALLER, shop.code, null, null, template, DEMO_ACTOR);
  }
}
