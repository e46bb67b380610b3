import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ruleMatches, runRules } from '../../../src/domain/automation/evaluate.ts';
import type { RuleContext, RuleFacts, RuleRunResult } from '../../../src/domain/automation/evaluate.ts';
import { statusBeneath } from '../../../src/domain/automation/order-automation.ts';
import { normaliseText, shippingMethodsOf } from '../../../src/domain/automation/rules.ts';
import type { Rule, RuleAction, RuleConditions } from '../../../src/domain/automation/rules.ts';
import { UNDETERMINED, yen } from '../../../src/domain/money.ts';
import type { Order } from '../../../src/domain/order.ts';
import { DEFAULT_CARRIER_PROFILES } from '../../../src/domain/shipping/default-profiles.ts';
import type { OrderStatus, RmsProgress } from '../../../src/domain/status.ts';
import { computeTotals } from '../../../src/domain/totals.ts';
import { allowedActions } from '../../../src/domain/transitions.ts';
import { ctx, item, order, pkg } from '../domain/fixtures.ts';

/**
 * Properties of ステータス仕分け over generated orders and rule lists: small vocabularies so
 * that rules often match, and odd orders (no packages, no units, undetermined amounts, any
 * Unicode in the remarks) so that evaluation meets what an import can bring.
 */

const PAYMENTS = [1, 2, 4, 16];
const DELIVERY_NAMES = ['宅配便', 'メール便', 'クール便'];
const CARRIERS = ['1001', '1002', '1003'];
const PREFECTURES = ['東京都', '北海道', '沖縄県'] as const;
const WORDS = ['のし', 'ノシ', 'ﾉｼ', 'ギフト', '領収書', 'a'];
const SKUS = ['tea', 'tea-001', 'cup', 'sku-1'];
const STATUSES: readonly [OrderStatus, RmsProgress][] = [
  ['awaiting_confirmation', 100],
  ['confirmation_queued', 100],
  ['rakuten_processing', 200],
  ['new', 300],
  ['on_hold', 300],
  ['shipped', 300],
  ['completed', 500],
  ['cancelled', 900],
];

const workStates = [
  { code: 'stock', label: '在庫確認中', rmsSubStatusId: null },
  { code: 'check', label: '要確認', rmsSubStatusId: 3601 },
];
const rctx: RuleContext = {
  ...ctx(),
  workStates,
  mailTemplates: [
    { id: 1, name: 'ギフト' },
    { id: 2, name: '遅延' },
  ],
  shippingMethods: shippingMethodsOf(Object.values(DEFAULT_CARRIER_PROFILES)),
};

const sub = <T>(values: readonly T[]) => fc.subarray([...values], { minLength: 1 });
const bound = (max: number) => fc.integer({ min: 0, max });

/** Every condition with a value; a rule sets up to three of them, so that rules often match. */
const allConditions = fc.record({
  paymentMethods: sub(PAYMENTS),
  amountMin: bound(3000),
  amountMax: bound(3000),
  shippingMethods: sub(DELIVERY_NAMES),
  carriers: sub(CARRIERS),
  prefectures: sub(PREFECTURES),
  remoteIsland: fc.boolean(),
  gift: fc.boolean(),
  deliveryDateRequested: fc.boolean(),
  remarksContainAny: sub(WORDS),
  skus: sub(SKUS),
  quantityMin: bound(6),
  quantityMax: bound(6),
  buyerOrderCountMin: bound(4),
  buyerOrderCountMax: bound(4),
  postageUndetermined: fc.boolean(),
});
const CONDITION_KEYS = [
  'paymentMethods',
  'amountMin',
  'amountMax',
  'shippingMethods',
  'carriers',
  'prefectures',
  'remoteIsland',
  'gift',
  'deliveryDateRequested',
  'remarksContainAny',
  'skus',
  'quantityMin',
  'quantityMax',
  'buyerOrderCountMin',
  'buyerOrderCountMax',
  'postageUndetermined',
] as const;
const conditionsArb: fc.Arbitrary<RuleConditions> = fc
  .tuple(allConditions, fc.subarray([...CONDITION_KEYS], { maxLength: 3 }))
  .map(([all, keys]) => Object.fromEntries(keys.map((k) => [k, all[k]])) as RuleConditions);

