import type { Database } from '../../../src/store/database.ts';
import { ORDER_STATUSES, RMS_PROGRESSES } from '../../../src/domain/status.ts';
import type { OrderStatus } from '../../../src/domain/status.ts';
import { transition } from '../../../src/domain/transitions.ts';
import type { OrderEvent, StatusState } from '../../../src/domain/transitions.ts';

const LOCAL_EVENTS = [
  'staffConfirmed',
  'confirmationAccepted',
  'confirmationFoundCancelled',
  'shipmentRegistered',
  'partialShipmentRegistered',
  'held',
  'released',
  'staffCancelled',
] as const;

const EVENTS: readonly OrderEvent[] = [
  ...LOCAL_EVENTS.map((type) => ({ type }) as OrderEvent),
  ...RMS_PROGRESSES.map((progress): OrderEvent => ({ type: 'rmsProgressChanged', progress })),
];

function key(state: StatusState | null): string {
  return state === null ? 'none' : `${state.status}/${state.statusBeforeHold ?? '-'}`;
}

/** Every state an order can be in: a status, or a hold over one. */
function allStates(): StatusState[] {
  const plain = ORDER_STATUSES.filter((s) => s !== 'on_hold').map((status): StatusState => ({ status, statusBeforeHold: null }));
  const held = ORDER_STATUSES.filter((s) => s !== 'on_hold').map((beneath): StatusState => ({ status: 'on_hold', statusBeforeHold: beneath as OrderStatus }));
  return [...plain, ...held];
}

/**
 * The one-step moves the domain transition table allows, enumerated from `transition` itself
 * over every state and every event, so this check can never drift from the table.
 */
export const LEGAL_STEPS: ReadonlySet<string> = (() => {
  const steps = new Set<string>();
  for (const progress of RMS_PROGRESSES) {
    const imported = transition(null, { type: 'imported', progress });
    if (imported.ok) steps.add(`none>${key(imported.state)}`);
  }
  for (const from of allStates()) {
    steps.add(`${key(from)}>${key(from)}`);
    for (const event of EVENTS) {
      const to = transition(from, event);
      if (to.ok) steps.add(`${key(from)}>${key(to.state)}`);
    }
  }
  return steps;
})();

interface Recorded {
  readonly status?: string;
  readonly statusBeforeHold?: string | null;
}

function stateOf(value: unknown): StatusState | null {
  if (value === null || typeof value !== 'object' || !('status' in value)) return null;
  const r = value as Recorded;
  return { status: r.status as OrderStatus, statusBeforeHold: (r.statusBeforeHold ?? null) as OrderStatus | null };
}

/**
 * Reads every order's history in the order it was written and returns each status change the
 * table does not allow, and each gap (a status the history does not explain). Empty = clean.
 */
export async function illegalTransitions(db: Database): Promise<string[]> {
  const rows = await db.kysely.selectFrom('order_history').select(['order_number', 'action', 'before', 'after']).orderBy('id').execute();
  const current = new Map<string, StatusState | null>();
  const problems: string[] = [];
  for (const row of rows) {
    const after = stateOf(row.after === null ? null : JSON.parse(row.after));
    if (after === null) continue;
    const recordedBefore = row.before === null ? null : stateOf(JSON.parse(row.before));
    const known = current.has(row.order_number) ? current.get(row.order_number)! : null;
    if (key(recordedBefore) !== key(known)) {
      problems.push(`${row.order_number}: history says ${row.action} started from ${key(recordedBefore)}, but the order was ${key(known)}`);
    }
    const step = `${key(recordedBefore)}>${key(after)}`;
    if (!LEGAL_STEPS.has(step)) problems.push(`${row.order_number}: ${row.action} moved ${step.replace('>', ' → ')}, which the transition table does not allow`);
    current.set(row.order_number, after);
  }
  const orders = await db.kysely.selectFrom('orders').select(['order_number', 'status', 'status_before_hold']).execute();
  for (const order of orders) {
    const stored = key({ status: order.status as OrderStatus, statusBeforeHold: order.status_before_hold as OrderStatus | null });
    const told = key(current.get(order.order_number) ?? null);
    if (stored !== told) problems.push(`${order.order_number}: stored as ${stored} but its history ends at ${told}`);
  }
  return problems;
}
