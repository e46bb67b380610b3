import { yearDays } from '../../domain/automation/calendar.ts';
import type { CalendarDay } from '../../domain/automation/calendar.ts';
import { ruleMatches, runRules } from '../../domain/automation/evaluate.ts';
import type { RuleMatch } from '../../domain/automation/evaluate.ts';
import { MAX_RULES_PER_SHOP, checkRule } from '../../domain/automation/rules.ts';
import type { Rule, RuleDraft, RuleReferences } from '../../domain/automation/rules.ts';
import { checkWorkStates, setWorkState } from '../../domain/automation/work-states.ts';
import type { WorkStateDefinition } from '../../domain/automation/work-states.ts';
import { DomainError, invalidField } from '../../domain/errors.ts';
import type { Actor } from '../../domain/history.ts';
import type { Order } from '../../domain/order.ts';
import type { OrderStatus } from '../../domain/status.ts';
import type { Clock } from '../../ports/clock.ts';
import type { RuleChange } from '../../store/automation/rule-repository.ts';
import { buyerKey } from '../../store/automation/work-state-repository.ts';
import type { Store } from '../../store/store.ts';
import { requireCallerOrder, requireCallerShop } from '../caller.ts';
import type { Caller } from '../caller.ts';
import { actorName } from '../mail/mail-service.ts';
import { saveActionResult } from '../persist-action.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import { calendarConcern, toShopCalendar } from './calendar-concern.ts';
import { buyerOf } from './order-automation.ts';
import { applyRuleEffects, loadActionFacts, loadRuleTargets } from './rule-effects.ts';
import type { RuleTargets } from './rule-effects.ts';

/** Orders a dry run looks at (the shop's open orders, soonest deadline first) and how many it lists. */
export const DRY_RUN_MAX_ORDERS = 5_000;
export const DRY_RUN_MAX_LISTED = 200;
/** Orders one on-demand run takes. */
export const APPLY_MAX_ORDERS = 500;

const OPEN: readonly OrderStatus[] = ['awaiting_confirmation', 'confirmation_queued', 'rakuten_processing', 'new', 'on_hold'];

export interface DryRunResult {
  readonly scanned: number;
  readonly matched: number;
  /** At most DRY_RUN_MAX_LISTED of the matching orders, with what would happen to each. */
  readonly orders: readonly { readonly orderNumber: string; readonly status: OrderStatus; readonly done: readonly string[]; readonly skipped: readonly string[] }[];
  /** True when the shop has more open orders than a dry run looks at. */
  readonly truncated: boolean;
}

/** One order's run of the saved rules: what matched, or why the order was refused. */
export type AppliedRules =
  | { readonly orderNumber: string; readonly ok: true; readonly matches: readonly RuleMatch[] }
  | { readonly orderNumber: string; readonly ok: false; readonly error: DomainError };

/**
 * The shop's calendar, sorting rules and work states, and the runs staff start: a dry run of a
 * rule that is not saved yet, the saved rules on chosen orders, a work state set by hand. Every
 * change is in one transaction with its audit-log row (and, for rules, the change history).
 * Every method takes the caller first: a shop, or an order of a shop, it may not see is NOT_FOUND.
 */
export class AutomationService {
  /** The calendar itself is a settings concern (calendar-concern.ts), read and saved through `settings`. */
  constructor(private readonly deps: { readonly store: Store; readonly clock: Clock; readonly settings: SettingsService }) {}

  async year(caller: Caller, shopCode: string, year: number): Promise<CalendarDay[]> {
    requireCallerShop(caller, shopCode);
    if (!Number.isInteger(year) || year < 1970 || year > 2050) throw invalidField('year', 'a year from 1970 to 2050 (the holiday table’s range)');
    return yearDays(toShopCalendar(await this.deps.settings.read(shopCode, calendarConcern)), year);
  }

  async rules(caller: Caller, shopCode: string): Promise<Rule[]> {
    return this.deps.store.rules.list(requireCallerShop(caller, shopCode));
  }

  async ruleChanges(caller: Caller, shopCode: string): Promise<RuleChange[]> {
    return this.deps.store.rules.changes(requireCallerShop(caller, shopCode));
  }

  async createRule(caller: Caller, shopCode: string, draft: RuleDraft, actor: Actor): Promise<Rule> {
    requireCallerShop(caller, shopCode);
    const targets = await this.targets(shopCode);
    return this.deps.store.transaction(async (tx) => {
      const checked = checkRule(draft, await references(tx, shopCode, targets));
      const rules = tx.rules;
      if ((await rules.count(shopCode)) >= MAX_RULES_PER_SHOP) throw invalidField('rules', `at most ${MAX_RULES_PER_SHOP} rules per shop`);
      const now = this.deps.clock.now();
      const rule = await rules.create(shopCode, checked, actor, now);
      await tx.auditLog.append({ at: now, actor, action: 'automation.rule.create', target: `shop:${shopCode}`, details: { ruleId: rule.id } });
      return rule;
    });
  }

