import { describeMessages, type RmsError } from '../rms/errors.ts';
import type { MessageModel } from '../rms/wire/messages.ts';
import type { OrderModel } from '../rms/wire/order-model.ts';
import { MAX_ORDERS_PER_REQUEST } from '../rms/wire/request-fields.ts';
import type { ClaimedOperation } from '../store/outbox-repository.ts';
import type { ShopSync } from './context.ts';
import { deliverShippingReportsAsync, resolveFromAsyncResult } from './deliver-async.ts';
import { outcomeOf, stopsShop, writeFate } from './decide/outcome-table.ts';
import { readOrders } from './import.ts';
import { deliverConfirmations } from './operations/confirmation.ts';
import type { Batching } from './operations/module.ts';
import { moduleOf, OPERATION_MODULES } from './operations/registry.ts';
import { deliverShippingGroup } from './operations/shipping-row.ts';
import { recordDeferred, recordHeldBack, recordRejected, recordSucceeded, recordUnknown, recordWriteFailure } from './outcomes.ts';
import { checkNewOrdersIfDue } from './new-orders.ts';
import { outboxLeaseMs } from './options.ts';

/**
 * Outbox delivery. Each round claims, under a lease, the next operation of every order that
 * has one (the outbox hands out an order's operations strictly in sequence, so an edit is
 * through before the confirmation behind it), re-reads those orders in RMS 100 at a time,
 * and then sends: updates one by one, confirmations batched up to 100, shipping reports
 * batched through updateOrderShippingAsync when there are many.
 *
 * Exactly once: a write is never repeated on faith. Before every update the order is read
 * from RMS and an operation RMS already reflects is closed without a call; after a write
 * whose outcome is unknown the order is read again and the write is repeated only if RMS
 * does not show it.
 */
const MAX_ROUNDS = 1000;

export async function deliverOutbox(sync: ShopSync): Promise<void> {
  const { store, clock, options, workerId } = sync.deps;
  const outbox = store.outbox;
  const until = sync.deps.wallClock() + options.outboxBudgetMs;
  for (let round = 0; round < MAX_ROUNDS && sync.deps.wallClock() < until; round++) {
    // Between the rounds of a backlog, not behind it: new orders come first.
    await checkNewOrdersIfDue(sync);
    const claimed = await outbox.claim(sync.shop.code, outboxLeaseMs(options), workerId, {
      now: clock.now(),
      leaseNow: new Date(sync.deps.wallClock()),
      limit: MAX_ORDERS_PER_REQUEST,
    });
    if (claimed.length === 0) return;
    await deliverRound(sync, claimed);
  }
}

async function deliverRound(sync: ShopSync, heads: readonly ClaimedOperation[]): Promise<void> {
  const { claimed, groups } = await withFollowingReports(sync, heads);
  const confirmations = claimed.filter((op) => batchingOf(op) === 'confirmation');
  const updates = claimed.filter((op) => batchingOf(op) !== 'confirmation');
  let current: Map<string, OrderModel>;
  try {
    current = await readOrders(sync, [...updates, ...confirmations.filter((op) => op.outcomeUnknown)].map((op) => op.orderNumber));
  } catch (err) {
    await putBack(sync, claimed, err);
    return;
  }
  try {
    const open: ClaimedOperation[] = [];
    for (const op of updates) {
      if (op.outcomeUnknown && isShippingRow(op) && (await resolveFromAsyncResult(sync, op, current.get(op.orderNumber) ?? null))) continue;
      open.push(op);
    }
    // Many shipping rows go out in one async request, each order's parcels as one order of it,
    // with 出荷予定日 pushes (the same RMS write) and the rows whose earlier outcome is unknown
    // (the batch skips those the fresh read shows, so a crashed worker's reports are verified
    // and re-sent in bulk). Below that, an order with several parcels sends them in one
    // updateOrderShipping call, whose effect a re-read after a crash sees at once (an async
    // request may still be pending).
    const single = open.filter((op) => isShippingRow(op) && (op.outcomeUnknown || op.operation.kind === 'syncPlannedShipDate')).map((op) => [op]);
    const rowGroups = [...groups, ...single];
    const many = rowGroups.reduce((n, g) => n + g.length, 0) >= sync.deps.options.asyncShippingThreshold;
    const batchedGroups = many ? rowGroups : [];
    const mergedGroups = many ? [] : groups.filter((g) => g.length > 1);
    const handled = new Set([...batchedGroups, ...mergedGroups].flat());
    for (const op of open) {
      if (handled.has(op)) continue;
      await deliverUpdate(sync, op, current.get(op.orderNumber) ?? null);
    }
    for (const group of mergedGroups) await deliverShippingGroup(sync, group, current.get(group[0]!.orderNumber) ?? null);
    if (batchedGroups.length > 0) await deliverShippingReportsAsync(sync, batchedGroups, current);
    await deliverConfirmations(sync, confirmations, current);
  } catch (err) {
    // Only an auth failure ends the round early; whatever was not sent goes back untouched.
    const open = await stillClaimed(sync, claimed);
    await putBack(sync, open, err);
  }
}

