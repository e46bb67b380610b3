import { afterEach, describe, expect, it } from 'vitest';
import { SYSTEM_CALLER } from '../../../src/app/caller.ts';
import { AutomationService } from '../../../src/app/automation/automation-service.ts';
import { SettingsService } from '../../../src/app/settings/settings-service.ts';
import type { RuleDraft } from '../../../src/domain/automation/rules.ts';
import { createSecretBox } from '../../../src/ports/secret-box.ts';
import { testEngine } from '../../support/database.ts';
import { startMailHarness, type MailHarness } from '../mail/harness.ts';
import { exportFile, newOrders, shippingFor } from '../shipping/support.ts';
import { SHOP, STAFF, startHarness, type Harness } from '../sync/harness.ts';

const MINUTE = 60;

const rule = (name: string, conditions: RuleDraft['conditions'], actions: RuleDraft['actions']): RuleDraft => ({ name, enabled: true, stop: false, conditions, actions });

function automationFor(h: Harness): AutomationService {
  return new AutomationService({ store: h.store, clock: h.clock, settings: new SettingsService({ store: h.store, clock: h.clock, secrets: () => createSecretBox('integration-test-secret-0001') }) });
}

async function ruleRuns(h: Harness, orderNumber: string): Promise<string[]> {
  return (await h.store.history.listForOrder(orderNumber)).filter((e) => e.action === 'rulesApplied').map((e) => e.summary);
}

