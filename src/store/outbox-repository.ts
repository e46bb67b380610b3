import { sql } from 'kysely';
import type { Kysely, Selectable } from 'kysely';
import type { RmsOperation } from '../domain/operations.ts';
import type { Engine } from './database.ts';
import type { OrderRef } from './history-repository.ts';
import type { OutboxState, OutboxTable, Tables } from './tables.ts';

export interface OutboxEntry {
  readonly id: number;
  readonly shopCode: string;
  readonly orderNumber: string;
  readonly seq: number;
  readonly operation: RmsOperation;
  readonly state: OutboxState;
  readonly attempts: number;
  readonly nextAttemptAt: Date;
  readonly leaseOwner: string | null;
  readonly leaseUntil: Date | null;
  readonly lastError: string | null;
  readonly rmsMessage: string | null;
  /** juchu's own word on the outcome (domain/sync-messages.ts), e.g. ORDER_NOT_IN_RMS; null when RMS's message says it. */
  readonly outcomeCode: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface ClaimedOperation extends OutboxEntry {
  /**
   * An earlier attempt may or may not have reached RMS (it was marked unknown, or its
   * worker's lease ran out mid-call): re-read the order in RMS before sending it again.
   */
  readonly outcomeUnknown: boolean;
}

export interface ClaimOptions {
  /** Business time: when retries fall due. */
  readonly now: Date;
  /**
   * Real time, for the lease: a lease asks whether its holder is still alive, and that must
   * not wait on a business clock that is frozen or moved (the sandbox's, a test's). Default `now`.
   */
  readonly leaseNow?: Date;
  /** How many operations to take at once (e.g. a confirmOrder batch); default 1. */
  readonly limit?: number;
}

export interface FailureReport {
  readonly now: Date;
  readonly error: string;
  readonly rmsMessage?: string | null;
  readonly outcomeCode?: string | null;
}

/** Operation states in which later operations of the same order must wait. */
const OPEN_STATES: OutboxState[] = ['pending', 'in_flight', 'unknown'];

/** Keys per `IN (…)`: SQLite and PostgreSQL cap the bound parameters of one statement. */
const KEYS_PER_QUERY = 500;

/**
 * The transactional outbox: operations bound for RMS, written in the same transaction as the
 * local change that calls for them, and handed to workers under a lease. An order's
 * operations reach RMS one at a time in the order they were enqueued.
 */
export class OutboxRepository {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly engine: Engine,
  ) {}

  /**
   * Appends operations for one order. Call it in the transaction that saved the order: that
   * save holds the order's row, so two writers can never number operations for it at once.
   */
  async enqueue(order: OrderRef, operations: readonly RmsOperation[], now: Date): Promise<OutboxEntry[]> {
    if (operations.length === 0) return [];
    const last = await this.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('order_number', '=', order.orderNumber)
      .executeTakeFirst();
    const firstSeq = Number(last?.seq ?? 0) + 1;
    const at = now.toISOString();
    const rows = await this.db
      .insertInto('outbox')
      .values(
        operations.map((operation, i) => ({
          shop_code: order.shopCode,
          order_number: order.orderNumber,
          seq: firstSeq + i,
          kind: operation.kind,
          payload: JSON.stringify(operation),
          state: 'pending' as const,
          attempts: 0,
          next_attempt_at: at,
          created_at: at,
          updated_at: at,
        })),
      )
      .returningAll()
      .execute();
    return rows.map(toEntry);
  }

