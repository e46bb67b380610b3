import type { ActionContext, ActionResult } from '../../domain/action.ts';
import { entry } from '../../domain/action.ts';
import { WorkingDays } from '../../domain/automation/calendar.ts';
import { runRules } from '../../domain/automation/evaluate.ts';
import { planShipBy, statusBeneath } from '../../domain/automation/order-automation.ts';
import type { Rule } from '../../domain/automation/rules.ts';
import type { WorkStateDefinition } from '../../domain/automation/work-states.ts';
import type { Order } from '../../domain/order.ts';
import { buyerKey } from '../../store/automation/work-state-repository.ts';
import { nameKey, phoneKey } from '../../store/search-keys.ts';
import type { Store } from '../../store/store.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import { calendarConcern, toShopCalendar } from './calendar-concern.ts';
import { applyRuleEffects, loadActionFacts, loadRuleTargets } from './rule-effects.ts';
import type { RuleTargets } from './rule-effects.ts';

/** A shop's automation settings, read once per sync run (a rule saved meanwhile applies from the next run). */
export interface ShopAutomation {
  readonly days: WorkingDays;
  /** Enabled rules only, in order. */
  readonly rules: readonly Rule[];
  readonly workStates: readonly WorkStateDefinition[];
  /** The mail templates and shipping methods rules may name. */
  readonly targets: RuleTargets;
}

export async function loadShopAutomation(db: Store, settings: SettingsService, shopCode: string): Promise<ShopAutomation> {
  const [calendar, rules, workStates, targets] = await Promise.all([
    settings.read(shopCode, calendarConcern).then(toShopCalendar),
    db.rules.list(shopCode),
    db.workStates.list(shopCode),
    loadRuleTargets(db, settings, shopCode),
  ]);
  return { days: new WorkingDays(calendar), rules: rules.filter((r) => r.enabled), workStates, targets };
}

export interface AutomationItem {
  readonly before: Order | null;
  readonly result: ActionResult;
}

/**
 * What automation adds to orders an import just brought in or refreshed: the ship-by date and
 * its one push, then the sorting rules for orders seen for the first time and orders RMS just
 * moved to 新規受付. Works on the results before they are written, inside the import's
 * transaction, where it also queues the rules' mails and saves their shipping methods. Rules
 * can never stop the import: a failure is caught and recorded on the order.
 */
export async function automateImported(
  tx: Store,
  automation: ShopAutomation,
  items: readonly AutomationItem[],
  ctx: ActionContext,
): Promise<ActionResult[]> {
  const sorted = items.map((item) => mayRunRules(item) && automation.rules.length > 0);
  const counts = sorted.some((s) => s) && automation.rules.some((r) => r.conditions.buyerOrderCountMin !== undefined || r.conditions.buyerOrderCountMax !== undefined)
    ? await tx.workStates.buyerOrderCounts(ctx.shop.code, items.map((i) => buyerOf(i.result.order)))
    : null;
  const actionFacts = sorted.some((s) => s)
    ? await loadActionFacts(
        tx,
        items.filter((_, i) => sorted[i]).map((i) => i.result.order),
        automation.rules,
      )
    : null;
  const results: ActionResult[] = [];
  for (const [i, { before, result }] of items.entries()) {
    const planned = planShipBy(before, result.order, automation.days, ctx);
    let merged = merge(result, planned);
    if (sorted[i]) {
      try {
        const buyer = buyerOf(merged.order);
        const stored = counts?.get(buyerKey(buyer.phone, buyer.kana)) ?? 0;
        const facts = { buyerOrderCount: stored + (before === null ? 1 : 0), ...actionFacts!(merged.order) };
        const run = runRules(merged.order, automation.rules, facts, { ...ctx, workStates: automation.workStates, ...automation.targets });
        await applyRuleEffects(tx, run.order, run.effects, ctx.now, RULES_ACTOR);
        merged = merge(merged, run);
      } catch (err) {
        merged.history.push(entry(ctx, 'rulesApplied', { code: 'rulesFailed', params: { error: (err as Error).message } }, null, null));
      }
    }
    results.push(merged);
  }
  return results;
}

/** Who queued a rule's mail, in the mail log. */
const RULES_ACTOR = '仕分けルール';

/** New to juchu, or just moved to 新規受付 by RMS. */
function mayRunRules({ before, result }: AutomationItem): boolean {
  return before === null || (statusBeneath(before) !== 'new' && statusBeneath(result.order) === 'new');
}

/** The buyer key's parts: buyers' addresses are masked, so a buyer is their phone digits and kana name. */
export function buyerOf(order: Order): { phone: string; kana: string } {
  const b = order.buyer;
  return { phone: phoneKey(b.phoneNumber), kana: nameKey(`${b.familyNameKana ?? ''}${b.firstNameKana ?? ''}`) };
}

/** `next` applied after `first`; an unchanged order stays the very same object, so the import can skip the write. */
function merge(first: ActionResult, next: ActionResult): ActionResult {
  return { order: next.order, operations: [...first.operations, ...next.operations], history: [...first.history, ...next.history] };
}
