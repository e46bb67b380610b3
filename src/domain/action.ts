import { DomainError } from './errors.ts';
import type { Actor, HistoryAction, HistoryEntry } from './history.ts';
import type { RmsOperation } from './operations.ts';
import type { Order } from './order.ts';
import type { Shop } from './shop.ts';
import { STATUS_LABELS } from './status.ts';
import { transition } from './transitions.ts';
import type { OrderEvent, StatusState } from './transitions.ts';

/**
 * What every order action gets and gives. Actions are pure: they return the changed order,
 * the operations bound for RMS and the history to write, and the application service saves
 * all three in one transaction. The returned order keeps its `version`; the repository bumps
 * it on save.
 */
export interface ActionContext {
  readonly now: Date;
  readonly actor: Actor;
  readonly shop: Shop;
}

export interface ActionResult {
  order: Order;
  operations: RmsOperation[];
  history: HistoryEntry[];
}

/** Moves the order by the transition table, or refuses with INVALID_TRANSITION. */
export function applyEvent(order: Order, event: OrderEvent): Order {
  const result = transition(order, event);
  if (!result.ok) {
    throw new DomainError(
      'INVALID_TRANSITION',
      { status: order.status, statusBeforeHold: order.statusBeforeHold, event: event.type },
      `Event ${event.type} is not allowed in status ${order.status}.`,
    );
  }
  return { ...order, ...result.state };
}

export function entry(ctx: Pick<ActionContext, 'now' | 'actor'>, action: HistoryAction, summary: string, before: unknown, after: unknown): HistoryEntry {
  return { at: ctx.now, actor: ctx.actor, action, summary, before, after };
}

/** 新規受付, or 保留（新規受付） for a held order. */
export function statusText(state: StatusState): string {
  const label = STATUS_LABELS[state.status].ja;
  return state.status === 'on_hold' && state.statusBeforeHold ? `${label}（${STATUS_LABELS[state.statusBeforeHold].ja}）` : label;
}

export function statusOf(order: Order): StatusState {
  return { status: order.status, statusBeforeHold: order.statusBeforeHold };
}
