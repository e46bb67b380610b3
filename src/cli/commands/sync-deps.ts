import { setFlagsFromString } from 'node:v8';
import type { App } from '../../composition/compose.ts';
import { loadConfig, requireSecret } from '../../config.ts';
import type { SyncDeps, SyncRunSummary } from '../../sync/index.ts';

/**
 * What `juchu sync`, `juchu import` and `juchu worker` share: the configured app and the sync
 * worker's dependencies. Logs go to stderr, so stdout carries only the command's own output
 * (one JSON object with --json).
 */
export async function openSync(): Promise<{ app: App; deps: SyncDeps }> {
  boundHeapGrowth();
  const config = loadConfig();
  // Asked up front: a sync without JUCHU_SECRET cannot open any shop's credentials.
  requireSecret(config);
  const [{ openApp }, { createLogger }, { default: pino }] = await Promise.all([import('../../composition/compose.ts'), import('../../logger.ts'), import('pino')]);
  const app = await openApp(config);
  const logger = createLogger(config.logLevel, pino.destination(2));
  return { app, deps: app.syncDeps(logger) };
}

/**
 * How far V8 lets the old generation grow past what the last full collection kept, in percent.
 * V8 picks the factor from the allocation rate it has seen, and right after start-up (module
 * loading) that is its maximum, 4×: `juchu import` carried ≈ 100 MiB of garbage around its
 * ≈ 30 MiB live heap into its first full collection, the run's RSS peak, and settled at
 * ≈ 1.5× only after it. Nothing is retained from order to order; a fixed 1.5× from the start
 * keeps the heap where it settles anyway, for a full collection (≈ 20 ms) every few seconds.
 */
const HEAP_GROWING_PERCENT = 50;

/** Sync processes run for long and under an RSS budget: see HEAP_GROWING_PERCENT. */
function boundHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

/** Prints a run as one JSON object or as a few lines for people; exit 0 only when nothing failed. */
export function reportRun(summary: SyncRunSummary, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } else {
    const c = summary;
    process.stdout.write(
      `run ${c.runId} ${c.outcome}: imported ${c.imported}, updated ${c.updated}, pushed ${c.pushed}, failed ${c.failed}, cancelled ${c.cancelled}, quarantined ${c.quarantined} (${c.rmsCalls} RMS calls)\n`,
    );
    for (const shop of c.shops) {
      process.stdout.write(`  ${shop.shopCode}: ${shop.outcome}${shop.error ? ` — ${shop.error}` : ''}\n`);
    }
    if (c.cancelledOrderNumbers.length > 0) process.stdout.write(`  cancelled: ${c.cancelledOrderNumbers.join(' ')}\n`);
    for (const m of c.messages.filter((m) => m.level !== 'info')) {
      process.stdout.write(`  [${m.level}] ${m.shopCode} ${m.orderNumber ?? '-'} ${m.code}: ${m.message}${m.detail ? ` (${m.detail})` : ''}\n`);
    }
  }
  process.exitCode = summary.outcome === 'succeeded' ? 0 : 1;
}
