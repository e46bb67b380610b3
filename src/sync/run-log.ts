import type { RmsOperationKind } from '../domain/operations.ts';
import { syncMessageText, type SyncMessageCode, type SyncMessageParams } from '../domain/sync-messages.ts';
import type { SyncMessageLevel, SyncRunCounts, SyncRunMessage } from '../store/sync-runs.ts';

/** How one shop's part of a run went. */
export type ShopRunOutcome = 'ok' | 'failed' | 'skipped';

export interface ShopRunSummary extends SyncRunCounts {
  readonly shopCode: string;
  readonly outcome: ShopRunOutcome;
  /** Why the shop's part stopped early (e.g. RMS refused the license key); null when it ran through. */
  readonly error: string | null;
  readonly cancelledOrderNumbers: readonly string[];
}

/**
 * Tallies what one shop's part of a run did and keeps a message per order staff should look
 * at: updated from RMS, cancelled, pushed, failed, quarantined. New orders are only counted
 * and summed up in one message — an import of 100,000 orders must not hold (and store)
 * 100,000 messages saying the same thing. Counting happens where the work happens, so the
 * numbers and the messages cannot disagree. A message is a code with parameters
 * (domain/sync-messages.ts); its Japanese sentence is kept beside them for `juchu sync --json`.
 */
export class ShopRunLog {
  private readonly tally = { imported: 0, updated: 0, pushed: 0, failed: 0, cancelled: 0, quarantined: 0, rmsCalls: 0 };
  private readonly cancelledNumbers: string[] = [];
  private readonly notes: SyncRunMessage[] = [];
  private stopReason: string | null = null;
  private skipReason: string | null = null;

  constructor(readonly shopCode: string) {}

  imported(): void {
    this.tally.imported++;
  }

  updated(orderNumber: string, what: string): void {
    this.tally.updated++;
    this.note('info', orderNumber, 'UPDATED', { what }, null);
  }

  /** `cause`: `rms` (seen in RMS) or `confirmation` (RMS's answer to 注文確認). */
  cancelled(orderNumber: string, cause: 'rms' | 'confirmation'): void {
    if (this.cancelledNumbers.includes(orderNumber)) return;
    this.tally.cancelled++;
    this.cancelledNumbers.push(orderNumber);
    this.note('warning', orderNumber, 'CANCELLED', { cause }, null);
  }

  pushed(orderNumber: string, operation: RmsOperationKind, rmsMessage: string | null): void {
    this.tally.pushed++;
    this.note('info', orderNumber, 'PUSHED', { operation }, rmsMessage);
  }

  /**
   * Something failed. `params` null with `sentence`: a message of its own (a domain refusal
   * that says precisely what to fix), kept as written.
   */
  failed(orderNumber: string | null, code: SyncMessageCode, params: SyncMessageParams | null, detail: string | null, sentence?: string): void {
    this.tally.failed++;
    this.note('error', orderNumber, code, params, detail, sentence);
  }

  quarantined(orderNumber: string | null, detail: string): void {
    this.tally.quarantined++;
    this.tally.failed++;
    this.note('error', orderNumber, 'QUARANTINED', {}, detail);
  }

  info(orderNumber: string | null, code: SyncMessageCode, params: SyncMessageParams = {}, detail: string | null = null): void {
    this.note('info', orderNumber, code, params, detail);
  }

  rmsCall(): void {
    this.tally.rmsCalls++;
  }

  /** RMS calls so far in this shop's part of the run. */
  get rmsCalls(): number {
    return this.tally.rmsCalls;
  }

  /** The shop's part ended early; what was done before stays done. */
  stop(reason: string): void {
    this.stopReason = reason;
  }

  skip(reason: string): void {
    this.skipReason = reason;
  }

  summary(): ShopRunSummary {
    const outcome: ShopRunOutcome = this.skipReason ? 'skipped' : this.stopReason || this.tally.failed > 0 ? 'failed' : 'ok';
    return {
      shopCode: this.shopCode,
      outcome,
      error: this.stopReason ?? this.skipReason,
      ...this.tally,
      cancelledOrderNumbers: [...this.cancelledNumbers],
    };
  }

  /** The run's messages: how many new orders came in, then one per order to look at. */
  get messages(): readonly SyncRunMessage[] {
    if (this.tally.imported === 0) return this.notes;
    return [message(this.shopCode, 'info', null, 'IMPORTED', { count: this.tally.imported }, null), ...this.notes];
  }

  private note(level: SyncMessageLevel, orderNumber: string | null, code: SyncMessageCode, params: SyncMessageParams | null, detail: string | null, sentence?: string): void {
    this.notes.push(message(this.shopCode, level, orderNumber, code, params, detail, sentence));
  }
}

function message(
  shopCode: string,
  level: SyncMessageLevel,
  orderNumber: string | null,
  code: SyncMessageCode,
  params: SyncMessageParams | null,
  detail: string | null,
  sentence?: string,
): SyncRunMessage {
  return { shopCode, orderNumber, level, code, params, message: sentence ?? syncMessageText(code, params ?? {}, 'ja') ?? code, detail };
}
