/**
 * The automation API's bodies (calendar, sorting rules, dry run, work states) and what orders
 * show of automation. Pure, like schemas.ts, which embeds OrderAutomationSchema in orders.
 */
import { z } from 'zod';
import { PREFECTURES } from '../../domain/prefectures.ts';
import { MAX_LIST_VALUES, MAX_NAME_CHARS, MAX_REASON_CHARS, MAX_REMARK_WORD_CHARS, RULE_SERVICES } from '../../domain/automation/rules.ts';
import { CARRIER_PROFILE_IDS } from '../../domain/shipping/profile.ts';

const localDate = z.iso.date();
const instant = z.string().meta({ format: 'date-time' });
const version = z.number().int().min(0);
const list = <T extends z.ZodType>(item: T) => z.array(item).max(MAX_LIST_VALUES).optional();

/** What an order shows of automation: its work state, hold reason, ship-by flags, 離島 and gift. */
export const OrderAutomationSchema = z
  .object({
    workState: z.string().nullable(),
    holdReason: z.string().nullable(),
    remoteIsland: z.boolean().nullable(),
    gift: z.boolean().nullable(),
    shipBy: z
      .object({
        date: localDate,
        basis: z.enum(['deliveryDate', 'orderDate']),
        flags: z.array(z.enum(['past', 'deliveryUnreachable', 'reauthorisation'])),
        reauthorisationDate: localDate.nullable(),
        push: z.enum(['waiting', 'queued', 'never']),
      })
      .nullable(),
  })
  .meta({ id: 'OrderAutomation' });

export const RuleParamsSchema = z.strictObject({ code: z.string().min(1).max(64), ruleId: z.coerce.number().int().positive().max(2 ** 31) }).meta({ id: 'RuleParams' });
export const YearQuerySchema = z.strictObject({ year: z.coerce.number().int().min(1970).max(2050) }).meta({ id: 'YearQuery' });

export const CalendarYearSchema = z
  .object({
    year: z.number().int(),
    days: z.array(z.object({ date: localDate, kind: z.enum(['working', 'weekly', 'holiday', 'closed']), holiday: z.string().nullable() })),
  })
  .meta({ id: 'CalendarYear' });

const range = z.number().int().min(0);
export const RuleConditionsSchema = z
  .strictObject({
    paymentMethods: list(z.number().int()),
    amountMin: range.optional(),
    amountMax: range.optional(),
    shippingMethods: list(z.string().min(1).max(100)),
    carriers: list(z.string().regex(/^\d{4}$/)),
    prefectures: list(z.enum(PREFECTURES)),
    remoteIsland: z.boolean().optional(),
    gift: z.boolean().optional(),
    deliveryDateRequested: z.boolean().optional(),
    remarksContainAny: list(z.string().min(1).max(MAX_REMARK_WORD_CHARS)),
    skus: list(z.string().min(1).max(100)),
    quantityMin: range.optional(),
    quantityMax: range.optional(),
    buyerOrderCountMin: range.optional(),
    buyerOrderCountMax: range.optional(),
    postageUndetermined: z.boolean().optional(),
  })
  .meta({ id: 'RuleConditions' });

export const RuleActionSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('hold'), reason: z.string().min(1).max(MAX_REASON_CHARS) }),
    z.strictObject({ kind: z.literal('setWorkState'), workState: z.string().min(1).max(32) }),
    z.strictObject({ kind: z.literal('confirm') }),
    z.strictObject({ kind: z.literal('sendMail'), templateId: z.number().int().positive().max(2 ** 31) }),
    z.strictObject({ kind: z.literal('setShippingMethod'), profileId: z.enum(CARRIER_PROFILE_IDS), service: z.enum(RULE_SERVICES) }),
  ])
  .meta({ id: 'RuleAction' });

/** What the rule editor offers for the mail and shipping-method actions. */
export const RuleTargetsSchema = z
  .object({
    mailTemplates: z.array(z.object({ id: z.number().int(), name: z.string() })),
    shippingMethods: z.array(z.object({ profileId: z.enum(CARRIER_PROFILE_IDS), service: z.enum(RULE_SERVICES), profileName: z.string() })),
  })
  .meta({ id: 'RuleTargets' });

