import { yearDays } from '../../domain/automation/calendar.ts';
import type { CalendarDay } from '../../domain/automation/calendar.ts';
import { ruleMatches, runRules } from '../../domain/automation/evaluate.ts';
import type { RuleMatch } from '../../domain/automation/evaluate.ts';
import { MAX_RULES_PER_SHOP, checkRule } from '../../domain/automation/rules.ts';
import type { Rule, RuleDraft } from '../../domain/automation/rules.ts';
import { checkWorkStates, setWorkState } from '../../domain/automation/work-states.ts';
import type { WorkStateDefinition } from '../../domain/automation/work-states.ts';
import { DomainError, invalidField } from '../../domain/errors.ts';
import type { Actor } from '../../domain/history.ts';
import type { Order } from '../../domain/order.ts';
import type { OrderStatus } from '../../domain/status.ts';
import type { Clock } from '../../ports/clock.ts';
import { AuditLogRepository } from '../../store/audit-log-repository.ts';
import { RuleRepository } from '../../store/automation/rule-repository.ts';
import type { RuleChange } from '../../store/automation/rule-repository.ts';
import { WorkStateRepository, buyerKey, buyerOrderCounts } from '../../store/automation/work-state-repository.ts';
import type { Database } from '../../store/database.ts';
import { OrderRepository } from '../../store/order-repository.ts';
import { ShopRepository } from '../../store/shop-repository.ts';
import { persistActionResult } from '../persist-action.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import { calendarConcern, toShopCalendar } from './calendar-concern.ts';
import { buyerOf } from './order-automation.ts';

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

export interface AppliedRules {
  readonly orderNumber: string;
  readonly matches: readonly RuleMatch[];
}

/**
 * The shop's calendar, sorting rules and work states, and the runs staff start: a dry run of a
 * rule that is not saved yet, the saved rules on chosen orders, a work state set by hand. Every
 * change is in one transaction with its audit-log row (and, for rules, the change history).
 */
export class AutomationService {
  /** The calendar itself is a settings concern (calendar-concern.ts), read and saved through `settings`. */
  constructor(private readonly deps: { readonly db: Database; readonly clock: Clock; readonly settings: SettingsService }) {}

  async year(shopCode: string, year: number): Promise<CalendarDay[]> {
    if (!Number.isInteger(year) || year < 1970 || year > 2050) throw invalidField('year', 'a year from 1970 to 2050 (the holiday table’s range)');
    return yearDays(toShopCalendar(await this.deps.settings.read(shopCode, calendarConcern)), year);
  }

  rules(shopCode: string): Promise<Rule[]> {
    return new RuleRepository(this.deps.db.kysely).list(shopCode);
  }

  ruleChanges(shopCode: string): Promise<RuleChange[]> {
    return new RuleRepository(this.deps.db.kysely).changes(shopCode);
  }

  async createRule(shopCode: string, draft: RuleDraft, actor: Actor): Promise<Rule> {
    return this.deps.db.transaction(async (tx) => {
      const checked = checkRule(draft, (await new WorkStateRepository(tx).list(shopCode)).map((w) => w.code));
      const rules = new RuleRepository(tx);
      if ((await rules.count(shopCode)) >= MAX_RULES_PER_SHOP) throw invalidField('rules', `at most ${MAX_RULES_PER_SHOP} rules per shop`);
      const now = this.deps.clock.now();
      const rule = await rules.create(shopCode, checked, actor, now);
      await new AuditLogRepository(tx).append({ at: now, actor, action: 'automation.rule.create', target: `shop:${shopCode}`, details: { ruleId: rule.id } });
      return rule;
    });
  }

