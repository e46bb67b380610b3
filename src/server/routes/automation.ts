import type { Rule } from '../../domain/automation/rules.ts';
import { toJstIso } from '../../domain/jst.ts';
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
  RuleTargetsSchema,
  RuleUpdateSchema,
  WorkStatesInputSchema,
  WorkStatesSchema,
  YearQuerySchema,
} from '../api/automation-schemas.ts';
import type { RuleView } from '../api/automation-schemas.ts';
import { ShopCodeParamsSchema } from '../api/settings-schemas.ts';
import { OrderNumberParamsSchema, OrderSchema } from '../api/schemas.ts';
import { actorOf } from '../auth/principal.ts';
import type { ServerContext } from '../context.ts';
import { presentOrder } from '../order-presenter.ts';
import { defineRoute } from '../route.ts';
import type { AnyRoute } from '../route.ts';

/**
 * Automation (docs/AUTOMATION.md): a shop's calendar, sorting rules with their dry run and
 * change history, work states; the rules on chosen orders; an order's work state by hand.
 * AutomationService answers NOT_FOUND for a shop or order the principal may not see.
 */
export function automationRoutes(ctx: ServerContext): AnyRoute[] {
  const { automation } = ctx;

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
      handler: async ({ params, query, principal }) => ({ year: query.year, days: await automation.year(principal, params.code, query.year) }),
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
      handler: async ({ params, principal }) => ({ rules: (await automation.rules(principal, params.code)).map(ruleView) }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/shops/:code/automation/rule-targets',
      summary: 'What rule actions may name: the shop’s mail templates and its shipping methods (carrier profile and service)',
      tag: 'automation',
      access: 'reader',
      params: ShopCodeParamsSchema,
      response: RuleTargetsSchema,
      errors: ['NOT_FOUND'],
      handler: async ({ params, principal }) => automation.ruleTargets(principal, params.code),
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
      errors: ['NOT_FOUND', 'RULE_MAIL_TEMPLATE_UNKNOWN', 'RULE_SHIPPING_METHOD_UNKNOWN'],
      handler: async ({ params, body, principal }) => ruleView(await automation.createRule(principal, params.code, body, actorOf(principal))),
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
      errors: ['NOT_FOUND', 'VERSION_CONFLICT', 'RULE_MAIL_TEMPLATE_UNKNOWN', 'RULE_SHIPPING_METHOD_UNKNOWN'],
      handler: async ({ params, body, principal }) => {
        const { version, ...draft } = body;
        return ruleView(await automation.updateRule(principal, params.code, params.ruleId, version, draft, actorOf(principal)));
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
        await automation.deleteRule(principal, params.code, params.ruleId, actorOf(principal));
        return { rules: (await automation.rules(principal, params.code)).map(ruleView) };
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
        rules: (await automation.reorderRules(principal, params.code, body.ruleIds, actorOf(principal))).map(ruleView),
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
        changes: (await automation.ruleChanges(principal, params.code)).map((c) => ({
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
      errors: ['NOT_FOUND', 'RULE_MAIL_TEMPLATE_UNKNOWN', 'RULE_SHIPPING_METHOD_UNKNOWN'],
      handler: async ({ params, body, principal }) => automation.dryRun(principal, params.code, body),
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
        const applied = await automation.applyRules(principal, params.code, body.orderNumbers, actorOf(principal));
        const results = applied.map((a) =>
          a.ok
            ? { orderNumber: a.orderNumber, ok: true, matched: a.matches.map((m) => ({ ...m, done: [...m.done], skipped: [...m.skipped] })), error: null }
            : { orderNumber: a.orderNumber, ok: false, matched: [], error: { code: String(a.error.code), message: a.error.message, messageJa: a.error.messageJa } },
        );
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
      handler: async ({ params, principal }) => automation.workStates(principal, params.code),
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
        await automation.saveWorkStates(principal, params.code, body.states, actorOf(principal));
        return automation.workStates(principal, params.code);
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
        await automation.setWorkState(principal, params.orderNumber, body.version, body.workState, actorOf(principal));
        return presentOrder(await ctx.orders.details(principal, params.orderNumber), principal, ctx.clock.now());
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