/**
 * Each claimed shipping report with the reports of the same order queued right behind it
 * (an order in several boxes), claimed too so they go out together.
 */
async function withFollowingReports(sync: ShopSync, heads: readonly ClaimedOperation[]): Promise<{ claimed: ClaimedOperation[]; groups: ClaimedOperation[][] }> {
  const { store, clock, options, workerId } = sync.deps;
  const outbox = store.outbox;
  const claimed: ClaimedOperation[] = [...heads];
  const groups: ClaimedOperation[][] = [];
  for (const head of heads) {
    if (head.operation.kind !== 'syncShippingReport' || head.outcomeUnknown) continue;
    const following = await outbox.claimFollowingShippingReports(head.orderNumber, head.seq, outboxLeaseMs(options), workerId, { now: clock.now(), leaseNow: new Date(sync.deps.wallClock()) });
    claimed.push(...following);
    groups.push([head, ...following]);
  }
  return { claimed, groups };
}

function batchingOf(op: ClaimedOperation): Batching {
  return OPERATION_MODULES[op.operation.kind].batching;
}

/** Shipping reports and 出荷予定日 pushes are the same RMS write (a shipping row), so they share the batches. */
function isShippingRow(op: ClaimedOperation): boolean {
  return batchingOf(op) === 'shippingRow';
}

async function stillClaimed(sync: ShopSync, claimed: readonly ClaimedOperation[]): Promise<ClaimedOperation[]> {
  const outbox = sync.deps.store.outbox;
  const open: ClaimedOperation[] = [];
  for (const op of claimed) {
    const rows = await outbox.listForOrder(op.orderNumber, ['in_flight']);
    if (rows.some((r) => r.id === op.id && r.leaseOwner === sync.deps.workerId)) open.push(op);
  }
  return open;
}

/** Nothing was sent for these: the decision table's read fate says whether to try later or hold them and stop the shop. */
async function putBack(sync: ShopSync, ops: readonly ClaimedOperation[], err: unknown): Promise<void> {
  const fate = outcomeOf(err).read;
  for (const op of ops) await (fate === 'holdBack' ? recordHeldBack(sync, op, err as RmsError) : recordDeferred(sync, op, err as Error));
  if (fate === 'holdBack') throw err;
}

/** One update operation, exactly once: skip it if RMS shows it, verify by re-reading when unsure. */
async function deliverUpdate(sync: ShopSync, op: ClaimedOperation, fresh: OrderModel | null): Promise<void> {
  const order = await sync.deps.store.orders.get(op.orderNumber);
  if (!order || !fresh) {
    await recordRejected(sync, op, { code: order ? 'NOT_IN_RMS' : 'NOT_IN_JUCHU' });
    return;
  }
  let current = fresh;
  for (let attempt = 1; attempt <= sync.deps.options.maxWriteAttempts; attempt++) {
    if (moduleOf(op.operation).isApplied(current, op.operation, order)) {
      await recordSucceeded(sync, op, null, attempt > 1 || op.outcomeUnknown);
      return;
    }
    let messages: readonly MessageModel[];
    try {
      messages = await moduleOf(op.operation).send(sync.client, current, op.operation, order);
    } catch (err) {
      const fate = writeFate(err);
      if (fate !== 'reread') {
        await recordWriteFailure(sync, op, err as Error, fate);
        return;
      }
      const reread = await rereadOne(sync, op, err as Error);
      if (!reread) return;
      current = reread;
      continue;
    }
    const errors = messages.filter((m) => m.messageType === 'ERROR');
    if (errors.length > 0) await recordRejected(sync, op, errors);
    else await recordSucceeded(sync, op, describeMessages(messages));
    return;
  }
  await recordUnknown(sync, op, new Error(`still unconfirmed after ${sync.deps.options.maxWriteAttempts} attempts`));
}

/** After an unknown outcome: the order as RMS has it now, or null when even that cannot be read. */
async function rereadOne(sync: ShopSync, op: ClaimedOperation, cause: Error): Promise<OrderModel | null> {
  try {
    const current = (await readOrders(sync, [op.orderNumber])).get(op.orderNumber);
    if (current) return current;
    await recordRejected(sync, op, { code: 'NOT_IN_RMS' });
    return null;
  } catch (err) {
    if (stopsShop(err)) throw err;
    await recordUnknown(sync, op, cause);
    return null;
  }
}

