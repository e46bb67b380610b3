/** The sync worker's public face: what the CLI, the server and the demo call. */
export { resolveDeps, SYNC_ACTOR } from './context.ts';
export type { SyncDeps } from './context.ts';
export { DEFAULT_SYNC_OPTIONS, outboxLeaseMs, syncOptions } from './options.ts';
export type { SyncOptions } from './options.ts';
export { listSyncRuns, runSyncCycle } from './cycle.ts';
export type { RunScope, SyncRunRequest, SyncRunSummary } from './cycle.ts';
export { runScopeFor, runScopeTarget, runSeenBy, syncRunsSeenBy } from './caller-runs.ts';
export type { ShopRunSummary } from './run-log.ts';
export { runImport } from './backfill.ts';
export { startWorker } from './worker.ts';
export type { RunningWorker, WorkerOptions } from './worker.ts';