  async updateRule(caller: Caller, shopCode: string, id: number, version: number, draft: RuleDraft, actor: Actor): Promise<Rule> {
    requireCallerShop(caller, shopCode);
    const targets = await this.targets(shopCode);
    return this.deps.store.transaction(async (tx) => {
      const checked = checkRule(draft, await references(tx, shopCode, targets));
      const now = this.deps.clock.now();
      const rule = await tx.rules.update(shopCode, id, version, checked, actor, now);
      await tx.auditLog.append({ at: now, actor, action: 'automation.rule.update', target: `shop:${shopCode}`, details: { ruleId: id } });
      return rule;
    });
  }

  async deleteRule(caller: Caller, shopCode: string, id: number, actor: Actor): Promise<void> {
    requireCallerShop(caller, shopCode);
    await this.deps.store.transaction(async (tx) => {
      const now = this.deps.clock.now();
      await tx.rules.delete(shopCode, id, actor, now);
      await tx.auditLog.append({ at: now, actor, action: 'automation.rule.delete', target: `shop:${shopCode}`, details: { ruleId: id } });
    });
  }

  async reorderRules(caller: Caller, shopCode: string, ids: readonly number[], actor: Actor): Promise<Rule[]> {
    requireCallerShop(caller, shopCode);
    return this.deps.store.transaction(async (tx) => {
      const now = this.deps.clock.now();
      const rules = await tx.rules.reorder(shopCode, ids, actor, now);
      await tx.auditLog.append({ at: now, actor, action: 'automation.rule.reorder', target: `shop:${shopCode}`, details: { ruleIds: ids } });
      return rules;
    });
  }

  /**
   * "These N orders would match, and this would happen to each": the draft alone, over the
   * shop's open orders as they are now. Nothing is written.
   */
  async dryRun(caller: Caller, shopCode: string, draft: RuleDraft): Promise<DryRunResult> {
    requireCallerShop(caller, shopCode);
    const { store, clock } = this.deps;
    const workStates = await store.workStates.list(shopCode);
    const targets = await this.targets(shopCode);
    const checked = checkRule(draft, await references(store, shopCode, targets));
    const shop = await this.shop(shopCode);
    const rule: Rule = { ...checked, enabled: true, id: 0, shopCode, position: 0, version: 0 };
    const now = clock.now();
    const orders = store.orders;
    const listed: DryRunResult['orders'][number][] = [];
    let scanned = 0;
    let matched = 0;
    let cursor: string | null = null;
    do {
      const page = await orders.list({ shopCodes: [shopCode], statuses: OPEN }, { limit: 200, cursor }, now);
      const counts = await this.buyerCounts(shopCode, page.items, rule);
      const actionFacts = await loadActionFacts(store, page.items, [rule]);
      for (const order of page.items) {
        scanned++;
        const facts = { buyerOrderCount: counts.get(buyerKeyOf(order)) ?? 1 };
        if (!ruleMatches(rule.conditions, order, facts)) continue;
        matched++;
        if (listed.length >= DRY_RUN_MAX_LISTED) continue;
        const run = runRules(order, [rule], { ...facts, ...actionFacts(order) }, { now, actor: { kind: 'system', name: 'dry run' }, shop, workStates, ...targets });
        const match = run.matches[0]!;
        listed.push({ orderNumber: order.orderNumber, status: order.status, done: match.done, skipped: match.skipped });
      }
      cursor = page.nextCursor;
    } while (cursor !== null && scanned < DRY_RUN_MAX_ORDERS);
    return { scanned, matched, orders: listed, truncated: cursor !== null };
  }

  /**
   * The shop's saved rules on chosen orders (on demand), each order in its own transaction and
   * on its own: a refused order (missing, of another shop) does not hold back the others.
   */
  async applyRules(caller: Caller, shopCode: string, orderNumbers: readonly string[], actor: Actor): Promise<AppliedRules[]> {
    const wanted = [...new Set(orderNumbers)];
    if (wanted.length > APPLY_MAX_ORDERS) throw invalidField('orderNumbers', `at most ${APPLY_MAX_ORDERS} orders at a time`);
    const { store, clock } = this.deps;
    const rules = (await this.rules(caller, shopCode)).filter((r) => r.enabled);
    const workStates = await store.workStates.list(shopCode);
    const targets = await this.targets(shopCode);
    const shop = await this.shop(shopCode);
    const results: AppliedRules[] = [];
    for (const orderNumber of wanted) {
      const run = store.transaction(async (tx) => {
        const order = await tx.orders.get(orderNumber);
        if (!order || order.shopCode !== shopCode) throw new DomainError('NOT_FOUND', { orderNumber }, `order ${orderNumber} not found in shop ${shopCode}`);
        const counts = await tx.workStates.buyerOrderCounts(shopCode, [buyerOf(order)]);
        const actionFacts = await loadActionFacts(tx, [order], rules);
        const now = clock.now();
        const facts = { buyerOrderCount: counts.get(buyerKeyOf(order)) ?? 1, ...actionFacts(order) };
        const run = runRules(order, rules, facts, { now, actor, shop, workStates, ...targets });
        await saveActionResult(tx, run, now, 'update');
        await applyRuleEffects(tx, run.order, run.effects, now, actorName(actor));
        await tx.auditLog.append({ at: now, actor, action: 'automation.rules.apply', target: `order:${orderNumber}`, details: { shopCode, matched: run.matches.map((m) => m.ruleId) } });
        return run.matches;
      });
      try {
        results.push({ orderNumber, ok: true, matches: await run });
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        results.push({ orderNumber, ok: false, error: err });
      }
    }
    return results;
  }