/** The mail and shipping-method actions over the sandbox, through the real import, mail queue and label export. */
describe(`rule actions: mail and shipping method (${testEngine})`, () => {
  let h: MailHarness | Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('an imported order matching a mail rule gets exactly one mail, however often the rules run again', async () => {
    const m = await startMailHarness();
    h = m;
    const automation = automationFor(m);
    const template = await m.mail.saveTemplate(SYSTEM_CALLER, SHOP, null, null, { name: 'ギフトのご案内', subject: 'ギフト包装について（{{order_number}}）', body: '{{buyer_name}} 様\nギフト包装を承りました。\n{{signature}}', autoTrigger: null }, STAFF);
    await automation.createRule(SYSTEM_CALLER, SHOP, rule('ギフト案内', { quantityMin: 1 }, [{ kind: 'sendMail', templateId: template.id }]), STAFF);

    const [n] = m.place('card_ok') as [string];
    await m.sync();
    expect((await m.mail.list(SYSTEM_CALLER, { orderNumber: n, limit: 10 })).map((x) => [x.kind, x.templateId, x.state])).toEqual([['rule', template.id, 'queued']]);

    // RMS moves the order to 新規受付 (rules run again), and staff run them on demand, twice at once.
    await m.orders.confirm(SYSTEM_CALLER, n, undefined, STAFF);
    await m.sync();
    m.advance(30 * MINUTE);
    await m.sync();
    expect((await m.order(n)).status).toBe('new');
    const onDemand = await Promise.allSettled([automation.applyRules(SYSTEM_CALLER, SHOP, [n], STAFF), automation.applyRules(SYSTEM_CALLER, SHOP, [n], STAFF)]);
    expect(onDemand.some((r) => r.status === 'fulfilled')).toBe(true);

    m.advance(MINUTE);
    await m.delivery.runOnce();
    await m.delivery.runOnce();
    const log = await m.mail.list(SYSTEM_CALLER, { orderNumber: n, limit: 10 });
    expect(log.map((x) => [x.kind, x.state])).toEqual([['rule', 'sent']]);
    const box = m.mailbox();
    expect(box).toHaveLength(1);
    expect(box[0]!.subject).toBe(`ギフト包装について（${n}）`);
    expect(box[0]!.to).toEqual([(await m.order(n)).buyer.emailAddress]);

    const runs = await ruleRuns(m, n);
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(runs.filter((s) => s.includes('メール「ギフトのご案内」を送信') && !s.includes('送信済み'))).toHaveLength(1);
    expect(runs.at(-1)).toContain('送信済みのため送りません');

    // The queue itself holds the line, whatever a caller read before: the same template to the same order is dropped.
    const again = { shopCode: SHOP, orderNumber: n, kind: 'rule' as const, templateId: template.id, templateName: template.name, to: box[0]!.to[0]!, subject: null, body: null, dueAt: m.clock.now(), triggeredBy: 'test' };
    expect(await m.store.mail.enqueue([again], m.clock.now())).toEqual([]);
    expect(await m.store.mail.enqueue([{ ...again, templateId: template.id + 1 }], m.clock.now())).toHaveLength(1);
  });

  it('a mail rule is skipped and recorded when automatic mail is stopped for the order; an unknown template is refused', async () => {
    const m = await startMailHarness();
    h = m;
    const automation = automationFor(m);
    const [n] = m.place('card_ok') as [string];
    await m.sync();
    const template = await m.mail.saveTemplate(SYSTEM_CALLER, SHOP, null, null, { name: '遅延のお詫び', subject: 'お詫び', body: '{{buyer_name}} 様', autoTrigger: null }, STAFF);
    await m.mail.setAutoMailStopped(SYSTEM_CALLER, n, true, STAFF);
    await automation.createRule(SYSTEM_CALLER, SHOP, rule('遅延', { quantityMin: 1 }, [{ kind: 'sendMail', templateId: template.id }]), STAFF);

    const dry = await automation.dryRun(SYSTEM_CALLER, SHOP, rule('遅延', { quantityMin: 1 }, [{ kind: 'sendMail', templateId: template.id }]));
    expect(dry.orders.find((o) => o.orderNumber === n)!.skipped[0]).toContain('自動メールが停止');
    const [applied] = await automation.applyRules(SYSTEM_CALLER, SHOP, [n], STAFF);
    expect(applied!.ok && applied!.matches[0]!.skipped[0]).toContain('自動メールが停止');
    expect(await m.mail.list(SYSTEM_CALLER, { orderNumber: n, limit: 10 })).toEqual([]);
    expect((await ruleRuns(m, n)).at(-1)).toContain('自動メールが停止');

    await expect(automation.createRule(SYSTEM_CALLER, SHOP, rule('x', { gift: true }, [{ kind: 'sendMail', templateId: template.id + 100 }]), STAFF)).rejects.toMatchObject({ code: 'RULE_MAIL_TEMPLATE_UNKNOWN' });
    await expect(automation.createRule(SYSTEM_CALLER, SHOP, rule('x', { gift: true }, [{ kind: 'setShippingMethod', profileId: 'sagawa-ehiden', service: 'mailbox' }]), STAFF)).rejects.toMatchObject({
      code: 'RULE_SHIPPING_METHOD_UNKNOWN',
    });
    expect(await automation.rules(SYSTEM_CALLER, SHOP)).toHaveLength(1);
  });

  it('the shipping-method rule sets the method the label export then uses; after the export it no longer changes it', async () => {
    const plain = await startHarness();
    h = plain;
    const automation = automationFor(plain);
    const { service } = await shippingFor(plain);
    await automation.createRule(SYSTEM_CALLER, SHOP, rule('佐川で', { quantityMin: 1 }, [{ kind: 'setShippingMethod', profileId: 'sagawa-ehiden', service: 'standard' }]), STAFF);
    const [n] = await newOrders(plain, 1);

    // Without the rule this order (carrier 1001) would go by ヤマト.
    expect((await service.checkLabels(SYSTEM_CALLER, { shopCode: SHOP, profileId: 'yamato-b2', orderNumbers: [n!] })).map((p) => p.orderNumber)).toEqual([]);
    const planned = await service.checkLabels(SYSTEM_CALLER, { shopCode: SHOP, profileId: 'sagawa-ehiden', orderNumbers: [n!] });
    expect(planned.map((p) => [p.orderNumber, p.method.profileId, p.method.service])).toEqual([[n, 'sagawa-ehiden', 'standard']]);
    // Set at import; when RMS moved the order to 新規受付 the rules ran again and found it set.
    const runs = await ruleRuns(plain, n!);
    expect(runs.filter((s) => s.includes('配送方法を 佐川急便 e飛伝Ⅱ/Ⅲ（通常）に設定'))).toHaveLength(1);
    expect(runs.at(-1)).toContain('既に配送方法 佐川急便 e飛伝Ⅱ/Ⅲ（通常）');
    const { summary } = await exportFile(service, { shopCode: SHOP, profileId: 'sagawa-ehiden', orderNumbers: [n!] });
    expect(summary.packages).toBe(1);

    // Once the label is out, a rule run on demand leaves the method alone and says why.
    await automation.createRule(SYSTEM_CALLER, SHOP, rule('ゆうパックで', { quantityMin: 1 }, [{ kind: 'setShippingMethod', profileId: 'japanpost-yupri', service: 'standard' }]), STAFF);
    const [applied] = await automation.applyRules(SYSTEM_CALLER, SHOP, [n!], STAFF);
    expect(applied!.ok && applied!.matches.flatMap((x) => x.skipped)).toEqual(['送り状データを出力済みのため配送方法を変更しません', '送り状データを出力済みのため配送方法を変更しません']);
    const after = await service.checkLabels(SYSTEM_CALLER, { shopCode: SHOP, profileId: 'sagawa-ehiden', orderNumbers: [n!] });
    expect(after.map((p) => p.orderNumber)).toEqual([n]);
    expect((await ruleRuns(plain, n!)).at(-1)).toContain('送り状データを出力済み');
  });
});