  async updateRule(shopCode: string, id: number, version: number, draft: RuleDraft, actor: Actor): Promise<Rule> {
    return this.deps.db.transaction(async (tx) => {
      const checked = checkRule(draft, (await new WorkStateRepository(tx).list(shopCode)).map((w) => w.code));
      const now = this.deps.clock.now();
      const rule = await new RuleRepository(tx).update(shopCode, id, version, checked, actor, now);
      await new AuditLogRepository(tx).append({ at: now, actor, action: 'automation.rule.update', target: `shop:${shopCode}`, details: { ruleId: id } });
      return rule;
    });
  }

  async deleteRule(shopCode: string, id: number, actor: Actor): Promise<void> {
    await this.deps.db.transaction(async (tx) => {
      const now = this.deps.clock.now();
      await new RuleRepository(tx).delete(shopCode, id, actor, now);
      await new AuditLogRepository(tx).append({ at: now, actor, action: 'automation.rule.delete', target: `shop:${shopCode}`, details: { ruleId: id } });
    });
  }

  async reorderRules(shopCode: string, ids: readonly number[], actor: Actor): Promise<Rule[]> {
    return this.deps.db.transaction(async (tx) => {
      const now = this.deps.clock.now();
      const rules = await new RuleRepository(tx).reorder(shopCode, ids, actor, now);
      await new AuditLogRepository(tx).append({ at: now, actor, action: 'automation.rule.reorder', target: `shop:${shopCode}`, details: { ruleIds: ids } });
      return rules;
    });
  }

  /**
   * "These N orders would match, and this would happen to each": the draft alone, over the
   * shop's open orders as they are now. Nothing is written.
   */
  async dryRun(shopCode: string, draft: RuleDraft): Promise<DryRunResult> {
    const { db, clock } = this.deps;
    const workStates = await new WorkStateRepository(db.kysely).list(shopCode);
    const checked = checkRule(draft, workStates.map((w) => w.code));
    const shop = await this.shop(shopCode);
    const rule: Rule = { ...checked, enabled: true, id: 0, shopCode, position: 0, version: 0 };
    const now = clock.now();
    const orders = new OrderRepository(db.kysely);
    const listed: DryRunResult['orders'][number][] = [];
    let scanned = 0;
    let matched = 0;
    let cursor: string | null = null;
    do {
      const page = await orders.list({ shopCodes: [shopCode], statuses: OPEN }, { limit: 200, cursor }, now);
      const counts = await this.buyerCounts(shopCode, page.items, rule);
      for (const order of page.items) {
        scanned++;
        const facts = { buyerOrderCount: counts.get(buyerKeyOf(order)) ?? 1 };
        if (!ruleMatches(rule.conditions, order, facts)) continue;
        matched++;
        if (listed.length >= DRY_RUN_MAX_LISTED) continue;
        const run = runRules(order, [rule], facts, { now, actor: { kind: 'system', name: 'dry run' }, shop, workStates });
        const match = run.matches[0]!;
        listed.push({ orderNumber: order.orderNumber, status: order.status, done: match.done, skipped: match.skipped });
      }
      cursor = page.nextCursor;
    } while (cursor !== null && scanned < DRY_RUN_MAX_ORDERS);
    return { scanned, matched, orders: listed, truncated: cursor !== null };
  }

  /** The shop's saved rules on chosen orders (on demand), each order in its own transaction. */
  async applyRules(shopCode: string, orderNumbers: readonly string[], actor: Actor): Promise<AppliedRules[]> {
    const wanted = [...new Set(orderNumbers)];
    if (wanted.length > APPLY_MAX_ORDERS) throw invalidField('orderNumbers', `at most ${APPLY_MAX_ORDERS} orders at a time`);
    const { db, clock } = this.deps;
    const rules = (await this.rules(shopCode)).filter((r) => r.enabled);
    const workStates = await new WorkStateRepository(db.kysely).list(shopCode);
    const shop = await this.shop(shopCode);
    const results: AppliedRules[] = [];
    for (const orderNumber of wanted) {
      const matches = await db.transaction(async (tx) => {
        const order = await new OrderRepository(tx).get(orderNumber);
        if (!order || order.shopCode !== shopCode) throw new DomainError('NOT_FOUND', { orderNumber }, `order ${orderNumber} not found in shop ${shopCode}`);
        const counts = await buyerOrderCounts(tx, shopCode, [buyerOf(order)]);
        const now = clock.now();
        const run = runRules(order, rules, { buyerOrderCount: counts.get(buyerKeyOf(order)) ?? 1 }, { now, actor, shop, workStates });
        await persistActionResult(tx, db.dialect, run, now, 'update');
        await new AuditLogRepository(tx).append({ at: now, actor, action: 'automation.rules.apply', target: `order:${orderNumber}`, details: { shopCode, matched: run.matches.map((m) => m.ruleId) } });
        return run.matches;
      });
      results.push({ orderNumber, matches });
    }
    return results;
  }

