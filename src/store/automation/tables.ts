import type { Generated } from 'kysely';
import type { IsoInstant } from '../tables.ts';

/** Rows of the tables migration 0013_automation creates. */
export interface AutomationRuleTable {
  id: Generated<number>;
  shop_code: string;
  position: number;
  name: string;
  enabled: 0 | 1;
  stop: 0 | 1;
  /** JSON: RuleConditions. */
  conditions: string;
  /** JSON: RuleAction[]. */
  actions: string;
  version: number;
  created_at: IsoInstant;
  updated_at: IsoInstant;
}

export interface AutomationRuleChangeTable {
  id: Generated<number>;
  shop_code: string;
  rule_id: number;
  at: IsoInstant;
  /** JSON: the Actor. */
  actor: string;
  /** created, updated, deleted, moved. */
  change: string;
  before: string | null;
  after: string | null;
}

export interface WorkStateTable {
  shop_code: string;
  code: string;
  label: string;
  rms_sub_status_id: number | null;
  position: number;
}

/** Orders per shop and work state, kept by triggers; the application only reads it. */
export interface OrderWorkStateCountTable {
  shop_code: string;
  work_state: string;
  n: number;
}

declare module '../tables.ts' {
  interface Tables {
    automation_rules: AutomationRuleTable;
    automation_rule_changes: AutomationRuleChangeTable;
    work_states: WorkStateTable;
    order_work_state_counts: OrderWorkStateCountTable;
  }
  interface OrderTable {
    /** 作業状況 code, derived from the document (migration 0013). */
    work_state: string | null;
  }
}
