import { entry } from '../action.ts';
import type { ActionContext, ActionResult } from '../action.ts';
import { invalidField } from '../errors.ts';
import type { Order } from '../order.ts';

/**
 * 作業状況: shop-defined labels (在庫確認中, 要確認 …) that say where an order stands in the
 * shop's own work, local to juchu. A label may name an RMS サブステータス, which is then set in
 * RMS too (updateOrderSubStatus through the outbox).
 */
export interface WorkStateDefinition {
  /** Stable key stored on orders: lower-case letters, digits, '-' and '_'. */
  readonly code: string;
  readonly label: string;
  readonly rmsSubStatusId: number | null;
}

export const MAX_WORK_STATES = 50;
const CODE_RE = /^[a-z0-9][a-z0-9_-]{0,31}$/u;

export function checkWorkStates(states: readonly WorkStateDefinition[]): WorkStateDefinition[] {
  if (states.length > MAX_WORK_STATES) throw invalidField('workStates', `at most ${MAX_WORK_STATES} work states`);
  const seen = new Set<string>();
  return states.map((s, i) => {
    if (!CODE_RE.test(s.code)) throw invalidField(`workStates.${i}.code`, 'lower-case letters, digits, - and _, at most 32');
    if (seen.has(s.code)) throw invalidField(`workStates.${i}.code`, `${s.code} appears twice`);
    seen.add(s.code);
    const label = s.label.trim();
    if (label.length === 0 || label.length > 30) throw invalidField(`workStates.${i}.label`, '1 to 30 characters');
    if (s.rmsSubStatusId !== null && (!Number.isInteger(s.rmsSubStatusId) || s.rmsSubStatusId <= 0)) {
      throw invalidField(`workStates.${i}.rmsSubStatusId`, 'an RMS sub-status id (a positive whole number) or null');
    }
    return { code: s.code, label, rmsSubStatusId: s.rmsSubStatusId };
  });
}

/** Staff set (or clear, with null) an order's work state by hand. */
export function setWorkState(order: Order, code: string | null, states: readonly WorkStateDefinition[], ctx: ActionContext): ActionResult {
  const state = code === null ? null : states.find((s) => s.code === code);
  if (state === undefined) throw invalidField('workState', `no work state ${code} in this shop`);
  const before = states.find((s) => s.code === order.workState)?.label ?? order.workState ?? null;
  if ((order.workState ?? null) === code) return { order, operations: [], history: [] };
  const push = state !== null && state.rmsSubStatusId !== null;
  return {
    order: { ...order, workState: code },
    operations: push ? [{ kind: 'syncSubStatus', subStatusId: state.rmsSubStatusId }] : [],
    history: [entry(ctx, 'workStateSet', { code: 'workStateSet', params: { before, after: state?.label ?? null, pushed: push } }, { workState: order.workState ?? null }, { workState: code })],
  };
}
