import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR, WorkingDays } from '../../../src/domain/automation/calendar.ts';
import { ruleMatches, runRules } from '../../../src/domain/automation/evaluate.ts';
import type { RuleContext, RuleFacts } from '../../../src/domain/automation/evaluate.ts';
import { planShipBy } from '../../../src/domain/automation/order-automation.ts';
import { checkRule, shippingMethodsOf } from '../../../src/domain/automation/rules.ts';
import type { RuleReferences } from '../../../src/domain/automation/rules.ts';
import { DEFAULT_CARRIER_PROFILES } from '../../../src/domain/shipping/default-profiles.ts';
import type { Rule, RuleDraft } from '../../../src/domain/automation/rules.ts';
import { UNDETERMINED } from '../../../src/domain/money.ts';
import { holdOrder, releaseOrder } from '../../../src/domain/staff-actions.ts';
import { ctx, errorCode, order, pkg, withPostage } from '../domain/fixtures.ts';

const workStates = [
  { code: 'stock', label: '在庫確認中', rmsSubStatusId: null },
  { code: 'check', label: '要確認', rmsSubStatusId: 3601 },
];
const mailTemplates = [{ id: 5, name: 'ギフトのご案内' }];
const shippingMethods = shippingMethodsOf(Object.values(DEFAULT_CARRIER_PROFILES));
const rctx = (over: Partial<RuleContext> = {}): RuleContext => ({ ...ctx(), workStates, mailTemplates, shippingMethods, ...over });
const none: RuleReferences = { workStates: [], mailTemplateIds: [], shippingMethods: [] };
const rule = (id: number, over: Partial<RuleDraft>): Rule => ({
  id,
  shopCode: 'tea-shop',
  position: id,
  version: 1,
  name: `rule ${id}`,
  enabled: true,
  stop: false,
  conditions: { gift: true },
  actions: [{ kind: 'setWorkState', workState: 'stock' }],
  ...over,
});
/** A new order's: nothing mailed or exported yet. */
const facts: RuleFacts = { buyerOrderCount: 1, mailedTemplateIds: [], autoMailStopped: false, labelExported: false, chosenShippingMethod: null };
const fresh = order({ status: 'new', rmsProgress: 300 });

describe('rule conditions', () => {
  it('AND across conditions, OR within a list', () => {
    const o = order({ remarks: '【備考】ギフト包装を希望します', gift: true });
    expect(ruleMatches({ remarksContainAny: ['のし', 'ぎふと'] }, o, facts)).toBe(true);
    expect(ruleMatches({ remarksContainAny: ['のし'] }, o, facts)).toBe(false);
    expect(ruleMatches({ remarksContainAny: ['ｷﾞﾌﾄ'], gift: true }, o, facts)).toBe(true);
    expect(ruleMatches({ remarksContainAny: ['ギフト'], gift: false }, o, facts)).toBe(false);
    expect(ruleMatches({ prefectures: ['北海道', '東京都'] }, o, facts)).toBe(true);
    expect(ruleMatches({ remoteIsland: true }, o, facts)).toBe(false);
    expect(ruleMatches({ remoteIsland: true }, { ...o, remoteIsland: true }, facts)).toBe(true);
  });

  it('amounts, quantity, SKUs, buyer order count and undetermined postage', () => {
    const o = order();
    expect(ruleMatches({ amountMin: 1500, amountMax: 1500 }, o, facts)).toBe(true);
    expect(ruleMatches({ amountMin: 1501 }, o, facts)).toBe(false);
    expect(ruleMatches({ quantityMin: 2 }, o, facts)).toBe(false);
    expect(ruleMatches({ skus: ['tea'] }, o, facts)).toBe(true);
    expect(ruleMatches({ buyerOrderCountMin: 2 }, o, { buyerOrderCount: 2 })).toBe(true);
    expect(ruleMatches({ buyerOrderCountMin: 2 }, o, facts)).toBe(false);
    const undetermined = withPostage(o, UNDETERMINED);
    expect(ruleMatches({ postageUndetermined: true }, undetermined, facts)).toBe(true);
    expect(ruleMatches({ postageUndetermined: true }, o, facts)).toBe(false);
    // An undetermined amount is in no range.
    expect(ruleMatches({ amountMin: 0 }, undetermined, facts)).toBe(false);
  });
});

