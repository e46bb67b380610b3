import { DomainError } from './errors.ts';
import type { Actor, HistoryAction, HistoryEntry, HistoryMessage, StatusMove } from './history.ts';
import { historyText } from './history-text.ts';
import type { RmsOperation } from './operations.ts';
import type { Order } from './order.ts';
import type { Shop } from './shop.ts';
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

/** A history entry of the domain's own: its code and parameters, with the Japanese sentence rendered from them. */
export function entry(ctx: Pick<ActionContext, 'now' | 'actor'>, action: HistoryAction, message: HistoryMessage, before: unknown, after: unknown): HistoryEntry {
  return historyEntry(ctx.now, ctx.actor, action, message, before, after);
}

/** Any entry, the adapters' own actions (outbox results, 再送) included. */
export function historyEntry(at: Date, actor: Actor, action: string, message: HistoryMessage, before: unknown, after: unknown): HistoryEntry {
  return { at, actor, action, message, summary: historyText(message, 'ja'), before, after };
}

/** An order's move from one status to another, as history parameters. */
export function statusMove(from: Order, to: Order): StatusMove {
  return { from: statusOf(from), to: statusOf(to) };
}

export function statusOf(order: Order): StatusState {
  return { status: order.status, statusBeforeHold: order.statusBeforeHold };
}
