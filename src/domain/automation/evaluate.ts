import { applyEvent, entry, statusText } from '../action.ts';
import type { ActionContext, ActionResult } from '../action.ts';
import { DomainError } from '../errors.ts';
import type { HistoryEntry } from '../history.ts';
import { isDetermined } from '../money.ts';
import type { RmsOperation } from '../operations.ts';
import type { Order } from '../order.ts';
import { confirmOrder } from '../staff-actions.ts';
import { computeTotals } from '../totals.ts';
import { allowedActions } from '../transitions.ts';
import { automationOf } from './order-automation.ts';
import { normaliseText } from './rules.ts';
import type { Rule, RuleAction, RuleConditions } from './rules.ts';
import type { WorkStateDefinition } from './work-states.ts';

/** What a rule may ask about an order beyond the order itself. */
export interface RuleFacts {
  /** Orders of this buyer with the shop, this one included. */
  readonly buyerOrderCount: number;
}

export interface RuleContext extends ActionContext {
  readonly workStates: readonly WorkStateDefinition[];
}

/** One matched rule and what came of each of its actions. */
export interface RuleMatch {
  readonly ruleId: number;
  readonly ruleName: string;
  readonly done: readonly string[];
  readonly skipped: readonly string[];
}

export interface RuleRunResult extends ActionResult {
  readonly matches: readonly RuleMatch[];
}

/** What rules read of an order, worked out once per order rather than once per rule. */
interface OrderFacts {
  readonly remarks: string;
  readonly units: number;
  readonly requestPrice: ReturnType<typeof computeTotals>['requestPrice'];
  readonly carriers: readonly string[];
  readonly skus: readonly string[];
  readonly prefectures: readonly string[];
}

function factsOf(order: Order): OrderFacts {
  return {
    remarks: normaliseText(order.remarks ?? ''),
    units: order.packages.reduce((n, p) => n + p.items.reduce((m, i) => m + i.units, 0), 0),
    requestPrice: computeTotals(order).requestPrice,
    carriers: carriersOf(order),
    skus: skusOf(order),
    prefectures: order.packages.map((p) => p.recipient.address.prefecture),
  };
}

/** Whether every condition the rule sets holds for the order. */
export function ruleMatches(conditions: RuleConditions, order: Order, facts: RuleFacts, known: OrderFacts = factsOf(order)): boolean {
  const c = conditions;
  const anyOf = <T>(list: readonly T[] | undefined, values: readonly T[]): boolean => list === undefined || values.some((v) => list.includes(v));
  const within = (value: number, min: number | undefined, max: number | undefined): boolean => (min === undefined || value >= min) && (max === undefined || value <= max);
  const flag = (wanted: boolean | undefined, actual: boolean): boolean => wanted === undefined || wanted === actual;

  if (!anyOf(c.paymentMethods, [order.settlement.methodCode])) return false;
  if (!anyOf(c.shippingMethods, [order.deliveryName])) return false;
  if (!anyOf(c.carriers, known.carriers)) return false;
  if (!anyOf(c.prefectures, known.prefectures)) return false;
  if (!flag(c.remoteIsland, order.remoteIsland === true)) return false;
  if (!flag(c.gift, order.gift === true)) return false;
  if (!flag(c.deliveryDateRequested, order.deliveryDate !== null)) return false;
  if (!anyOf(c.skus, known.skus)) return false;
  if (c.remarksContainAny !== undefined && !c.remarksContainAny.some((w) => known.remarks.includes(normaliseText(w)))) return false;
  if (!within(known.units, c.quantityMin, c.quantityMax)) return false;
  if (!within(facts.buyerOrderCount, c.buyerOrderCountMin, c.buyerOrderCountMax)) return false;
  const price = known.requestPrice;
  if (!flag(c.postageUndetermined, !isDetermined(price))) return false;
  if ((c.amountMin !== undefined || c.amountMax !== undefined) && (price.kind !== 'yen' || !within(price.yen, c.amountMin, c.amountMax))) return false;
  return true;
}

function carriersOf(order: Order): string[] {
  return order.packages.flatMap((p) => [...p.shipments.map((s) => s.deliveryCompany), ...(p.defaultDeliveryCompany ? [p.defaultDeliveryCompany] : [])]);
}

function skusOf(order: Order): string[] {
  return order.packages.flatMap((p) =>
    p.items.flatMap((i) => [i.itemNumber, i.manageNumber, i.sku?.merchantDefinedSkuId ?? null].filter((v): v is string => v !== null && v !== '')),
  );
}

