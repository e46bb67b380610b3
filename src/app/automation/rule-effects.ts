import type { RuleEffect, RuleFacts } from '../../domain/automation/evaluate.ts';
import { statusBeneath } from '../../domain/automation/order-automation.ts';
import { shippingMethodsOf } from '../../domain/automation/rules.ts';
import type { Rule, RuleActionKind, ShippingMethodOption } from '../../domain/automation/rules.ts';
import { triggeredMailDueAt } from '../../domain/mail/mail.ts';
import type { Order } from '../../domain/order.ts';
import { CARRIER_PROFILE_IDS } from '../../domain/shipping/profile.ts';
import { packageRefKey } from '../../store/shipping/shipping-repository.ts';
import type { ExportRecord, ShippingChoice } from '../../store/shipping/shipping-repository.ts';
import type { Store } from '../../store/store.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import { shippingConcern, shippingSettingsOf } from '../shipping/shipping-concern.ts';
import { profileFor } from '../shipping/settings.ts';

/** What a shop's rules may name now, from the mail and shipping capabilities. */
export interface RuleTargets {
  readonly mailTemplates: readonly { readonly id: number; readonly name: string }[];
  readonly shippingMethods: readonly ShippingMethodOption[];
}

/**
 * The shop's mail templates and shipping methods. Reads the settings through `settings` (its
 * own connection), so call it before a transaction: on SQLite a read beside an open
 * transaction waits for it.
 */
export async function loadRuleTargets(store: Store, settings: SettingsService, shopCode: string): Promise<RuleTargets> {
  const [templates, shipping] = await Promise.all([store.mailTemplates.list(shopCode), settings.read(shopCode, shippingConcern)]);
  const shippingSettings = shippingSettingsOf(shipping);
  return {
    mailTemplates: templates.map((t) => ({ id: t.id, name: t.name })),
    shippingMethods: shippingMethodsOf(CARRIER_PROFILE_IDS.map((id) => profileFor(shippingSettings, id))),
  };
}

export type ActionFacts = Omit<RuleFacts, 'buyerOrderCount'>;

const uses = (rules: readonly Rule[], kind: RuleActionKind): boolean => rules.some((r) => r.actions.some((a) => a.kind === kind));

/**
 * What the rules' mail and shipping actions need to know of each order, from the mail queue,
 * the stop switch and the label exports; each read only when some rule has such an action.
 */
export async function loadActionFacts(tx: Store, orders: readonly Order[], rules: readonly Rule[]): Promise<(order: Order) => ActionFacts> {
  const numbers = orders.map((o) => o.orderNumber);
  const mails = uses(rules, 'sendMail');
  const [queued, stopped] = mails
    ? await Promise.all([tx.mail.ruleTemplatesQueued(numbers), tx.mailStates.stopped(numbers)])
    : [new Map<string, number[]>(), new Set<string>()];
  const shipping = tx.shipping;
  const [exports, choices] = uses(rules, 'setShippingMethod')
    ? await Promise.all([shipping.exportsFor(orders.flatMap((o) => o.packages.map((p) => ({ orderNumber: o.orderNumber, basketId: p.basketId })))), shipping.choicesFor(numbers)])
    : [new Map<string, ExportRecord>(), new Map<string, ShippingChoice>()];
  return (order) => {
    const keys = order.packages.map((p) => packageRefKey({ orderNumber: order.orderNumber, basketId: p.basketId }));
    const chosen = keys.map((k) => choices.get(k));
    const first = chosen[0];
    const same = first?.profileId != null && first.service != null && chosen.every((c) => c?.profileId === first.profileId && c.service === first.service);
    return {
      mailedTemplateIds: queued.get(order.orderNumber) ?? [],
      autoMailStopped: stopped.has(order.orderNumber),
      labelExported: keys.some((k) => exports.has(k)),
      chosenShippingMethod: same ? { profileId: first.profileId!, service: first.service! } : null,
    };
  };
}

/**
 * Carries out what a rule run asked of the mail queue and the shipping choices, in the
 * transaction that writes the run's history entry. A mail goes to the queue, whose unique key
 * per order and template drops a second one however the runs interleave; a method is saved as
 * every package's choice, keeping the parcels and cool class staff chose.
 */
export async function applyRuleEffects(tx: Store, order: Order, effects: readonly RuleEffect[], now: Date, triggeredBy: string): Promise<void> {
  const mails = effects.flatMap((e) => (e.kind === 'sendMail' ? [e] : []));
  if (mails.length > 0) {
    // A rule's mail waits out the buyer's cancel window like the thank-you mail; the delivery
    // loop withdraws it if the order is cancelled meanwhile.
    const dueAt = triggeredMailDueAt('orderTaken', { status: statusBeneath(order), orderedAt: order.orderedAt }, now, 0);
    await tx.mail.enqueue(
      mails.map((m) => ({
        shopCode: order.shopCode,
        orderNumber: order.orderNumber,
        kind: 'rule' as const,
        templateId: m.templateId,
        templateName: m.templateName,
        to: order.buyer.emailAddress,
        subject: null,
        body: null,
        dueAt,
        triggeredBy,
      })),
      now,
    );
  }
  const method = effects.findLast((e) => e.kind === 'setShippingMethod');
  if (method?.kind === 'setShippingMethod') {
    const shipping = tx.shipping;
    const choices = await shipping.choicesFor([order.orderNumber]);
    for (const pkg of order.packages) {
      const choice = choices.get(packageRefKey({ orderNumber: order.orderNumber, basketId: pkg.basketId }));
      await shipping.saveChoice(
        { orderNumber: order.orderNumber, basketId: pkg.basketId, shopCode: order.shopCode, profileId: method.profileId, service: method.service, cool: choice?.cool ?? null, parcels: choice?.parcels ?? 1 },
        now,
      );
    }
  }
}
