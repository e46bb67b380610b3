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
 * Tallies what one shop's part of a run did and keeps a message per order touched. Counting
 * happens where the work happens, so the numbers and the messages cannot disagree.
 */
export class ShopRunLog {
  private readonly tally = { imported: 0, updated: 0, pushed: 0, failed: 0, cancelled: 0, quarantined: 0, rmsCalls: 0 };
  private readonly cancelledNumbers: string[] = [];
  readonly messages: SyncRunMessage[] = [];
  private stopReason: string | null = null;
  private skipReason: string | null = null;

  constructor(readonly shopCode: string) {}

  imported(orderNumber: string): void {
    this.tally.imported++;
    this.note('info', orderNumber, 'IMPORTED', 'RMSから新しい注文を取り込みました。', null);
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

  private note(level: SyncMessageLevel, orderNumber: string | null, code: string, message: string, detail: string | null): void {
    this.messages.push({ shopCode: this.shopCode, orderNumber, level, code, message, detail });
  }
}