export const RuleDraftSchema = z
  .strictObject({
    name: z.string().min(1).max(MAX_NAME_CHARS),
    enabled: z.boolean(),
    stop: z.boolean(),
    conditions: RuleConditionsSchema,
    actions: z.array(RuleActionSchema).min(1).max(10),
  })
  .meta({ id: 'RuleDraft' });

export const RuleUpdateSchema = RuleDraftSchema.extend({ version }).meta({ id: 'RuleUpdate' });

export const RuleSchema = RuleDraftSchema.extend({ id: z.number().int(), position: z.number().int(), version: z.number().int() }).meta({ id: 'Rule' });
export const RuleListSchema = z.object({ rules: z.array(RuleSchema) }).meta({ id: 'RuleList' });
export const RuleOrderSchema = z.strictObject({ ruleIds: z.array(z.number().int().positive()).max(500) }).meta({ id: 'RuleOrder' });

export const RuleChangesSchema = z
  .object({
    changes: z.array(
      z.object({ id: z.number().int(), ruleId: z.number().int(), at: instant, actor: z.string(), change: z.enum(['created', 'updated', 'deleted', 'moved']), before: z.unknown(), after: z.unknown() }),
    ),
  })
  .meta({ id: 'RuleChanges' });

export const DryRunResultSchema = z
  .object({
    scanned: z.number().int(),
    matched: z.number().int(),
    truncated: z.boolean(),
    orders: z.array(z.object({ orderNumber: z.string(), status: z.string(), done: z.array(z.string()), skipped: z.array(z.string()) })),
  })
  .meta({ id: 'DryRunResult' });

export const ApplyRulesSchema = z.strictObject({ orderNumbers: z.array(z.string().regex(/^[0-9A-Za-z-]{1,64}$/)).min(1).max(500) }).meta({ id: 'ApplyRules' });
export const ApplyRulesResultSchema = z
  .object({
    results: z.array(
      z.object({
        orderNumber: z.string(),
        ok: z.boolean(),
        matched: z.array(z.object({ ruleId: z.number().int(), ruleName: z.string(), done: z.array(z.string()), skipped: z.array(z.string()) })),
        error: z.object({ code: z.string(), message: z.string(), messageJa: z.string() }).nullable(),
      }),
    ),
  })
  .meta({ id: 'ApplyRulesResult' });

export const WorkStateSchema = z
  .strictObject({ code: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/), label: z.string().min(1).max(30), rmsSubStatusId: z.number().int().positive().nullable() })
  .meta({ id: 'WorkState' });
export const WorkStatesSchema = z.object({ states: z.array(WorkStateSchema), counts: z.record(z.string(), z.number().int()) }).meta({ id: 'WorkStates' });
export const WorkStatesInputSchema = z.strictObject({ states: z.array(WorkStateSchema).max(50) }).meta({ id: 'WorkStatesInput' });
export const OrderWorkStateSchema = z.strictObject({ version: version.optional(), workState: z.string().min(1).max(32).nullable() }).meta({ id: 'OrderWorkState' });

export type { CalendarDocument as CalendarInput } from '../../app/automation/calendar-concern.ts';
export type RuleListView = z.infer<typeof RuleListSchema>;
export type RuleTargetsView = z.infer<typeof RuleTargetsSchema>;
export type RuleChangesView = z.infer<typeof RuleChangesSchema>;
export type RuleDraftInput = z.infer<typeof RuleDraftSchema>;
export type RuleView = z.infer<typeof RuleSchema>;
export type DryRunResultView = z.infer<typeof DryRunResultSchema>;
export type WorkStatesView = z.infer<typeof WorkStatesSchema>;
export type CalendarYearView = z.infer<typeof CalendarYearSchema>;
export type OrderAutomationView = z.infer<typeof OrderAutomationSchema>;