type Step = { order: Order; operations: RmsOperation[]; history: HistoryEntry[]; done?: string; skipped?: string };
type Applier<A extends RuleAction> = (order: Order, action: A, rule: Rule, ctx: RuleContext) => Step;

/**
 * One applier per action kind. An applier never forces a status: it asks the transition table
 * (allowedActions) and, where the order's status does not allow the action, skips it with the
 * reason, which the run records.
 */
const ACTION_APPLIERS: { readonly [K in RuleAction['kind']]: Applier<Extract<RuleAction, { kind: K }>> } = {
  hold(order, action, rule) {
    const automation = automationOf(order);
    if (order.status === 'on_hold') return skip(order, '既に保留中');
    if (automation.releasedHoldRuleIds.includes(rule.id)) return skip(order, 'スタッフが解除した保留のため再び保留にしません');
    if (!allowedActions(order).includes('hold')) return skip(order, `${statusText(order)}では保留にできません`);
    const held = applyEvent(order, { type: 'held' });
    return {
      order: { ...held, holdReason: action.reason, automation: { ...automation, holdRuleId: rule.id } },
      operations: [],
      history: [],
      done: `保留（理由: ${action.reason}）: ${statusText(order)} → ${statusText(held)}`,
    };
  },
  setWorkState(order, action, _rule, ctx) {
    const state = ctx.workStates.find((w) => w.code === action.workState);
    if (!state) return skip(order, `作業状況 ${action.workState} は削除されています`);
    if (order.workState === state.code) return skip(order, `既に作業状況「${state.label}」`);
    return {
      order: { ...order, workState: state.code },
      operations: state.rmsSubStatusId === null ? [] : [{ kind: 'syncSubStatus', subStatusId: state.rmsSubStatusId }],
      history: [],
      done: `作業状況「${state.label}」${state.rmsSubStatusId === null ? '' : '（RMSのサブステータスに連携）'}`,
    };
  },
  confirm(order, _action, _rule, ctx) {
    if (ctx.shop.autoConfirm) return skip(order, 'RMSの自動注文確認がONの店舗のため注文確認しません');
    if (!allowedActions(order).includes('confirm')) return skip(order, `${statusText(order)}では注文確認できません`);
    if (!isDetermined(computeTotals(order).requestPrice)) return skip(order, '送料が未確定のため注文確認できません');
    const confirmed = confirmOrder(order, ctx);
    return { order: confirmed.order, operations: confirmed.operations, history: [], done: `自動で注文確認: ${statusText(order)} → ${statusText(confirmed.order)}` };
  },
};

function skip(order: Order, reason: string): Step {
  return { order, operations: [], history: [], skipped: reason };
}

function applyAction(order: Order, action: RuleAction, rule: Rule, ctx: RuleContext): Step {
  return (ACTION_APPLIERS[action.kind] as Applier<RuleAction>)(order, action, rule, ctx);
}

/**
 * Runs the shop's rules, in order, on one order: every enabled rule that matches applies its
 * actions in turn, and a rule marked stop ends the run. The run is one history entry naming
 * each matched rule and what it did or skipped (or that none matched). An unexpected failure
 * of one action is caught, recorded and ends that rule's actions, never the caller's import.
 */
export function runRules(order: Order, rules: readonly Rule[], facts: RuleFacts, ctx: RuleContext): RuleRunResult {
  let current = order;
  const operations: RmsOperation[] = [];
  const matches: RuleMatch[] = [];
  // Actions change the status, hold and work state, none of which a condition reads.
  const known = factsOf(order);
  for (const rule of rules) {
    if (!rule.enabled || !ruleMatches(rule.conditions, current, facts, known)) continue;
    const done: string[] = [];
    const skipped: string[] = [];
    for (const action of rule.actions) {
      try {
        const step = applyAction(current, action, rule, ctx);
        current = step.order;
        operations.push(...step.operations);
        if (step.done) done.push(step.done);
        if (step.skipped) skipped.push(step.skipped);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        skipped.push(`${action.kind}: ${err.message}`);
        break;
      }
    }
    matches.push({ ruleId: rule.id, ruleName: rule.name, done, skipped });
    if (rule.stop) break;
  }
  const summary =
    matches.length === 0
      ? '仕分けルール: 該当するルールはありませんでした'
      : `仕分けルール: ${matches.map((m) => `「${m.ruleName}」${[...m.done, ...m.skipped.map((s) => `スキップ（${s}）`)].join('、') || '一致'}`).join(' / ')}`;
  const history = [entry(ctx, 'rulesApplied', summary, { workState: order.workState ?? null, status: order.status }, { matches, workState: current.workState ?? null, status: current.status })];
  return { order: current, operations, history, matches };
}