const actionArb: fc.Arbitrary<RuleAction> = fc.oneof(
  fc.constantFrom('要確認', '備考').map((reason): RuleAction => ({ kind: 'hold', reason })),
  fc.constantFrom('stock', 'check', 'gone').map((workState): RuleAction => ({ kind: 'setWorkState', workState })),
  fc.constant<RuleAction>({ kind: 'confirm' }),
  fc.constantFrom(1, 2, 3).map((templateId): RuleAction => ({ kind: 'sendMail', templateId })),
  fc.constantFrom<RuleAction>(
    { kind: 'setShippingMethod', profileId: 'yamato-b2', service: 'compact' },
    { kind: 'setShippingMethod', profileId: 'japanpost-clickpost', service: 'mailbox' },
    { kind: 'setShippingMethod', profileId: 'sagawa-ehiden', service: 'mailbox' },
  ),
);

/** Rules as stored: unique ids, list order = position. Unchecked on purpose: evaluation must cope with any. */
const rulesArb = (actions: fc.Arbitrary<RuleAction> = actionArb): fc.Arbitrary<Rule[]> =>
  fc
    .array(fc.record({ enabled: fc.boolean(), stop: fc.boolean(), conditions: conditionsArb, actions: fc.array(actions, { minLength: 1, maxLength: 3 }) }), { maxLength: 8 })
    .map((list) => list.map((r, i) => ({ ...r, id: 100 + i, shopCode: 'tea-shop', position: i + 1, version: 1, name: `rule ${i + 1}` })));

const remarksArb = fc.oneof(
  fc.constant(null),
  fc.array(fc.constantFrom(...WORDS, '。', ' ', '熨斗'), { maxLength: 6 }).map((w) => w.join('')),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

const packageArb = fc.record({
  prefecture: fc.constantFrom(...PREFECTURES),
  carrier: fc.option(fc.constantFrom(...CARRIERS), { nil: null }),
  shipped: fc.option(fc.constantFrom(...CARRIERS), { nil: null }),
  units: fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 }),
  sku: fc.constantFrom(...SKUS),
  postage: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: null }),
});

const orderArb: fc.Arbitrary<Order> = fc
  .record({
    status: fc.constantFrom(...STATUSES),
    beneath: fc.constantFrom<OrderStatus>('awaiting_confirmation', 'rakuten_processing', 'new'),
    payment: fc.constantFrom(...PAYMENTS),
    deliveryName: fc.constantFrom(...DELIVERY_NAMES),
    packages: fc.array(packageArb, { maxLength: 3 }),
    remarks: remarksArb,
    gift: fc.option(fc.boolean(), { nil: undefined }),
    remoteIsland: fc.option(fc.boolean(), { nil: undefined }),
    deliveryDate: fc.option(fc.constant('2026-11-28'), { nil: null }),
    email: fc.constantFrom('', 'abc@pc.fw.rakuten.ne.jp', 'not an address'),
    workState: fc.option(fc.constantFrom('stock', 'check'), { nil: null }),
    released: fc.subarray([100, 101, 102]),
  })
  .map((g) => {
    const base = order();
    return {
      ...base,
      status: g.status[0],
      rmsProgress: g.status[1],
      statusBeforeHold: g.status[0] === 'on_hold' ? g.beneath : null,
      settlement: { ...base.settlement, methodCode: g.payment },
      deliveryName: g.deliveryName,
      remarks: g.remarks,
      gift: g.gift,
      remoteIsland: g.remoteIsland,
      deliveryDate: g.deliveryDate,
      workState: g.workState,
      buyer: { ...base.buyer, emailAddress: g.email },
      automation: { shipBy: null, shipByPush: 'waiting', holdRuleId: null, releasedHoldRuleIds: g.released },
      packages: g.packages.map((p, i) =>
        pkg({
          basketId: 1000 + i,
          postagePrice: p.postage === null ? UNDETERMINED : yen(p.postage),
          defaultDeliveryCompany: p.carrier,
          shipments: p.shipped === null ? [] : [{ shippingDetailId: null, deliveryCompany: p.shipped, shippingNumber: null, shippingDate: null }],
          recipient: { ...base.packages[0]!.recipient, address: { ...base.packages[0]!.recipient.address, prefecture: p.prefecture } },
          items: p.units.map((units, j) => item({ itemDetailId: i * 10 + j, units, manageNumber: p.sku })),
        }),
      ),
    } satisfies Order;
  });