  async workStates(shopCode: string): Promise<{ states: WorkStateDefinition[]; counts: Record<string, number> }> {
    const repo = new WorkStateRepository(this.deps.db.kysely);
    const [states, counts] = await Promise.all([repo.list(shopCode), repo.counts([shopCode])]);
    return { states, counts };
  }

  /** Replaces the list; a code a rule still sets cannot be removed. */
  async saveWorkStates(shopCode: string, input: readonly WorkStateDefinition[], actor: Actor): Promise<WorkStateDefinition[]> {
    const states = checkWorkStates(input);
    return this.deps.db.transaction(async (tx) => {
      const codes = new Set(states.map((s) => s.code));
      const inUse = (await new RuleRepository(tx).list(shopCode)).find((r) => r.actions.some((a) => a.kind === 'setWorkState' && !codes.has(a.workState)));
      if (inUse) throw invalidField('workStates', `rule 「${inUse.name}」 sets a work state this list removes`);
      await new WorkStateRepository(tx).replace(shopCode, states);
      const now = this.deps.clock.now();
      await new AuditLogRepository(tx).append({ at: now, actor, action: 'automation.workStates', target: `shop:${shopCode}`, details: { codes: [...codes] } });
      return states;
    });
  }

  /** 作業状況 by hand (null clears it). */
  async setWorkState(orderNumber: string, version: number | undefined, code: string | null, actor: Actor): Promise<Order> {
    const { db, clock } = this.deps;
    return db.transaction(async (tx) => {
      const order = await new OrderRepository(tx).get(orderNumber);
      if (!order) throw new DomainError('NOT_FOUND', { orderNumber }, `order ${orderNumber} not found`);
      if (version !== undefined && order.version !== version) throw new DomainError('VERSION_CONFLICT', { orderNumber, expected: version, actual: order.version });
      const shop = await this.shop(order.shopCode, tx);
      const states = await new WorkStateRepository(tx).list(order.shopCode);
      const now = clock.now();
      const result = setWorkState(order, code, states, { now, actor, shop });
      if (result.order === order) return order;
      const saved = await persistActionResult(tx, db.dialect, result, now, 'update');
      await new AuditLogRepository(tx).append({ at: now, actor, action: 'order.workState', target: `order:${orderNumber}`, details: { shopCode: order.shopCode, workState: code } });
      return saved;
    });
  }

  private async shop(shopCode: string, tx = this.deps.db.kysely) {
    const stored = await new ShopRepository(tx).get(shopCode);
    if (!stored) throw new DomainError('NOT_FOUND', { shopCode }, `shop ${shopCode} not found`);
    return stored.shop;
  }

  private async buyerCounts(shopCode: string, orders: readonly Order[], rule: Rule): Promise<Map<string, number>> {
    const needed = rule.conditions.buyerOrderCountMin !== undefined || rule.conditions.buyerOrderCountMax !== undefined;
    return needed ? buyerOrderCounts(this.deps.db.kysely, shopCode, orders.map(buyerOf)) : new Map();
  }
}

function buyerKeyOf(order: Order): string {
  const { phone, kana } = buyerOf(order);
  return buyerKey(phone, kana);
}