  /**
   * Leases up to `limit` due operations of one shop to `workerId` for `leaseMs`. Two workers
   * never hold the same operation, and an operation is not handed out while an earlier one
   * of its order is still pending, in flight or unknown.
   */
  async claim(shopCode: string, leaseMs: number, workerId: string, options: ClaimOptions): Promise<ClaimedOperation[]> {
    const run = async (tx: Kysely<Tables>): Promise<ClaimedOperation[]> => {
      const now = options.now.toISOString();
      const leaseNow = options.leaseNow ?? options.now;
      const due = await tx
        .selectFrom('outbox as o')
        .select(['o.id', 'o.state'])
        .where('o.shop_code', '=', shopCode)
        .where((eb) =>
          eb.or([
            eb.and([eb('o.state', 'in', ['pending', 'unknown']), eb('o.next_attempt_at', '<=', now)]),
            eb.and([eb('o.state', '=', 'in_flight'), eb('o.lease_until', '<', leaseNow.toISOString())]),
          ]),
        )
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('outbox as earlier')
                .select(sql.lit(1).as('one'))
                .whereRef('earlier.order_number', '=', 'o.order_number')
                .whereRef('earlier.seq', '<', 'o.seq')
                .where('earlier.state', 'in', OPEN_STATES),
            ),
          ),
        )
        .orderBy('o.id')
        .limit(options.limit ?? 1)
        // PostgreSQL: concurrent claimers pass over rows another claimer is taking. SQLite
        // needs nothing: the transaction began IMMEDIATE, so claimers run one at a time.
        .$if(this.engine === 'postgres', (qb) => qb.forUpdate().skipLocked())
        .execute();
      if (due.length === 0) return [];
      const rows = await lease(tx, due.map((d) => Number(d.id)), { leaseMs, workerId, options });
      const unknownBefore = new Set(due.filter((d) => d.state !== 'pending').map((d) => Number(d.id)));
      return rows
        .map((r) => ({ ...toEntry(r), outcomeUnknown: unknownBefore.has(Number(r.id)) }))
        .sort((a, b) => a.id - b.id);
    };
    return this.db.isTransaction ? run(this.db) : this.db.transaction().execute(run);
  }

  /**
   * Extends the leases `workerId` holds on the shop's operations in flight to `until` (wall
   * time), while it still holds the shop: a long delivery round keeps its operations however
   * short the lease.
   */
  async renewLeases(shopCode: string, workerId: string, until: Date): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set({ lease_until: until.toISOString() })
      .where('shop_code', '=', shopCode)
      .where('state', '=', 'in_flight')
      .where('lease_owner', '=', workerId)
      .execute();
  }

  /**
   * The earliest moment after `wallNow` a lease other workers hold on these shops' operations
   * runs out; null when none will.
   */
  async nextForeignLeaseEnd(shopCodes: readonly string[], workerId: string, wallNow: Date): Promise<Date | null> {
    if (shopCodes.length === 0) return null;
    const row = await this.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.min('lease_until').as('until'))
      .where('shop_code', 'in', [...shopCodes])
      .where('state', '=', 'in_flight')
      .where('lease_owner', '!=', workerId)
      .where('lease_until', '>', wallNow.toISOString())
      .executeTakeFirst();
    return row?.until ? new Date(row.until) : null;
  }

  /** The earliest moment after `now` (business time) an operation of these shops whose outcome is unknown falls due; null when none will. */
  async nextVerificationAfter(shopCodes: readonly string[], now: Date): Promise<Date | null> {
    if (shopCodes.length === 0) return null;
    const row = await this.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.min('next_attempt_at').as('due'))
      .where('shop_code', 'in', [...shopCodes])
      .where('state', '=', 'unknown')
      .where('next_attempt_at', '>', now.toISOString())
      .executeTakeFirst();
    return row?.due ? new Date(row.due) : null;
  }

  /**
   * The order's shipping reports queued right behind one this worker holds (`afterSeq`), up to
   * the first operation of another kind or state, leased to the same worker, so that an
   * order's parcels reach RMS in one request. Nobody else can be holding them: the outbox
   * hands out nothing behind an operation in flight.
   */
  async claimFollowingShippingReports(orderNumber: string, afterSeq: number, leaseMs: number, workerId: string, options: ClaimOptions): Promise<ClaimedOperation[]> {
    const run = async (tx: Kysely<Tables>): Promise<ClaimedOperation[]> => {
      const later = await tx
        .selectFrom('outbox')
        .select(['id', 'kind', 'state', 'next_attempt_at'])
        .where('order_number', '=', orderNumber)
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .execute();
      const now = options.now.toISOString();
      const ids: number[] = [];
      for (const op of later) {
        if (op.kind !== 'syncShippingReport' || op.state !== 'pending' || op.next_attempt_at > now) break;
        ids.push(Number(op.id));
      }
      if (ids.length === 0) return [];
      const rows = await lease(tx, ids, { leaseMs, workerId, options, onlyPending: true });
      return rows.map((r) => ({ ...toEntry(r), outcomeUnknown: false })).sort((a, b) => a.seq - b.seq);
    };
    return this.db.isTransaction ? run(this.db) : this.db.transaction().execute(run);
  }

  /** RMS applied the operation. False when `workerId` no longer holds the lease. */
  async markSucceeded(id: number, workerId: string, report: { now: Date; rmsMessage?: string | null; outcomeCode?: string | null }): Promise<boolean> {
    return this.finish(id, workerId, report.now, { state: 'succeeded', rms_message: report.rmsMessage ?? null, outcome_code: report.outcomeCode ?? null });
  }

  /**
   * RMS refused the operation, or it certainly did not reach RMS. With `retryAt` it is
   * tried again from then; without, it stays failed for staff to see.
   */
  async markFailed(id: number, workerId: string, report: FailureReport & { retryAt: Date | null }): Promise<boolean> {
    return this.finish(id, workerId, report.now, {
      state: report.retryAt ? 'pending' : 'failed',
      next_attempt_at: (report.retryAt ?? report.now).toISOString(),
      last_error: report.error,
      rms_message: report.rmsMessage ?? null,
      outcome_code: report.outcomeCode ?? null,
    });
  }

  /** The call may or may not have taken effect (e.g. a timeout): the next attempt re-reads RMS first. */
  async markUnknown(id: number, workerId: string, report: FailureReport & { retryAt: Date }): Promise<boolean> {
    return this.finish(id, workerId, report.now, {
      state: 'unknown',
      next_attempt_at: report.retryAt.toISOString(),
      last_error: report.error,
      rms_message: report.rmsMessage ?? null,
      outcome_code: report.outcomeCode ?? null,
    });
  }

  /**
   * Staff ask for an operation RMS refused to be sent again (they fixed the cause): it is due
   * at once, as if new. False when it is not (or no longer) failed.
   */
  async requeueFailed(id: number, now: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('outbox')
      .set({ state: 'pending', next_attempt_at: now.toISOString(), updated_at: now.toISOString() })
      .where('id', '=', id)
      .where('state', '=', 'failed')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** An order's operations not yet succeeded (pending, in flight, unknown or failed), oldest first. */
  async listOpenForOrder(orderNumber: string): Promise<OutboxEntry[]> {
    return this.listForOrder(orderNumber, ['pending', 'in_flight', 'unknown', 'failed']);
  }

  /** Operations RMS refused for good, latest first: the dashboard's "failed operations". */
  async listFailed(opts: { shopCodes?: readonly string[]; limit: number }): Promise<OutboxEntry[]> {
    let query = this.db.selectFrom('outbox').selectAll().where('state', '=', 'failed');
    if (opts.shopCodes) query = query.where('shop_code', 'in', opts.shopCodes.length > 0 ? [...opts.shopCodes] : ['']);
    return (await query.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(opts.limit).execute()).map(toEntry);
  }

  async listForOrder(orderNumber: string, states?: readonly OutboxState[]): Promise<OutboxEntry[]> {
    return (await this.listForOrders([orderNumber], states)).get(orderNumber) ?? [];
  }

  /** Each order's operations in sequence, for many orders in one query per 500; orders without any are left out. */
  async listForOrders(orderNumbers: readonly string[], states?: readonly OutboxState[]): Promise<Map<string, OutboxEntry[]>> {
    const byOrder = new Map<string, OutboxEntry[]>();
    for (let i = 0; i < orderNumbers.length; i += KEYS_PER_QUERY) {
      let query = this.db.selectFrom('outbox').selectAll().where('order_number', 'in', orderNumbers.slice(i, i + KEYS_PER_QUERY));
      if (states) query = query.where('state', 'in', [...states]);
      for (const row of await query.orderBy('order_number').orderBy('seq').execute()) {
        const entry = toEntry(row);
        const entries = byOrder.get(entry.orderNumber);
        if (entries) entries.push(entry);
        else byOrder.set(entry.orderNumber, [entry]);
      }
    }
    return byOrder;
  }

  private async finish(
    id: number,
    workerId: string,
    now: Date,
    changes: { state: OutboxState; next_attempt_at?: string; last_error?: string; rms_message: string | null; outcome_code: string | null },
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('outbox')
      .set({ ...changes, lease_owner: null, lease_until: null, updated_at: now.toISOString() })
      .where('id', '=', id)
      .where('state', '=', 'in_flight')
      .where('lease_owner', '=', workerId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}

function toEntry(row: Selectable<OutboxTable>): OutboxEntry {
  return {
    id: Number(row.id),
    shopCode: row.shop_code,
    orderNumber: row.order_number,
    seq: Number(row.seq),
    operation: JSON.parse(row.payload) as RmsOperation,
    state: row.state,
    attempts: Number(row.attempts),
    nextAttemptAt: new Date(row.next_attempt_at),
    leaseOwner: row.lease_owner,
    leaseUntil: row.lease_until === null ? null : new Date(row.lease_until),
    lastError: row.last_error,
    rmsMessage: row.rms_message,
    outcomeCode: row.outcome_code,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/** Hands the rows to `workerId` for `leaseMs` (on the lease clock) and counts the attempt. */
function lease(
  tx: Kysely<Tables>,
  ids: readonly number[],
  how: { readonly leaseMs: number; readonly workerId: string; readonly options: ClaimOptions; readonly onlyPending?: boolean },
) {
  const leaseNow = how.options.leaseNow ?? how.options.now;
  return tx
    .updateTable('outbox')
    .set((eb) => ({
      state: 'in_flight',
      lease_owner: how.workerId,
      lease_until: new Date(leaseNow.getTime() + how.leaseMs).toISOString(),
      attempts: eb('attempts', '+', 1),
      updated_at: how.options.now.toISOString(),
    }))
    .where('id', 'in', ids)
    .$if(how.onlyPending === true, (qb) => qb.where('state', '=', 'pending'))
    .returningAll()
    .execute();
}
