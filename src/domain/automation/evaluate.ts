import { applyEvent, entry, statusMove, statusOf } from '../action.ts';
import type { ActionContext, ActionResult } from '../action.ts';
import { DomainError } from '../errors.ts';
import type { HistoryEntry, RuleDone, RuleMatchParam, RuleSkip } from '../history.ts';
import { ruleDoneText, ruleSkipText } from '../history-text.ts';
import { isDetermined } from '../money.ts';
import type { RmsOperation } from '../operations.ts';
import type { Order } from '../order.ts';
import { confirmOrder } from '../staff-actions.ts';
import { computeTotals } from '../totals.ts';
import { isMailAddress } from '../mail/address.ts';
import { isCod } from '../shipping/methods.ts';
import type { ServiceKind } from '../shipping/profile.ts';
import type { OrderStatus } from '../status.ts';
import { allowedActions } from '../transitions.ts';
import { automationOf, statusBeneath } from './order-automation.ts';
import { normaliseText } from './rules.ts';
import type { Rule, RuleAction, RuleConditions, RuleShippingMethod, ShippingMethodOption } from './rules.ts';
import type { WorkStateDefinition } from './work-states.ts';

/** What a rule may ask about an order beyond the order itself, read from storage by the caller. */
export interface RuleFacts {
  /** Orders of this buyer with the shop, this one included. */
  readonly buyerOrderCount: number;
  /** Templates rules already queued to this order (the mail queue's own record). */
  readonly mailedTemplateIds: readonly number[];
  /** Staff stopped automatic mail for this order (自動メールを停止). */
  readonly autoMailStopped: boolean;
  /** Label data of one of the order's packages was exported already. */
  readonly labelExported: boolean;
  /** The method chosen for every package of the order (by a rule or staff), when they all have the same one. */
  readonly chosenShippingMethod: { readonly profileId: string; readonly service: string } | null;
}

export interface RuleContext extends ActionContext {
  readonly workStates: readonly WorkStateDefinition[];
  /** The shop's mail templates now (a rule may name one deleted since). */
  readonly mailTemplates: readonly { readonly id: number; readonly name: string }[];
  /** The shipping methods the shop's settings have now. */
  readonly shippingMethods: readonly ShippingMethodOption[];
}

/**
 * What a run asks storage to do beside the order's own write, in the same transaction: queue
 * a mail (the queue's unique key per order and template keeps it to one, whoever runs the
 * rules), or save every package's shipping method choice.
 */
export type RuleEffect =
  | { readonly kind: 'sendMail'; readonly templateId: number; readonly templateName: string }
  | { readonly kind: 'setShippingMethod'; readonly profileId: RuleShippingMethod['profileId']; readonly service: ServiceKind };

/** One matched rule and what came of each of its actions. */
export interface RuleMatch {
  readonly ruleId: number;
  readonly ruleName: string;
  readonly done: readonly string[];
  readonly skipped: readonly string[];
}

