import { AutomationService } from '../../app/automation/automation-service.ts';
import type { Rule } from '../../domain/automation/rules.ts';
import { DomainError } from '../../domain/errors.ts';
import { toJstIso } from '../../domain/jst.ts';
import { OrderRepository } from '../../store/order-repository.ts';
import { ApiError } from '../api-error.ts';
import {
  ApplyRulesResultSchema,
  ApplyRulesSchema,
  CalendarYearSchema,
  DryRunResultSchema,
  OrderWorkStateSchema,
  RuleChangesSchema,
  RuleDraftSchema,
  RuleListSchema,
  RuleOrderSchema,
  RuleParamsSchema,
  RuleSchema,
  RuleUpdateSchema,
  WorkStatesInputSchema,
  WorkStatesSchema,
  YearQuerySchema,
} from '../api/automation-schemas.ts';
import type { RuleView } from '../api/automation-schemas.ts';
import { ShopCodeParamsSchema } from '../api/settings-schemas.ts';
import { OrderNumberParamsSchema, OrderSchema } from '../api/schemas.ts';
import { actorOf, canSeeShop } from '../auth/principal.ts';
import type { Principal } from '../auth/principal.ts';
import type { ServerContext } from '../context.ts';
import { presentOrder } from '../order-presenter.ts';
import { defineRoute } from '../route.ts';
import type { AnyRoute } from '../route.ts';

/**
 * Automation (docs/AUTOMATION.md): a shop's calendar, sorting rules with their dry run and
 * change history, work states; the rules on chosen orders; an order's work state by hand.
 */