describe('checkRule', () => {
  const draft: RuleDraft = { name: 'ギフト', enabled: true, stop: false, conditions: { gift: true }, actions: [{ kind: 'hold', reason: 'のし確認' }] };
  it('refuses empty, contradictory or pattern-like rules', () => {
    expect(checkRule(draft, none).name).toBe('ギフト');
    expect(errorCode(() => checkRule({ ...draft, conditions: {} }, none))).toBe('VALIDATION_FAILED');
    expect(errorCode(() => checkRule({ ...draft, conditions: { amountMin: 10, amountMax: 5 } }, none))).toBe('VALIDATION_FAILED');
    expect(errorCode(() => checkRule({ ...draft, conditions: { prefectures: [] } }, none))).toBe('VALIDATION_FAILED');
    expect(errorCode(() => checkRule({ ...draft, conditions: { remarksContainAny: ['(a+)+$'] } }, none))).toBe('VALIDATION_FAILED');
    expect(errorCode(() => checkRule({ ...draft, conditions: { remarksContainAny: ['x'.repeat(51)] } }, none))).toBe('VALIDATION_FAILED');
    expect(errorCode(() => checkRule({ ...draft, actions: [] }, none))).toBe('VALIDATION_FAILED');
    expect(errorCode(() => checkRule({ ...draft, actions: [{ kind: 'setWorkState', workState: 'nope' }] }, none))).toBe('VALIDATION_FAILED');
    expect(errorCode(() => checkRule({ ...draft, actions: [{ kind: 'hold', reason: 'x' }, { kind: 'confirm' }] }, none))).toBe('VALIDATION_FAILED');
  });

  it('refuses a mail template or shipping method the shop does not have, each with its own code', () => {
    const refs: RuleReferences = { ...none, mailTemplateIds: [5], shippingMethods };
    expect(checkRule({ ...draft, actions: [{ kind: 'sendMail', templateId: 5 }, { kind: 'setShippingMethod', profileId: 'japanpost-clickpost', service: 'mailbox' }] }, refs).actions).toHaveLength(2);
    expect(errorCode(() => checkRule({ ...draft, actions: [{ kind: 'sendMail', templateId: 6 }] }, refs))).toBe('RULE_MAIL_TEMPLATE_UNKNOWN');
    // クリックポスト has no standard service; 佐川 has no post box.
    expect(errorCode(() => checkRule({ ...draft, actions: [{ kind: 'setShippingMethod', profileId: 'japanpost-clickpost', service: 'standard' }] }, refs))).toBe('RULE_SHIPPING_METHOD_UNKNOWN');
    expect(errorCode(() => checkRule({ ...draft, actions: [{ kind: 'setShippingMethod', profileId: 'sagawa-ehiden', service: 'mailbox' }] }, refs))).toBe('RULE_SHIPPING_METHOD_UNKNOWN');
    expect(errorCode(() => checkRule({ ...draft, actions: [{ kind: 'sendMail', templateId: 5 }, { kind: 'sendMail', templateId: 5 }] }, refs))).toBe('VALIDATION_FAILED');
  });

  it('remark matching stays linear on a long text', () => {
    const o = order({ remarks: 'a'.repeat(200_000) });
    const started = performance.now();
    expect(ruleMatches({ remarksContainAny: Array.from({ length: 100 }, (_, i) => `${'a'.repeat(49)}b${i}`) }, o, facts)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('runRules', () => {
  it('applies every matching rule in order until one says stop, and records the run', () => {
    const rules = [
      rule(1, { actions: [{ kind: 'setWorkState', workState: 'check' }], stop: true }),
      rule(2, { actions: [{ kind: 'hold', reason: 'x' }] }),
    ];
    const run = runRules({ ...fresh, gift: true }, rules, facts, rctx());
    expect(run.order.workState).toBe('check');
    expect(run.order.status).toBe('new');
    expect(run.operations).toEqual([{ kind: 'syncSubStatus', subStatusId: 3601 }]);
    expect(run.history[0]!.summary).toContain('rule 1');
    expect(run.history[0]!.summary).not.toContain('rule 2');
  });

  it('a disabled rule does nothing; no match is recorded as such', () => {
    const run = runRules({ ...fresh, gift: true }, [rule(1, { enabled: false })], facts, rctx());
    expect(run.order).toEqual({ ...fresh, gift: true });
    expect(run.history[0]!.summary).toContain('該当するルールはありませんでした');
  });

  it('a hold carries its reason; released by staff, the same rule does not hold again', () => {
    const rules = [rule(7, { actions: [{ kind: 'hold', reason: 'のし確認' }] })];
    const held = runRules({ ...fresh, gift: true }, rules, facts, rctx()).order;
    expect(held).toMatchObject({ status: 'on_hold', statusBeforeHold: 'new', holdReason: 'のし確認' });
    const released = releaseOrder(held, ctx()).order;
    expect(released.holdReason).toBeNull();
    const again = runRules(released, rules, facts, rctx());
    expect(again.order.status).toBe('new');
    expect(again.history[0]!.summary).toContain('スタッフが解除した保留');
    // Another rule may still hold it.
    expect(runRules(released, [rule(8, { actions: [{ kind: 'hold', reason: '別' }] })], facts, rctx()).order.status).toBe('on_hold');
  });

  it('staff can hold with a reason too', () => {
    expect(holdOrder(fresh, ctx(), '  在庫切れ ').order.holdReason).toBe('在庫切れ');
  });

  it('auto-confirm goes through the outbox, and is skipped for undetermined postage, auto-confirm shops and other statuses', () => {
    const confirm = [rule(1, { conditions: { paymentMethods: [1] }, actions: [{ kind: 'confirm' }] })];
    const waiting = order();
    const run = runRules(waiting, confirm, facts, rctx());
    expect(run.order.status).toBe('confirmation_queued');
    expect(run.operations).toEqual([{ kind: 'syncConfirmation' }]);
    expect(runRules(withPostage(waiting, UNDETERMINED), confirm, facts, rctx()).operations).toEqual([]);
    expect(runRules(waiting, confirm, facts, rctx({ shop: { ...ctx().shop, autoConfirm: true } })).operations).toEqual([]);
    const skipped = runRules(fresh, confirm, facts, rctx());
    expect(skipped.order).toBe(fresh);
    expect(skipped.history[0]!.summary).toContain('スキップ');
  });
});

describe('the mail and shipping-method actions', () => {
  const mail = [rule(1, { actions: [{ kind: 'sendMail', templateId: 5 }] })];
  const gift = { ...fresh, gift: true };

  it('a mail action asks for the template once, and never again once the queue has it', () => {
    const run = runRules(gift, [...mail, rule(2, { actions: [{ kind: 'sendMail', templateId: 5 }] })], facts, rctx());
    expect(run.effects).toEqual([{ kind: 'sendMail', templateId: 5, templateName: 'ギフトのご案内' }]);
    expect(run.order).toBe(gift);
    expect(run.history[0]!.summary).toContain('メール「ギフトのご案内」を送信');
    expect(run.history[0]!.summary).toContain('送信済みのため送りません');
    const again = runRules(gift, mail, { ...facts, mailedTemplateIds: [5] }, rctx());
    expect(again.effects).toEqual([]);
    expect(again.matches[0]!.skipped[0]).toContain('送信済み');
  });

  it('a mail is skipped and recorded when the template is gone, automatic mail is stopped, the order is cancelled, or the buyer has no address', () => {
    const skippedFor = (o: typeof gift, f = facts, c = rctx()) => {
      const run = runRules(o, mail, f, c);
      expect(run.effects).toEqual([]);
      return run.matches[0]!.skipped[0]!;
    };
    expect(skippedFor(gift, facts, rctx({ mailTemplates: [] }))).toContain('見つかりません');
    expect(skippedFor(gift, { ...facts, autoMailStopped: true })).toContain('自動メールが停止');
    expect(skippedFor({ ...gift, status: 'cancelled' })).toContain('キャンセル');
    expect(skippedFor({ ...gift, buyer: { ...gift.buyer, emailAddress: '' } })).toContain('メールアドレス');
  });

  it('a shipping method is set before the label export and shipping only; a COD order keeps COD', () => {
    const set = [rule(1, { actions: [{ kind: 'setShippingMethod', profileId: 'sagawa-ehiden', service: 'standard' }] })];
    const run = runRules(gift, set, facts, rctx());
    expect(run.effects).toEqual([{ kind: 'setShippingMethod', profileId: 'sagawa-ehiden', service: 'standard' }]);
    expect(run.history[0]!.summary).toContain('佐川急便');
    const cod = { ...gift, settlement: { ...gift.settlement, methodCode: 2 } };
    expect(runRules(cod, set, facts, rctx()).effects).toEqual([{ kind: 'setShippingMethod', profileId: 'sagawa-ehiden', service: 'cod' }]);
    const exported = runRules(gift, set, { ...facts, labelExported: true }, rctx());
    expect(exported.effects).toEqual([]);
    expect(exported.matches[0]!.skipped[0]).toContain('送り状データを出力済み');
    const shipped = runRules({ ...gift, status: 'shipped', rmsProgress: 500 }, set, facts, rctx());
    expect(shipped.effects).toEqual([]);
    expect(shipped.matches[0]!.skipped[0]).toContain('配送方法を変更できません');
    expect(runRules(gift, set, facts, rctx({ shippingMethods: [] })).matches[0]!.skipped[0]).toContain('出荷設定にありません');
    const already = runRules(gift, set, { ...facts, chosenShippingMethod: { profileId: 'sagawa-ehiden', service: 'standard' } }, rctx());
    expect(already.effects).toEqual([]);
    expect(already.matches[0]!.skipped[0]).toContain('既に配送方法');
    expect(runRules(gift, set, { ...facts, chosenShippingMethod: { profileId: 'yamato-b2', service: 'standard' } }, rctx()).effects).toHaveLength(1);
  });
});

describe('planShipBy', () => {
  const days = new WorkingDays(DEFAULT_CALENDAR);
  it('computes on import and pushes once the order is in 楽天処理中 or 新規受付', () => {
    const waiting = planShipBy(null, order(), days, ctx());
    expect(waiting.order.plannedShipDate).toBe('2026-11-24');
    expect(waiting.operations).toEqual([]);
    const processing = planShipBy(waiting.order, { ...waiting.order, status: 'rakuten_processing', rmsProgress: 200 }, days, ctx());
    expect(processing.operations).toEqual([{ kind: 'syncPlannedShipDate', basketId: 1001, shippingDate: '2026-11-24', deliveryCompany: '1001' }]);
    const later = planShipBy(processing.order, { ...processing.order, status: 'new', rmsProgress: 300 }, days, ctx());
    expect(later.operations).toEqual([]);
  });

  it('never for orders already shipped or closed at first import', () => {
    const closed = planShipBy(null, order({ status: 'completed', rmsProgress: 500 }), days, ctx());
    expect(closed.order.plannedShipDate).toBeNull();
    expect(closed.operations).toEqual([]);
  });

  it('leaves a date staff entered alone', () => {
    const o = order({ status: 'new', rmsProgress: 300, plannedShipDate: '2026-12-01', packages: [pkg()] });
    expect(planShipBy(o, o, days, ctx())).toEqual({ order: o, operations: [], history: [] });
  });
});