export interface RuleRunResult extends ActionResult {
  readonly matches: readonly RuleMatch[];
  readonly effects: readonly RuleEffect[];
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
export function ruleMatches(conditions: RuleConditions, order: Order, facts: Pick<RuleFacts, 'buyerOrderCount'>, known: OrderFacts = factsOf(order)): boolean {
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

type Step = { order: Order; operations: RmsOperation[]; history: HistoryEntry[]; effects?: RuleEffect[]; done?: RuleDone; skipped?: RuleSkip };
/** `facts` as they stand within the run: a template queued by an earlier rule counts as sent. */
type Applier<A extends RuleAction> = (order: Order, action: A, rule: Rule, ctx: RuleContext, facts: RuleFacts) => Step;

/** Statuses a shipping method may still change in: the parcel has not gone. */
const BEFORE_SHIPPING: readonly OrderStatus[] = ['awaiting_confirmation', 'confirmation_queued', 'rakuten_processing', 'new'];
/** A mail to a buyer whose order is cancelled or already out of the shop's hands would be news from the past. */
const NO_MAIL: readonly OrderStatus[] = ['shipped', 'completed', 'cancelled'];

/**
 * One applier per action kind. An applier never forces a status: it asks the transition table
 * (allowedActions) and, where the order's status does not allow the action, skips it with the
 * reason, which the run records.
 */
const ACTION_APPLIERS: { readonly [K in RuleAction['kind']]: Applier<Extract<RuleAction, { kind: K }>> } = {
  hold(order, action, rule) {
    const automation = automationOf(order);
    if (order.status === 'on_hold') return skip(order, { kind: 'alreadyHeld' });
    if (automation.releasedHoldRuleIds.includes(rule.id)) return skip(order, { kind: 'releasedByStaff' });
    if (!allowedActions(order).includes('hold')) return skip(order, { kind: 'holdNotAllowed', status: statusOf(order) });
    const held = applyEvent(order, { type: 'held' });
    return {
      order: { ...held, holdReason: action.reason, automation: { ...automation, holdRuleId: rule.id } },
      operations: [],
      history: [],
      done: { kind: 'held', reason: action.reason, ...statusMove(order, held) },
    };
  },
  setWorkState(order, action, _rule, ctx) {
    const state = ctx.workStates.find((w) => w.code === action.workState);
    if (!state) return skip(order, { kind: 'workStateDeleted', code: action.workState });
    if (order.workState === state.code) return skip(order, { kind: 'alreadyWorkState', label: state.label });
    return {
      order: { ...order, workState: state.code },
      operations: state.rmsSubStatusId === null ? [] : [{ kind: 'syncSubStatus', subStatusId: state.rmsSubStatusId }],
      history: [],
      done: { kind: 'workState', label: state.label, pushed: state.rmsSubStatusId !== null },
    };
  },
  confirm(order, _action, _rule, ctx) {
    if (ctx.shop.autoConfirm) return skip(order, { kind: 'autoConfirmShop' });
    if (!allowedActions(order).includes('confirm')) return skip(order, { kind: 'confirmNotAllowed', status: statusOf(order) });
    if (!isDetermined(computeTotals(order).requestPrice)) return skip(order, { kind: 'postageUndetermined' });
    const confirmed = confirmOrder(order, ctx);
    return { order: confirmed.order, operations: confirmed.operations, history: [], done: { kind: 'confirmed', ...statusMove(order, confirmed.order) } };
  },
  sendMail(order, action, _rule, ctx, facts) {
    const template = ctx.mailTemplates.find((t) => t.id === action.templateId);
    if (!template) return skip(order, { kind: 'mailTemplateMissing', templateId: action.templateId });
    if (facts.mailedTemplateIds.includes(template.id)) return skip(order, { kind: 'mailAlreadySent', template: template.name });
    if (facts.autoMailStopped) return skip(order, { kind: 'autoMailStopped', template: template.name });
    if (NO_MAIL.includes(statusBeneath(order))) return skip(order, { kind: 'mailNotForStatus', template: template.name, status: statusOf(order) });
    if (!isMailAddress(order.buyer.emailAddress)) return skip(order, { kind: 'noMailAddress', template: template.name });
    return { order, operations: [], history: [], effects: [{ kind: 'sendMail', templateId: template.id, templateName: template.name }], done: { kind: 'mailQueued', template: template.name } };
  },
  setShippingMethod(order, action, _rule, ctx, facts) {
    const method = ctx.shippingMethods.find((m) => m.profileId === action.profileId && m.service === action.service);
    if (!method) return skip(order, { kind: 'shippingMethodMissing', profileId: action.profileId, service: action.service });
    if (!BEFORE_SHIPPING.includes(statusBeneath(order))) return skip(order, { kind: 'shippingMethodNotAllowed', status: statusOf(order) });
    if (facts.labelExported) return skip(order, { kind: 'labelExported' });
    // A COD order keeps its COD service unless it goes by post box, as the shipping rules decide it.
    const service: ServiceKind = isCod(order) && action.service !== 'mailbox' ? 'cod' : action.service;
    const chosen = facts.chosenShippingMethod;
    if (chosen?.profileId === action.profileId && chosen.service === service) return skip(order, { kind: 'alreadyShippingMethod', profileName: method.profileName, service });
    return {
      order,
      operations: [],
      history: [],
      effects: [{ kind: 'setShippingMethod', profileId: action.profileId, service }],
      done: { kind: 'shippingMethodSet', profileName: method.profileName, service },
    };
  },
};

function skip(order: Order, reason: RuleSkip): Step {
  return { order, operations: [], history: [], skipped: reason };
}

function applyAction(order: Order, action: RuleAction, rule: Rule, ctx: RuleContext, facts: RuleFacts): Step {
  return (ACTION_APPLIERS[action.kind] as Applier<RuleAction>)(order, action, rule, ctx, facts);
}

/**
 * Runs the shop's rules, in order, on one order: every enabled rule that matches applies its
 * actions in turn, and a rule marked stop ends the run. The run is one history entry naming
 * each matched rule and what it did or skipped (or that none matched). An unexpected failure
 * of one action is caught, recorded and ends that rule's actions, never the caller's import.
 */
export function runRules(order: Order, rules: readonly Rule[], facts: RuleFacts, ctx: RuleContext): RuleRunResult {
  let current = order;
  let running = facts;
  const operations: RmsOperation[] = [];
  const effects: RuleEffect[] = [];
  const matches: RuleMatch[] = [];
  const said: RuleMatchParam[] = [];
  // Actions change the status, hold and work state, none of which a condition reads.
  const known = factsOf(order);
  for (const rule of rules) {
    if (!rule.enabled || !ruleMatches(rule.conditions, current, facts, known)) continue;
    const done: RuleDone[] = [];
    const skipped: RuleSkip[] = [];
    for (const action of rule.actions) {
      try {
        const step = applyAction(current, action, rule, ctx, running);
        current = step.order;
        operations.push(...step.operations);
        for (const effect of step.effects ?? []) {
          effects.push(effect);
          if (effect.kind === 'sendMail') running = { ...running, mailedTemplateIds: [...running.mailedTemplateIds, effect.templateId] };
        }
        if (step.done) done.push(step.done);
        if (step.skipped) skipped.push(step.skipped);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        skipped.push({ kind: 'error', action: action.kind, message: err.message });
        break;
      }
    }
    said.push({ ruleName: rule.name, done, skipped });
    matches.push({ ruleId: rule.id, ruleName: rule.name, done: done.map((d) => ruleDoneText(d, 'ja')), skipped: skipped.map((k) => ruleSkipText(k, 'ja')) });
    if (rule.stop) break;
  }
  const history = [entry(ctx, 'rulesApplied', { code: 'rulesApplied', params: { matches: said } }, { workState: order.workState ?? null, status: order.status }, { matches, workState: current.workState ?? null, status: current.status })];
  return { order: current, operations, history, matches, effects };
}
