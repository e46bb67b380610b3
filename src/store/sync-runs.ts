import type { Kysely } from 'kysely';
import type { SyncMessageParams } from '../domain/sync-messages.ts';
import type { Tables } from './tables.ts';
import './sync-tables.ts';

/** Every sync run leaves a record: what it did, in counts, and a message per order it touched. */
export type SyncMessageLevel = 'info' | 'warning' | 'error';

export interface SyncRunMessage {
  readonly shopCode: string;
  readonly orderNumber: string | null;
  readonly level: SyncMessageLevel;
  readonly code: string;
  /** The sentence's parameters: with the code, it is shown in the reader's language (domain/sync-messages.ts); null on rows from before. */
  readonly params: SyncMessageParams | null;
  /** The sentence in Japanese, as it was when written; shown when `params` is null. */
  readonly message: string;
  /** English or RMS's own words, for operators. */
  readonly detail: string | null;
}

export interface SyncRunCounts {
  readonly imported: number;
  readonly updated: number;
  readonly pushed: number;
  readonly failed: number;
  readonly cancelled: number;
  readonly quarantined: number;
  readonly rmsCalls: number;
}

export type SyncRunOutcome = 'running' | 'succeeded' | 'failed';

export interface SyncRunRecord extends SyncRunCounts {
  readonly id: number;
  readonly trigger: string;
  readonly shopFilter: string | null;
  readonly workerId: string;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
  readonly outcome: SyncRunOutcome;
  readonly details: unknown;
  readonly messages: readonly SyncRunMessage[];
}

export interface SyncRunStart {
  readonly trigger: string;
  readonly shopFilter: string | null;
  readonly workerId: string;
  readonly startedAt: Date;
}

export interface SyncRunFinish {
  readonly finishedAt: Date;
  readonly outcome: Exclude<SyncRunOutcome, 'running'>;
  readonly counts: SyncRunCounts;
  readonly details: unknown;
  readonly messages: readonly SyncRunMessage[];
}

const NO_COUNTS: SyncRunCounts = { imported: 0, updated: 0, pushed: 0, failed: 0, cancelled: 0, quarantined: 0, rmsCalls: 0 };

export class SyncRunRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  async start(run: SyncRunStart): Promise<number> {
    const row = await this.db
      .insertInto('sync_runs')
      .values({
        trigger: run.trigger,
        shop_filter: run.shopFilter,
        worker_id: run.workerId,
        started_at: run.startedAt.toISOString(),
        finished_at: null,
        outcome: 'running',
        ...countColumns(NO_COUNTS),
        details: '{}',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async finish(id: number, finish: SyncRunFinish): Promise<void> {
    await this.db
      .updateTable('sync_runs')
      .set({
        finished_at: finish.finishedAt.toISOString(),
        outcome: finish.outcome,
        ...countColumns(finish.counts),
        details: JSON.stringify(finish.details),
      })
      .where('id', '=', id)
      .execute();
    if (finish.messages.length === 0) return;
    // Chunked so that a run with thousands of messages stays under bind-parameter limits.
    for (let i = 0; i < finish.messages.length; i += 500) {
      await this.db
        .insertInto('sync_run_messages')
        .values(
          finish.messages.slice(i, i + 500).map((m) => ({
            run_id: id,
            shop_code: m.shopCode,
            order_number: m.orderNumber,
            level: m.level,
            code: m.code,
            message: m.message,
            detail: m.detail,
            params: m.params === null ? null : JSON.stringify(m.params),
          })),
        )
        .execute();
    }
  }

  /** Forgets runs that started before `before`, with their messages. */
  async deleteStartedBefore(before: Date): Promise<void> {
    const old = this.db.selectFrom('sync_runs').select('id').where('started_at', '<', before.toISOString());
    await this.db.deleteFrom('sync_run_messages').where('run_id', 'in', old).execute();
    await this.db.deleteFrom('sync_runs').where('started_at', '<', before.toISOString()).execute();
  }

  /** Newest first; `beforeId` pages further back. */
  async list(opts: { limit?: number; beforeId?: number; shopCode?: string } = {}): Promise<SyncRunRecord[]> {
    let query = this.db
      .selectFrom('sync_runs')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(Math.min(opts.limit ?? 20, 200));
    if (opts.beforeId !== undefined) query = query.where('id', '<', opts.beforeId);
    if (opts.shopCode !== undefined) {
      const shop = opts.shopCode;
      query = query.where((eb) => eb.or([eb('shop_filter', '=', shop), eb('shop_filter', 'is', null)]));
    }
    const runs = await query.execute();
    if (runs.length === 0) return [];
    const messages = await this.db
      .selectFrom('sync_run_messages')
      .selectAll()
      .where(
        'run_id',
        'in',
        runs.map((r) => r.id),
      )
      .orderBy('id')
      .execute();
    return runs.map((r) => ({
      id: r.id,
      trigger: r.trigger,
      shopFilter: r.shop_filter,
      workerId: r.worker_id,
      startedAt: new Date(r.started_at),
      finishedAt: r.finished_at ? new Date(r.finished_at) : null,
      outcome: r.outcome as SyncRunOutcome,
      imported: r.imported,
      updated: r.updated,
      pushed: r.pushed,
      failed: r.failed,
      cancelled: r.cancelled,
      quarantined: r.quarantined,
      rmsCalls: r.rms_calls,
      details: JSON.parse(r.details) as unknown,
      messages: messages
        .filter((m) => m.run_id === r.id)
        .map((m) => ({
          shopCode: m.shop_code,
          orderNumber: m.order_number,
          level: m.level as SyncMessageLevel,
          code: m.code,
          params: m.params === null ? null : (JSON.parse(m.params) as SyncMessageParams),
          message: m.message,
          detail: m.detail,
        })),
    }));
  }
}

function countColumns(c: SyncRunCounts) {
  return {
    imported: c.imported,
    updated: c.updated,
    pushed: c.pushed,
    failed: c.failed,
    cancelled: c.cancelled,
    quarantined: c.quarantined,
    rms_calls: c.rmsCalls,
  };
}