  async workStates(caller: Caller, shopCode: string): Promise<{ states: WorkStateDefinition[]; counts: Record<string, number> }> {
    requireCallerShop(caller, shopCode);
    const repo = this.deps.store.workStates;
    const [states, counts] = await Promise.all([repo.list(shopCode), repo.counts([shopCode])]);
    return { states, counts };
  }

  /** Replaces the list; a code a rule still sets cannot be removed. */
  async saveWorkStates(caller: Caller, shopCode: string, input: readonly WorkStateDefinition[], actor: Actor): Promise<WorkStateDefinition[]> {
    requireCallerShop(caller, shopCode);
    const states = checkWorkStates(input);
    return this.deps.store.transaction(async (tx) => {
      const codes = new Set(states.map((s) => s.code));
      const inUse = (await tx.rules.list(shopCode)).find((r) => r.actions.some((a) => a.kind === 'setWorkState' && !codes.has(a.workState)));
      if (inUse) throw invalidField('workStates', `rule 「${inUse.name}」 sets a work state this list removes`);
      await tx.workStates.replace(shopCode, states);
      const now = this.deps.clock.now();
      await tx.auditLog.append({ at: now, actor, action: 'automation.workStates', target: `shop:${shopCode}`, details: { codes: [...codes] } });
      return states;
    });
  }

  /** 作業状況 by hand (null clears it). */
  async setWorkState(caller: Caller, orderNumber: string, version: number | undefined, code: string | null, actor: Actor): Promise<Order> {
    const { store, clock } = this.deps;
    return store.transaction(async (tx) => {
      const order = requireCallerOrder(caller, orderNumber, await tx.orders.get(orderNumber));
      if (version !== undefined && order.version !== version) throw new DomainError('VERSION_CONFLICT', { orderNumber, expected: version, actual: order.version });
      const shop = await this.shop(order.shopCode, tx);
      const states = await tx.workStates.list(order.shopCode);
      const now = clock.now();
      const result = setWorkState(order, code, states, { now, actor, shop });
      if (result.order === order) return order;
      const saved = await saveActionResult(tx, result, now, 'update');
      await tx.auditLog.append({ at: now, actor, action: 'order.workState', target: `order:${orderNumber}`, details: { shopCode: order.shopCode, workState: code } });
      return saved;
    });
  }

  /** What the rule editor offers for the mail and shipping-method actions. */
  async ruleTargets(caller: Caller, shopCode: string): Promise<RuleTargets> {
    await this.shop(requireCallerShop(caller, shopCode));
    return this.targets(shopCode);
  }

  /** Read outside any transaction (see loadRuleTargets). */
  private targets(shopCode: string): Promise<RuleTargets> {
    return loadRuleTargets(this.deps.store, this.deps.settings, shopCode);
  }

  private async shop(shopCode: string, tx = this.deps.store) {
    const stored = await tx.shops.get(shopCode);
    if (!stored) throw new DomainError('NOT_FOUND', { shopCode }, `shop ${shopCode} not found`);
    return stored.shop;
  }

  private async buyerCounts(shopCode: string, orders: readonly Order[], rule: Rule): Promise<Map<string, number>> {
    const needed = rule.conditions.buyerOrderCountMin !== undefined || rule.conditions.buyerOrderCountMax !== undefined;
    return needed ? this.deps.store.workStates.buyerOrderCounts(shopCode, orders.map(buyerOf)) : new Map();
  }
}

async function references(store: Store, shopCode: string, targets: RuleTargets): Promise<RuleReferences> {
  return {
    workStates: (await store.workStates.list(shopCode)).map((w) => w.code),
    mailTemplateIds: targets.mailTemplates.map((t) => t.id),
    shippingMethods: targets.shippingMethods,
  };
}

function buyerKeyOf(order: Order): string {
  const { phone, kana } = buyerOf(order);
  return buyerKey(phone, kana);
}
