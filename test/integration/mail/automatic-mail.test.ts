import { afterEach, describe, expect, it } from 'vitest';
import { testEngine } from '../../support/database.ts';
import { SHOP, STAFF, startMailHarness, type MailHarness } from './harness.ts';
import { SYSTEM_CALLER } from '../../../src/app/caller.ts';

const MINUTE = 60;

/** The three automatic mails, end to end: sync against the RMS sandbox, mail through its relay. */
describe(`automatic buyer mail through the sandbox relay (${testEngine})`, () => {
  let h: MailHarness;
  afterEach(async () => h?.close());

  it('sends the thank-you, confirmation and shipping mails once each, with the order’s content', async () => {
    h = await startMailHarness();
    await h.switchOn('orderTaken', 'confirmed', 'shipped');
    const [n] = h.place('card_ok') as [string];
    await h.sync();
    const order = await h.order(n);
    expect(order.status).toBe('awaiting_confirmation');

    // The thank-you mail waits out the buyer's 30-minute cancel window.
    expect((await h.delivery.runOnce()).sent).toBe(0);
    h.advance(31 * MINUTE);
    expect((await h.delivery.runOnce()).sent).toBe(1);

    await h.orders.confirm(SYSTEM_CALLER, n, undefined, STAFF);
    await h.sync();
    expect((await h.delivery.runOnce()).sent).toBe(1);
    h.advance(6 * MINUTE); // RMS finishes payment processing: 新規受付
    await h.sync();

    const shipped = await h.order(n);
    expect(shipped.status).toBe('new');
    await h.orders.registerShipment(SYSTEM_CALLER, n, shipped.version, { basketId: shipped.packages[0]!.basketId, deliveryCompany: '1001', shippingNumber: '4321-0987-6543', shippingDate: '2026-03-03' }, STAFF);
    await h.sync();
    expect((await h.delivery.runOnce()).sent).toBe(0); // parcels reported together share one mail: a minute's grace
    h.advance(2 * MINUTE);
    expect((await h.delivery.runOnce()).sent).toBe(1);

    // Nothing more, however often the loops run.
    await h.sync();
    await h.delivery.runOnce();
    const box = h.mailbox();
    expect(box).toHaveLength(3);
    const buyer = order.buyer.emailAddress;
    for (const m of box) {
      expect(m.to).toEqual([buyer]);
      expect(m.from).toBe(h.rmsShop.mail.registeredSenders[0]);
      expect(m.authUser).toBe(h.rmsShop.mail.smtpUser);
      expect(m.fromHeader).toContain('テスト店');
    }
    const [thanks, confirmed, shippedMail] = box as [(typeof box)[number], (typeof box)[number], (typeof box)[number]];
    const name = `${order.buyer.familyName} ${order.buyer.firstName}`;
    expect(thanks.subject).toBe(`【テスト店】ご注文ありがとうございます（注文番号 ${n}）`);
    expect(thanks.text).toContain(`${name} 様`);
    expect(thanks.text).toContain(order.packages[0]!.items[0]!.name);
    expect(thanks.text).toContain('https://www.rakuten.ne.jp/gold/test/');
    expect(confirmed.subject).toBe('【テスト店】ご注文を確認しました');
    expect(shippedMail.subject).toBe('【テスト店】商品を発送しました');
    expect(shippedMail.text).toContain('ヤマト運輸で発送しました。');
    expect(shippedMail.text).toContain('追跡番号 4321-0987-6543');
    expect(shippedMail.text).toContain('https://member.kms.kuronekoyamato.co.jp/parcel/detail?pno=432109876543');
    expect(shippedMail.text).toContain('営業所でもお受け取り');
    expect(shippedMail.text).not.toContain('佐川急便でお届け');

    const log = await h.mail.list(SYSTEM_CALLER, { orderNumber: n, limit: 10 });
    expect(log.map((m) => [m.kind, m.state])).toEqual([
      ['shipped', 'sent'],
      ['confirmed', 'sent'],
      ['orderTaken', 'sent'],
    ]);
    expect(log.every((m) => m.relayResponse?.startsWith('250'))).toBe(true);
  });

  it('withdraws the thank-you mail when the buyer cancels within the window, and honours the stop switch', async () => {
    h = await startMailHarness();
    await h.switchOn('orderTaken', 'shipped');
    const [cancelled, stopped] = h.place('card_ok', 2) as [string, string];
    await h.sync();
    h.sandbox.sandbox.buyerCancel(cancelled);
    await h.mail.setAutoMailStopped(SYSTEM_CALLER, stopped, true, STAFF);
    h.advance(10 * MINUTE);
    await h.sync();
    h.advance(25 * MINUTE);
    const round = await h.delivery.runOnce();
    expect(round).toMatchObject({ sent: 0, withdrawn: 2 });
    expect(h.mailbox()).toEqual([]);
    const states = (await h.mail.list(SYSTEM_CALLER, { limit: 10 })).map((m) => [m.orderNumber, m.state]);
    expect(states).toEqual(expect.arrayContaining([[cancelled, 'cancelled'], [stopped, 'cancelled']]));
  });

  it('sends nothing for a shop that switched nothing on, and switching on later does not mail orders already taken in', async () => {
    h = await startMailHarness();
    h.place('card_ok', 3);
    await h.sync();
    h.advance(31 * MINUTE);
    expect(await h.delivery.runOnce()).toMatchObject({ sent: 0 });
    await h.switchOn('orderTaken');
    await h.sync();
    expect(await h.delivery.runOnce()).toMatchObject({ sent: 0 });
    expect(await h.mail.list(SYSTEM_CALLER, { limit: 10 })).toEqual([]);
    expect(await h.mail.listTemplates(SYSTEM_CALLER, SHOP)).toHaveLength(1);
  });
});