const factsArb: fc.Arbitrary<RuleFacts> = fc.record({
  buyerOrderCount: fc.integer({ min: 1, max: 5 }),
  mailedTemplateIds: fc.subarray([1, 2]),
  autoMailStopped: fc.boolean(),
  labelExported: fc.boolean(),
  chosenShippingMethod: fc.option(fc.constantFrom({ profileId: 'yamato-b2', service: 'compact' }, { profileId: 'japanpost-clickpost', service: 'mailbox' }), { nil: null }),
});

/** The rule language as the docs state it, written out condition by condition. */
function referenceMatches(c: RuleConditions, o: Order, facts: RuleFacts): boolean {
  const checks: boolean[] = [];
  const oneOf = <T>(list: readonly T[] | undefined, values: readonly T[]) => {
    if (list !== undefined) checks.push(values.some((v) => list.includes(v)));
  };
  const price = computeTotals(o).requestPrice;
  const units = o.packages.flatMap((p) => p.items).reduce((n, i) => n + i.units, 0);
  oneOf(c.paymentMethods, [o.settlement.methodCode]);
  oneOf(c.shippingMethods, [o.deliveryName]);
  oneOf(
    c.carriers,
    o.packages.flatMap((p) => [...p.shipments.map((s) => s.deliveryCompany), ...(p.defaultDeliveryCompany ? [p.defaultDeliveryCompany] : [])]),
  );
  oneOf(
    c.prefectures,
    o.packages.map((p) => p.recipient.address.prefecture),
  );
  oneOf(
    c.skus,
    o.packages.flatMap((p) => p.items.flatMap((i) => [i.itemNumber, i.manageNumber, i.sku?.merchantDefinedSkuId ?? ''])).filter((s) => s !== ''),
  );
  if (c.remoteIsland !== undefined) checks.push(c.remoteIsland === (o.remoteIsland === true));
  if (c.gift !== undefined) checks.push(c.gift === (o.gift === true));
  if (c.deliveryDateRequested !== undefined) checks.push(c.deliveryDateRequested === (o.deliveryDate !== null));
  if (c.postageUndetermined !== undefined) checks.push(c.postageUndetermined === (price.kind !== 'yen'));
  if (c.remarksContainAny !== undefined) checks.push(c.remarksContainAny.some((w) => normaliseText(o.remarks ?? '').includes(normaliseText(w))));
  const inRange = (v: number, lo?: number, hi?: number) => (lo === undefined || v >= lo) && (hi === undefined || v <= hi);
  if (c.amountMin !== undefined || c.amountMax !== undefined) checks.push(price.kind === 'yen' && inRange(price.yen, c.amountMin, c.amountMax));
  if (c.quantityMin !== undefined || c.quantityMax !== undefined) checks.push(inRange(units, c.quantityMin, c.quantityMax));
  if (c.buyerOrderCountMin !== undefined || c.buyerOrderCountMax !== undefined) checks.push(inRange(facts.buyerOrderCount, c.buyerOrderCountMin, c.buyerOrderCountMax));
  return checks.every(Boolean);
}

/** The rules a run should report, in list order: enabled and matching, up to the first such one that says stop. */
function expectedMatches(rules: readonly Rule[], o: Order, facts: RuleFacts): number[] {
  const ids: number[] = [];
  for (const r of rules) {
    if (!r.enabled || !referenceMatches(r.conditions, o, facts)) continue;
    ids.push(r.id);
    if (r.stop) break;
  }
  return ids;
}

const RANK: Readonly<Record<OrderStatus, number>> = {
  awaiting_confirmation: 0,
  confirmation_queued: 1,
  rakuten_processing: 2,
  new: 3,
  on_hold: -1,
  shipped: 4,
  completed: 5,
  cancelled: 6,
};
const rank = (o: Order): number => RANK[statusBeneath(o)];

const run = (o: Order, rules: readonly Rule[], facts: RuleFacts): RuleRunResult => runRules(o, rules, facts, rctx);

