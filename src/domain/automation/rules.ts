import { DomainError, invalidField } from '../errors.ts';
import { PREFECTURES } from '../prefectures.ts';
import type { CarrierProfile, CarrierProfileId } from '../shipping/profile.ts';

/**
 * ステータス仕分け: a shop's ordered list of sorting rules. A rule matches when every condition
 * it sets holds (AND across conditions), and a list condition holds when any of its values
 * does (OR within a list). Remarks are matched against plain words, never user-written
 * regular expressions: a word is found by a substring search after the same normalisation on
 * both sides, so evaluation is linear in the text whatever the shop enters.
 */
export interface RuleConditions {
  /** settlementMethodCode (e.g. 1 クレジットカード, 2 代金引換). */
  readonly paymentMethods?: readonly number[];
  /** 請求金額 range in yen, inclusive; an undetermined amount matches no range. */
  readonly amountMin?: number;
  readonly amountMax?: number;
  /** 配送方法 (DeliveryModel.deliveryName), exactly. */
  readonly shippingMethods?: readonly string[];
  /** RMS carrier codes of any package (its shipment's, else the buyer's choice). */
  readonly carriers?: readonly string[];
  /** Any package's recipient prefecture. */
  readonly prefectures?: readonly string[];
  readonly remoteIsland?: boolean;
  readonly gift?: boolean;
  readonly deliveryDateRequested?: boolean;
  /** 備考 contains any of these words (width, case and kana normalised). */
  readonly remarksContainAny?: readonly string[];
  /** Any line's 商品管理番号 / 商品番号 / SKU 管理番号 equals one of these. */
  readonly skus?: readonly string[];
  /** Total units over all lines, inclusive. */
  readonly quantityMin?: number;
  readonly quantityMax?: number;
  /** Orders the buyer (phone digits + kana name) has with the shop, this one included. */
  readonly buyerOrderCountMin?: number;
  readonly buyerOrderCountMax?: number;
  /** Postage (or another amount) is undetermined (RMS -9999). */
  readonly postageUndetermined?: boolean;
}

/**
 * Services a rule may choose. 代金引換 is not one: it follows the order's payment method, as
 * the shipping rules do (a COD order sent with any service but the post box goes as COD).
 */
export const RULE_SERVICES = ['standard', 'compact', 'mailbox'] as const;
export type RuleService = (typeof RULE_SERVICES)[number];

/** A shipping method as a rule names it: a carrier profile and one of its services. */
export interface RuleShippingMethod {
  readonly profileId: CarrierProfileId;
  readonly service: RuleService;
}

/**
 * What a matching rule does. Each kind has an applier in evaluate.ts (ACTION_APPLIERS); a
 * capability that brings a new action adds a kind here and its applier there.
 */
export type RuleAction =
  | { readonly kind: 'hold'; readonly reason: string }
  | { readonly kind: 'setWorkState'; readonly workState: string }
  | { readonly kind: 'confirm' }
  /** Queue one of the shop's mail templates to the buyer (never the same template twice to an order). */
  | { readonly kind: 'sendMail'; readonly templateId: number }
  /** Set every package's shipping method (the label export's per-送付先 choice). */
  | ({ readonly kind: 'setShippingMethod' } & RuleShippingMethod);

export type RuleActionKind = RuleAction['kind'];

export interface RuleDraft {
  readonly name: string;
  readonly enabled: boolean;
  /** No later rule runs for an order this rule matched. */
  readonly stop: boolean;
  readonly conditions: RuleConditions;
  readonly actions: readonly RuleAction[];
}

export interface Rule extends RuleDraft {
  readonly id: number;
  readonly shopCode: string;
  /** 1-based place in the shop's list. */
  readonly position: number;
  readonly version: number;
}

export const MAX_RULES_PER_SHOP = 200;
export const MAX_LIST_VALUES = 100;
export const MAX_REMARK_WORD_CHARS = 50;
export const MAX_NAME_CHARS = 100;
export const MAX_REASON_CHARS = 200;
export const MAX_ACTIONS = 10;
const MAX_AMOUNT = 1_000_000_000;
const MAX_COUNT = 1_000_000;

const LIST_FIELDS = ['paymentMethods', 'shippingMethods', 'carriers', 'prefectures', 'remarksContainAny', 'skus'] as const;
const RANGES = [
  ['amountMin', 'amountMax', MAX_AMOUNT],
  ['quantityMin', 'quantityMax', MAX_COUNT],
  ['buyerOrderCountMin', 'buyerOrderCountMax', MAX_COUNT],
] as const;
const FLAGS = ['remoteIsland', 'gift', 'deliveryDateRequested', 'postageUndetermined'] as const;

/** Plain text for remarks; anything else is matched literally, and these are refused so nobody mistakes the words for a pattern. */
const PATTERN_CHARS = /[\\^$*+?()[\]{}|]/u;

/** Same text whatever the width, case or kana a buyer or a shop typed. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u3041-\u3096]/gu, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
}

/** What a shop has that a rule may name: its work states, mail templates and shipping methods. */
export interface RuleReferences {
  readonly workStates: readonly string[];
  readonly mailTemplateIds: readonly number[];
  readonly shippingMethods: readonly RuleShippingMethod[];
}

/** A method the shop can choose, with its carrier profile's name for people. */
export interface ShippingMethodOption extends RuleShippingMethod {
  readonly profileName: string;
}

