import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../rms/retry.ts';

/** Pause between a worker's cycles when none is configured. */
export const DEFAULT_WORKER_INTERVAL_MS = 30_000;

/** Every knob of the sync worker, with the defaults documented in docs/SYNC.md. */
export interface SyncOptions {
  readonly retry: RetryPolicy;
  /** Per RMS request. */
  readonly timeoutMs: number;
  /** Each import re-scans this much before its cursor, so orders RMS indexes late are not missed. */
  readonly importOverlapMs: number;
  /** How far back the first import of a shop looks when it has no cursor. */
  readonly initialLookbackDays: number;
  /** キャンセル注文状況取得 searches [800, 900] over this many days of orders. */
  readonly cancellationLookbackDays: number;
  /**
   * Orders in 楽天処理中, 新規受付, 保留 and 出荷済み are re-read in turns, at most this many a run,
   * so a large shipping backlog does not spend the shop's whole RMS rate on re-reads.
   */
  readonly refreshOrdersPerRun: number;
  /**
   * How long a worker holds a shop without renewing it; renewed every third of it while the run
   * lasts, so a crashed worker's shops are free again at most this long after its death. An
   * outbox operation's lease is this plus `timeoutMs` (see `outboxLeaseMs`).
   */
  readonly leaseMs: number;
  /** A write whose outcome is unknown is verified and re-sent at most this many times in one run. */
  readonly maxWriteAttempts: number;
  /**
   * When an operation could not reach RMS (429/503/outage) or its outcome is still unknown, the
   * next try waits this long after its first attempt, twice as long after its second, and so on
   * up to `transientRetryMaxDelayMs`.
   */
  readonly transientRetryDelayMs: number;
  readonly transientRetryMaxDelayMs: number;
  /**
   * A run stops starting outbox rounds after this long; what is left waits for the next run,
   * whose import comes first, so a backlog (e.g. a ship-by date for every order) never holds
   * back new orders for long.
   */
  readonly outboxBudgetMs: number;
  /** From this many shipping reports (or 出荷予定日 pushes) in one round, send them with updateOrderShippingAsync. */
  readonly asyncShippingThreshold: number;
  /** How often to ask for async shipping results before leaving them to the next run. */
  readonly asyncResultPolls: number;
  readonly asyncResultPollDelayMs: number;
  /**
   * An async request's result is asked for again at every run; while RMS has none, a report
   * the order does not show yet is re-sent only once this much time has passed since the
   * request (RMS may still be working on it).
   */
  readonly asyncResultGraceMs: number;
  /** Run records older than this are deleted, so a worker running for years keeps a bounded history. */
  readonly runRetentionDays: number;
  /**
   * New orders are looked for (one searchOrder from the last import on) this often: between
   * the worker's cycles, and between the chunks of a cycle's bulk work (refresh turns, outbox
   * rounds), so a new order never waits behind them. 0 looks only at each cycle's start.
   */
  readonly newOrderCheckIntervalMs: number;
}

export const DEFAULT_SYNC_OPTIONS: SyncOptions = {
  retry: DEFAULT_RETRY_POLICY,
  timeoutMs: 30_000,
  importOverlapMs: 60 * 60 * 1000,
  initialLookbackDays: 30,
  cancellationLookbackDays: 60,
  refreshOrdersPerRun: 1_000,
  leaseMs: 30_000,
  maxWriteAttempts: 3,
  transientRetryDelayMs: 5_000,
  transientRetryMaxDelayMs: 60_000,
  outboxBudgetMs: 120_000,
  asyncShippingThreshold: 20,
  asyncResultPolls: 5,
  asyncResultPollDelayMs: 2_000,
  asyncResultGraceMs: 60 * 60 * 1000,
  runRetentionDays: 30,
  newOrderCheckIntervalMs: 10_000,
};

export function syncOptions(overrides: Partial<SyncOptions> = {}): SyncOptions {
  return { ...DEFAULT_SYNC_OPTIONS, ...overrides, retry: { ...DEFAULT_SYNC_OPTIONS.retry, ...overrides.retry } };
}

/**
 * An outbox operation stays leased to its worker this long after the last renewal: the shop
 * lease, plus the longest an RMS request sent just before that lease ran out may still take.
 * Only then may another worker re-read the order and, if RMS does not show it, send it again.
 */
export function outboxLeaseMs(options: SyncOptions): number {
  return options.leaseMs + options.timeoutMs;
}

/** The wait before an operation's next try, after `attempts` tries: exponential from the base, capped. */
export function retryDelayMs(options: SyncOptions, attempts: number): number {
  const doublings = Math.min(Math.max(attempts - 1, 0), 30);
  return Math.min(options.transientRetryMaxDelayMs, options.transientRetryDelayMs * 2 ** doublings);
}