describe('sorting rules, properties', () => {
  it('conditions: AND across conditions, OR within a list, as the reference evaluator says', () => {
    fc.assert(
      fc.property(conditionsArb, orderArb, factsArb, (c, o, facts) => {
        expect(ruleMatches(c, o, facts)).toBe(referenceMatches(c, o, facts));
      }),
      { numRuns: 1000 },
    );
  });

  it('evaluation is deterministic and never throws, whatever the order', () => {
    fc.assert(
      fc.property(orderArb, rulesArb(), factsArb, (o, rules, facts) => {
        expect(run(o, rules, facts)).toEqual(run(o, rules, facts));
      }),
      { numRuns: 500 },
    );
  });

  it('rules run in list order; disabled rules never apply; a matching rule that says stop is the last to run', () => {
    fc.assert(
      fc.property(orderArb, rulesArb(), factsArb, (o, rules, facts) => {
        const result = run(o, rules, facts);
        expect(result.matches.map((m) => m.ruleId)).toEqual(expectedMatches(rules, o, facts));
        const disabled = new Set(rules.filter((r) => !r.enabled).map((r) => r.id));
        expect(result.matches.some((m) => disabled.has(m.ruleId))).toBe(false);
        expect(result.history).toHaveLength(1);
      }),
      { numRuns: 500 },
    );
  });

  it('a list of disabled rules changes nothing', () => {
    fc.assert(
      fc.property(orderArb, rulesArb(), factsArb, (o, rules, facts) => {
        const result = run(
          o,
          rules.map((r) => ({ ...r, enabled: false })),
          facts,
        );
        expect(result.order).toBe(o);
        expect(result.operations).toEqual([]);
        expect(result.effects).toEqual([]);
        expect(result.matches).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('every action of a matched rule is either done or skipped with a reason; a status never moves backwards or past what the table allows', () => {
    fc.assert(
      fc.property(orderArb, rulesArb(), factsArb, (o, rules, facts) => {
        const result = run(o, rules, facts);
        for (const m of result.matches) {
          const rule = rules.find((r) => r.id === m.ruleId)!;
          expect(m.done.length + m.skipped.length).toBe(rule.actions.length);
          expect(m.skipped.every((s) => s.length > 0)).toBe(true);
        }
        expect(rank(result.order)).toBeGreaterThanOrEqual(rank(o));
        expect([o.status, 'on_hold', 'confirmation_queued']).toContain(result.order.status);
        if (result.order.status === 'on_hold' && o.status !== 'on_hold') expect(result.order.statusBeforeHold).not.toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it('a hold the status forbids is skipped and recorded, and the order keeps its status', () => {
    const holdOnly = rulesArb(fc.constant<RuleAction>({ kind: 'hold', reason: '要確認' }));
    fc.assert(
      fc.property(orderArb, holdOnly, factsArb, (o, rules, facts) => {
        fc.pre(!allowedActions(o).includes('hold'));
        const result = run(o, rules, facts);
        expect(result.order.status).toBe(o.status);
        for (const m of result.matches) {
          expect(m.done).toEqual([]);
          expect(m.skipped).toHaveLength(rules.find((r) => r.id === m.ruleId)!.actions.length);
        }
        expect(result.operations).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('a template is asked for at most once per order, never when the queue has it, and a method only before export and shipping', () => {
    fc.assert(
      fc.property(orderArb, rulesArb(), factsArb, (o, rules, facts) => {
        const { effects } = run(o, rules, facts);
        const mails = effects.flatMap((e) => (e.kind === 'sendMail' ? [e.templateId] : []));
        expect(new Set(mails).size).toBe(mails.length);
        expect(mails.some((id) => facts.mailedTemplateIds.includes(id))).toBe(false);
        if (facts.autoMailStopped) expect(mails).toEqual([]);
        const methods = effects.filter((e) => e.kind === 'setShippingMethod');
        if (facts.labelExported || !['awaiting_confirmation', 'confirmation_queued', 'rakuten_processing', 'new'].includes(statusBeneath(o))) expect(methods).toEqual([]);
        const chosen = facts.chosenShippingMethod;
        expect(methods.some((e) => e.kind === 'setShippingMethod' && e.profileId === chosen?.profileId && e.service === chosen.service)).toBe(false);
        // クリックポスト by post box is configured; 佐川 by post box is not, so it is never set.
        expect(methods.some((e) => e.kind === 'setShippingMethod' && e.profileId === 'sagawa-ehiden')).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
