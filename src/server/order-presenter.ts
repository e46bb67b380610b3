import type { OrderDetails } from '../app/order-service.ts';
import { confirmationDeadline, deadlineStatus } from '../domain/deadline.ts';
import { toJstIso } from '../domain/jst.ts';
import { amountToNullable } from '../domain/money.ts';
import { OPERATION_LABELS } from '../domain/operations.ts';
import type { Order } from '../domain/order.ts';
import { computeTotals } from '../domain/totals.ts';
import { allowedActions } from '../domain/transitions.ts';
import { toOrderView } from '../domain/view.ts';
import { automationOf } from '../domain/automation/order-automation.ts';
import type { OrderAutomationView } from './api/automation-schemas.ts';
import type { OrderDetail, OrderSummary } from './api/schemas.ts';
import { mayChangeOrders } from './auth/principal.ts';
import type { Principal } from './auth/principal.ts';

/** One row of a work queue. */
export function presentSummary(order: Order, now: Date): OrderSummary {
  const deadline = confirmationDeadline(order.orderedAt);
  const buyer = order.buyer;
  return {
    orderNumber: order.orderNumber,
    shopCode: order.shopCode,
    status: order.status,
    rmsProgress: order.rmsProgress,
    orderedAt: toJstIso(order.orderedAt),
    confirmationDeadline: toJstIso(deadline),
    deadline: deadlineStatus(deadline, now),
    buyerName: buyer.firstName ? `${buyer.familyName} ${buyer.firstName}` : buyer.familyName,
    requestPrice: amountToNullable(computeTotals(order).requestPrice),
    itemCount: order.packages.reduce((n, p) => n + p.items.reduce((m, i) => m + i.units, 0), 0),
    plannedShipDate: order.plannedShipDate,
    automation: automationView(order),
    version: order.version,
  };
}

/** The order page: the domain's view plus what only the server knows. */
export function presentOrder(details: OrderDetails, principal: Principal, now: Date): OrderDetail {
  const { order, history, pendingOperations } = details;
  return {
    ...toOrderView(order, now),
    automation: automationView(order),
    allowedActions: mayChangeOrders(principal) ? [...allowedActions(order)] : [],
    pendingOperations: pendingOperations.map((op) => ({
      id: String(op.id),
      kind: op.operation.kind,
      label: OPERATION_LABELS[op.operation.kind].ja,
      state: op.state,
      attempts: op.attempts,
      lastError: op.lastError,
      rmsMessage: op.rmsMessage,
      outcomeCode: op.outcomeCode,
      updatedAt: toJstIso(op.updatedAt),
    })),
    history: history.map((h) => ({
      at: toJstIso(h.at),
      actor: h.actor,
      action: h.action,
      summary: h.summary,
      code: h.message?.code ?? null,
      // Interfaces lack the index signature the schema's record type asks for; the values are plain JSON.
      params: (h.message?.params ?? null) as Record<string, unknown> | null,
    })),
  };
}

/** What an order shows of automation (absent fields on orders stored before it read as null). */
function automationView(order: Order): OrderAutomationView {
  const automation = automationOf(order);
  const shipBy = automation.shipBy;
  return {
    workState: order.workState ?? null,
    holdReason: order.status === 'on_hold' ? (order.holdReason ?? null) : null,
    remoteIsland: order.remoteIsland ?? null,
    gift: order.gift ?? null,
    shipBy: shipBy && { date: shipBy.date, basis: shipBy.basis, flags: [...shipBy.flags], reauthorisationDate: shipBy.reauthorisationDate, push: automation.shipByPush },
  };
}