/** The methods a shop can choose: each carrier profile (the shop's adjusted copy or the default) with the services it has a code for. */
export function shippingMethodsOf(profiles: readonly CarrierProfile[]): ShippingMethodOption[] {
  return profiles.flatMap((p) => RULE_SERVICES.filter((service) => p.services[service] !== undefined).map((service) => ({ profileId: p.id, service, profileName: p.name })));
}

function isShippingMethodOf(methods: readonly RuleShippingMethod[], wanted: RuleShippingMethod): boolean {
  return methods.some((m) => m.profileId === wanted.profileId && m.service === wanted.service);
}

/**
 * Checks a rule a shop wants to save and returns it normalised. `refs` is what the shop has
 * defined. Refuses an empty or contradictory rule (a min above its max, an empty list, no
 * action) rather than keep one that can never match or do anything, and a rule naming a mail
 * template or shipping method the shop does not have (each with its own code, so the editor
 * can point at the action).
 */
export function checkRule(draft: RuleDraft, refs: RuleReferences): RuleDraft {
  const name = draft.name.trim();
  if (name.length === 0 || name.length > MAX_NAME_CHARS) throw invalidField('name', `1 to ${MAX_NAME_CHARS} characters`);
  const c = draft.conditions;
  const set = Object.entries(c).filter(([, v]) => v !== undefined && v !== null);
  if (set.length === 0) throw invalidField('conditions', 'a rule needs at least one condition');
  const known = new Set<string>([...LIST_FIELDS, ...FLAGS, ...RANGES.flatMap(([a, b]) => [a, b])]);
  const unknown = set.find(([k]) => !known.has(k));
  if (unknown) throw invalidField(`conditions.${unknown[0]}`, 'not a condition');
  for (const field of LIST_FIELDS) {
    const list = c[field] as readonly unknown[] | undefined;
    if (list === undefined) continue;
    if (list.length === 0) throw invalidField(`conditions.${field}`, 'an empty list matches nothing; leave the condition out instead');
    if (list.length > MAX_LIST_VALUES) throw invalidField(`conditions.${field}`, `at most ${MAX_LIST_VALUES} values`);
  }
  for (const word of c.remarksContainAny ?? []) {
    if (normaliseText(word).trim().length === 0) throw invalidField('conditions.remarksContainAny', 'an empty word matches every remark');
    if ([...word].length > MAX_REMARK_WORD_CHARS) throw invalidField('conditions.remarksContainAny', `words of at most ${MAX_REMARK_WORD_CHARS} characters`);
    if (PATTERN_CHARS.test(word)) throw invalidField('conditions.remarksContainAny', `plain words only, not patterns: ${word}`);
  }
  const badPrefecture = c.prefectures?.find((p) => !(PREFECTURES as readonly string[]).includes(p));
  if (badPrefecture !== undefined) throw invalidField('conditions.prefectures', `${badPrefecture} is not a prefecture`);
  for (const [min, max, limit] of RANGES) {
    for (const field of [min, max]) {
      const v = c[field];
      if (v !== undefined && (!Number.isInteger(v) || v < 0 || v > limit)) throw invalidField(`conditions.${field}`, `a whole number from 0 to ${limit}`);
    }
    const [lo, hi] = [c[min], c[max]];
    if (lo !== undefined && hi !== undefined && lo > hi) throw invalidField(`conditions.${min}`, `${min} ${lo} is above ${max} ${hi}: nothing can match`);
  }
  if (draft.actions.length === 0) throw invalidField('actions', 'a rule needs at least one action');
  if (draft.actions.length > MAX_ACTIONS) throw invalidField('actions', `at most ${MAX_ACTIONS} actions`);
  const kinds = draft.actions.map((a) => a.kind);
  if (new Set(kinds).size !== kinds.length) throw invalidField('actions', 'each action at most once per rule');
  const actions = draft.actions.map((a): RuleAction => {
    switch (a.kind) {
      case 'hold': {
        const reason = a.reason.trim();
        if (reason.length === 0 || reason.length > MAX_REASON_CHARS) throw invalidField('actions.hold.reason', `a reason of 1 to ${MAX_REASON_CHARS} characters`);
        return { kind: 'hold', reason };
      }
      case 'setWorkState':
        if (!refs.workStates.includes(a.workState)) throw invalidField('actions.setWorkState.workState', `no work state ${a.workState} in this shop`);
        return a;
      case 'confirm':
        return a;
      case 'sendMail':
        if (!refs.mailTemplateIds.includes(a.templateId)) {
          throw new DomainError('RULE_MAIL_TEMPLATE_UNKNOWN', { field: 'actions.sendMail.templateId', templateId: a.templateId }, `no mail template ${a.templateId} in this shop`);
        }
        return { kind: 'sendMail', templateId: a.templateId };
      case 'setShippingMethod':
        if (!isShippingMethodOf(refs.shippingMethods, a)) {
          throw new DomainError(
            'RULE_SHIPPING_METHOD_UNKNOWN',
            { field: 'actions.setShippingMethod', profileId: a.profileId, service: a.service },
            `${a.profileId} has no ${a.service} service in this shop`,
          );
        }
        return { kind: 'setShippingMethod', profileId: a.profileId, service: a.service };
    }
  });
  if (kinds.includes('hold') && kinds.includes('confirm')) throw invalidField('actions', 'a rule cannot both hold and confirm an order');
  return { name, enabled: draft.enabled, stop: draft.stop, conditions: Object.fromEntries(set) as RuleConditions, actions };
}