export function automationRoutes(ctx: ServerContext): AnyRoute[] {
  const automation = new AutomationService({ db: ctx.db, clock: ctx.clock, settings: ctx.settings });

  /** A shop the principal may not see is 404, never 403, so it does not leak. */
  const visibleShop = (principal: Principal, code: string): string => {
    if (!canSeeShop(principal, code)) throw ApiError.of('NOT_FOUND', { shopCode: code });
    return code;
  };

  return [
    defineRoute({
      method: 'GET',
      url: '/api/shops/:code/automation/calendar/year',
      summary: 'Every day of a year under the shop calendar (settings concern `calendar`): working or closed (weekly, holiday, closed), with holiday names',
      tag: 'automation',
      access: 'reader',
      params: ShopCodeParamsSchema,
      query: YearQuerySchema,
      response: CalendarYearSchema,
      errors: ['NOT_FOUND'],
      handler: async ({ params, query, principal }) => ({ year: query.year, days: await automation.year(visibleShop(principal, params.code), query.year) }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/shops/:code/automation/rules',
      summary: 'The shop’s sorting rules (ステータス仕分け) in the order they run',
      tag: 'automation',
      access: 'reader',
      params: ShopCodeParamsSchema,
      response: RuleListSchema,
      errors: ['NOT_FOUND'],
      handler: async ({ params, principal }) => ({ rules: (await automation.rules(visibleShop(principal, params.code))).map(ruleView) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/shops/:code/automation/rules',
      summary: 'Add a rule at the end of the list (refused when empty, contradictory, or beyond 200 rules)',
      tag: 'automation',
      access: 'writer',
      params: ShopCodeParamsSchema,
      body: RuleDraftSchema,
      response: RuleSchema,
      errors: ['NOT_FOUND'],
      handler: async ({ params, body, principal }) => ruleView(await automation.createRule(visibleShop(principal, params.code), body, actorOf(principal))),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/shops/:code/automation/rules/:ruleId',
      summary: 'Change a rule (conditions, actions, on/off, stop)',
      tag: 'automation',
      access: 'writer',
      params: RuleParamsSchema,
      body: RuleUpdateSchema,
      response: RuleSchema,
      errors: ['NOT_FOUND', 'VERSION_CONFLICT'],
      handler: async ({ params, body, principal }) => {
        const { version, ...draft } = body;
        return ruleView(await automation.updateRule(visibleShop(principal, params.code), params.ruleId, version, draft, actorOf(principal)));
      },
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/shops/:code/automation/rules/:ruleId',
      summary: 'Delete a rule',
      tag: 'automation',
      access: 'writer',
      params: RuleParamsSchema,
      response: RuleListSchema,
      errors: ['NOT_FOUND'],
      handler: async ({ params, principal }) => {
        const code = visibleShop(principal, params.code);
        await automation.deleteRule(code, params.ruleId, actorOf(principal));
        return { rules: (await automation.rules(code)).map(ruleView) };
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/shops/:code/automation/rules-order',
      summary: 'Put the rules in a new order (each rule id exactly once)',
      tag: 'automation',
      access: 'writer',
      params: ShopCodeParamsSchema,
      body: RuleOrderSchema,
      response: RuleListSchema,
      errors: ['NOT_FOUND'],
      handler: async ({ params, body, principal }) => ({
        rules: (await automation.reorderRules(visibleShop(principal, params.code), body.ruleIds, actorOf(principal))).map(ruleView),
      }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/shops/:code/automation/rule-changes',
      summary: 'The change history of the shop’s rules, newest first',
      tag: 'automation',
      access: 'reader',
      params: ShopCodeParamsSchema,
      response: RuleChangesSchema,
      errors: ['NOT_FOUND'],
      handler: async ({ params, principal }) => ({
        changes: (await automation.ruleChanges(visibleShop(principal, params.code))).map((c) => ({
          ...c,
          at: toJstIso(c.at),
          actor: c.actor.kind === 'user' ? c.actor.name : c.actor.kind === 'system' ? c.actor.name : 'RMS',
        })),
      }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/shops/:code/automation/dry-run',
      summary: 'Try a rule before saving: which open orders would match, and what would happen to each (nothing is written)',
      tag: 'automation',
      access: 'reader',
      params: ShopCodeParamsSchema,
      body: RuleDraftSchema,
      response: DryRunResultSchema,
      errors: ['NOT_FOUND'],
      handler: async ({ params, body, principal }) => automation.dryRun(visibleShop(principal, params.code), body),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/shops/:code/automation/apply',
      summary: 'Run the shop’s saved rules on chosen orders now; each order succeeds or fails on its own',
      tag: 'automation',
      access: 'writer',
      params: ShopCodeParamsSchema,
      body: ApplyRulesSchema,
      response: ApplyRulesResultSchema,
      errors: ['NOT_FOUND'],
      handler: async ({ params, body, principal }) => {
        const code = visibleShop(principal, params.code);
        const results = [];
        for (const orderNumber of new Set(body.orderNumbers)) {
          try {
            const [applied] = await automation.applyRules(code, [orderNumber], actorOf(principal));
            results.push({ orderNumber, ok: true, matched: [...applied!.matches].map((m) => ({ ...m, done: [...m.done], skipped: [...m.skipped] })), error: null });
          } catch (err) {
            if (!(err instanceof DomainError)) throw err;
            results.push({ orderNumber, ok: false, matched: [], error: { code: String(err.code), message: err.message, messageJa: err.messageJa } });
          }
        }
        return { results };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/shops/:code/automation/work-states',
      summary: 'The shop’s work states (作業状況) and how many orders are in each',
      tag: 'automation',
      access: 'reader',
      params: ShopCodeParamsSchema,
      response: WorkStatesSchema,
      errors: ['NOT_FOUND'],
      handler: async ({ params, principal }) => automation.workStates(visibleShop(principal, params.code)),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/shops/:code/automation/work-states',
      summary: 'Replace the shop’s work states (a state a rule still sets cannot be removed)',
      tag: 'automation',
      access: 'writer',
      params: ShopCodeParamsSchema,
      body: WorkStatesInputSchema,
      response: WorkStatesSchema,
      errors: ['NOT_FOUND'],
      handler: async ({ params, body, principal }) => {
        const code = visibleShop(principal, params.code);
        await automation.saveWorkStates(code, body.states, actorOf(principal));
        return automation.workStates(code);
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/orders/:orderNumber/work-state',
      summary: '作業状況: set (or clear with null) the order’s work state; one naming an RMS サブステータス is pushed to RMS',
      tag: 'orders',
      access: 'writer',
      params: OrderNumberParamsSchema,
      body: OrderWorkStateSchema,
      response: OrderSchema,
      errors: ['NOT_FOUND', 'VERSION_CONFLICT'],
      handler: async ({ params, body, principal }) => {
        const order = await new OrderRepository(ctx.db.kysely).get(params.orderNumber);
        if (!order || !canSeeShop(principal, order.shopCode)) throw ApiError.of('NOT_FOUND', { orderNumber: params.orderNumber });
        await automation.setWorkState(params.orderNumber, body.version, body.workState, actorOf(principal));
        return presentOrder(await ctx.orders.details(params.orderNumber), principal, ctx.clock.now());
      },
    }),
  ];
}

function ruleView(rule: Rule): RuleView {
  return {
    id: rule.id,
    position: rule.position,
    version: rule.version,
    name: rule.name,
    enabled: rule.enabled,
    stop: rule.stop,
    conditions: rule.conditions as RuleView['conditions'],
    actions: [...rule.actions],
  };
}

