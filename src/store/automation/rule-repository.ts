import type { Kysely } from 'kysely';
import type { Rule, RuleAction, RuleConditions, RuleDraft } from '../../domain/automation/rules.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/history.ts';
import type { Tables } from '../tables.ts';
import type { AutomationRuleTable } from './tables.ts';

export interface RuleChange {
  readonly id: number;
  readonly ruleId: number;
  readonly at: Date;
  readonly actor: Actor;
  readonly change: 'created' | 'updated' | 'deleted' | 'moved';
  readonly before: unknown;
  readonly after: unknown;
}

type Row = Omit<AutomationRuleTable, 'id'> & { id: number };

/**
 * A shop's sorting rules in their order, and every change to them. Each write records a
 * change row in the same transaction (the caller's): who changed which rule, before and after.
 */
export class RuleRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  async list(shopCode: string): Promise<Rule[]> {
    const rows = await this.db.selectFrom('automation_rules').selectAll().where('shop_code', '=', shopCode).orderBy('position').orderBy('id').execute();
    return rows.map(toRule);
  }

  async get(shopCode: string, id: number): Promise<Rule> {
    const row = await this.db.selectFrom('automation_rules').selectAll().where('shop_code', '=', shopCode).where('id', '=', id).executeTakeFirst();
    if (!row) throw new DomainError('NOT_FOUND', { shopCode, ruleId: id }, `rule ${id} of shop ${shopCode} not found`);
    return toRule(row);
  }

  async count(shopCode: string): Promise<number> {
    const row = await this.db.selectFrom('automation_rules').select((eb) => eb.fn.countAll<number | string>().as('n')).where('shop_code', '=', shopCode).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Appends the rule at the end of the shop's list. */
  async create(shopCode: string, draft: RuleDraft, actor: Actor, now: Date): Promise<Rule> {
    const position = (await this.count(shopCode)) + 1;
    const at = now.toISOString();
    const { id } = await this.db
      .insertInto('automation_rules')
      .values({ shop_code: shopCode, position, ...draftColumns(draft), version: 1, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rule = await this.get(shopCode, Number(id));
    await this.record(rule, actor, 'created', null, rule, now);
    return rule;
  }

  /** Saves over `version`; someone else's save in between → VERSION_CONFLICT. */
  async update(shopCode: string, id: number, version: number, draft: RuleDraft, actor: Actor, now: Date): Promise<Rule> {
    const before = await this.get(shopCode, id);
    const result = await this.db
      .updateTable('automation_rules')
      .set({ ...draftColumns(draft), version: version + 1, updated_at: now.toISOString() })
      .where('shop_code', '=', shopCode)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new DomainError('VERSION_CONFLICT', { ruleId: id, version }, `rule ${id} was changed by someone else`);
    const after = await this.get(shopCode, id);
    await this.record(after, actor, 'updated', before, after, now);
    return after;
  }

  async delete(shopCode: string, id: number, actor: Actor, now: Date): Promise<void> {
    const before = await this.get(shopCode, id);
    await this.db.deleteFrom('automation_rules').where('shop_code', '=', shopCode).where('id', '=', id).execute();
    await this.renumber(shopCode, (await this.list(shopCode)).map((r) => r.id));
    await this.record(before, actor, 'deleted', before, null, now);
  }

  /** Puts the rules in the order given, which must name each of the shop's rules once. */
  async reorder(shopCode: string, ids: readonly number[], actor: Actor, now: Date): Promise<Rule[]> {
    const current = await this.list(shopCode);
    const known = new Set(current.map((r) => r.id));
    if (ids.length !== known.size || new Set(ids).size !== ids.length || ids.some((id) => !known.has(id))) {
      throw new DomainError('VALIDATION_FAILED', { field: 'ruleIds', problem: 'must list each of the shop’s rules exactly once' }, 'ruleIds must list each rule exactly once');
    }
    await this.renumber(shopCode, ids);
    for (const [i, id] of ids.entries()) {
      const before = current.find((r) => r.id === id)!;
      if (before.position !== i + 1) await this.record(before, actor, 'moved', { position: before.position }, { position: i + 1 }, now);
    }
    return this.list(shopCode);
  }

  async changes(shopCode: string, limit = 100): Promise<RuleChange[]> {
    const rows = await this.db.selectFrom('automation_rule_changes').selectAll().where('shop_code', '=', shopCode).orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r) => ({
      id: Number(r.id),
      ruleId: Number(r.rule_id),
      at: new Date(r.at),
      actor: JSON.parse(r.actor) as Actor,
      change: r.change as RuleChange['change'],
      before: r.before === null ? null : JSON.parse(r.before),
      after: r.after === null ? null : JSON.parse(r.after),
    }));
  }

  private async renumber(shopCode: string, ids: readonly number[]): Promise<void> {
    for (const [i, id] of ids.entries()) {
      await this.db.updateTable('automation_rules').set({ position: i + 1 }).where('shop_code', '=', shopCode).where('id', '=', id).execute();
    }
  }

  private async record(rule: Rule, actor: Actor, change: RuleChange['change'], before: unknown, after: unknown, now: Date): Promise<void> {
    await this.db
      .insertInto('automation_rule_changes')
      .values({
        shop_code: rule.shopCode,
        rule_id: rule.id,
        at: now.toISOString(),
        actor: JSON.stringify(actor),
        change,
        before: before === null ? null : JSON.stringify(before),
        after: after === null ? null : JSON.stringify(after),
      })
      .execute();
  }
}

function draftColumns(draft: RuleDraft) {
  return {
    name: draft.name,
    enabled: draft.enabled ? (1 as const) : (0 as const),
    stop: draft.stop ? (1 as const) : (0 as const),
    conditions: JSON.stringify(draft.conditions),
    actions: JSON.stringify(draft.actions),
  };
}

function toRule(row: Row): Rule {
  return {
    id: Number(row.id),
    shopCode: row.shop_code,
    position: Number(row.position),
    name: row.name,
    enabled: Number(row.enabled) === 1,
    stop: Number(row.stop) === 1,
    conditions: JSON.parse(row.conditions) as RuleConditions,
    actions: JSON.parse(row.actions) as RuleAction[],
    version: Number(row.version),
  };
}
