import type { App } from '../../app/app.ts';
import { loadConfig, requireSecret } from '../../config.ts';
import { createSecretBox } from '../../ports/secret-box.ts';
import type { SyncDeps, SyncRunSummary } from '../../sync/index.ts';

/**
 * What `juchu sync`, `juchu import` and `juchu worker` share: the configured app and the sync
 * worker's dependencies. Logs go to stderr, so stdout carries only the command's own output
 * (one JSON object with --json).
 */
export async function openSync(): Promise<{ app: App; deps: SyncDeps }> {
  const config = loadConfig();
  const box = createSecretBox(requireSecret(config));
  const [{ openApp }, { createLogger }, { default: pino }] = await Promise.all([import('../../app/app.ts'), import('../../logger.ts'), import('pino')]);
  const app = await openApp(config);
  const logger = createLogger(config.logLevel, pino.destination(2));
  return { app, deps: { db: app.db, clock: app.clock, logger, secrets: () => box } };
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
