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
 * numbers and the messages cannot disagree.
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
    this.note('info', orderNumber, 'UPDATED', `RMSでの変更を反映しました: ${what}`, null);
  }

  cancelled(orderNumber: string, how: string): void {
    if (this.cancelledNumbers.includes(orderNumber)) return;
    this.tally.cancelled++;
    this.cancelledNumbers.push(orderNumber);
    this.note('warning', orderNumber, 'CANCELLED', `キャンセルになりました（${how}）。`, null);
  }

  pushed(orderNumber: string, operationLabel: string, rmsMessage: string | null): void {
    this.tally.pushed++;
    this.note('info', orderNumber, 'PUSHED', `${operationLabel}をRMSに連携しました。`, rmsMessage);
  }

  failed(orderNumber: string | null, code: string, message: string, detail: string | null): void {
    this.tally.failed++;
    this.note('error', orderNumber, code, message, detail);
  }

  quarantined(orderNumber: string | null, detail: string): void {
    this.tally.quarantined++;
    this.tally.failed++;
    this.note('error', orderNumber, 'QUARANTINED', 'RMSの受注データを読み取れなかったため取り込みを保留しました。', detail);
  }

  info(orderNumber: string | null, code: string, message: string, detail: string | null = null): void {
    this.note('info', orderNumber, code, message, detail);
  }

  rmsCall(): void {
    this.tally.rmsCalls++;
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
    const imported = this.tally.imported.toLocaleString('ja-JP');
    return [{ shopCode: this.shopCode, orderNumber: null, level: 'info', code: 'IMPORTED', message: `RMSから新しい注文を${imported}件取り込みました。`, detail: null }, ...this.notes];
  }

  private note(level: SyncMessageLevel, orderNumber: string | null, code: string, message: string, detail: string | null): void {
    this.notes.push({ shopCode: this.shopCode, orderNumber, level, code, message, detail });
  }
}
