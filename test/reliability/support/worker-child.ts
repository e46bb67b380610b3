/**
 * The sync worker as its own process, for the crash test: the sync engineer's startWorker
 * (what `juchu worker` runs) with a short lease, so that a worker started after a SIGKILL
 * takes the shop over within seconds instead of the production five minutes.
 *
 *   worker-child.ts loop    runs cycles until killed; prints "ready" and one line per cycle
 *   worker-child.ts drain   runs cycles until one finds nothing to do, then exits 0
 *
 * Environment: JUCHU_DATABASE_URL, JUCHU_SECRET, JUCHU_CLOCK_URL (the sandbox clock), and
 * JUCHU_CRASH_LEASE_MS.
 */
import { writeSync } from 'node:fs';
import { loadConfig, requireSecret } from '../../../src/config.ts';
import { createLogger } from '../../../src/logger.ts';
import { RemoteClock } from '../../../src/ports/clock.ts';
import { createSecretBox } from '../../../src/ports/secret-box.ts';
import { migrate, openDatabase } from '../../../src/store/database.ts';
import { runSyncCycle, startWorker } from '../../../src/sync/index.ts';
import type { SyncDeps, SyncRunSummary } from '../../../src/sync/index.ts';
import pino from 'pino';
import { undelivered } from './exactly-once.ts';

const mode = process.argv[2];
const config = loadConfig();
if (!config.clockUrl) throw new Error('JUCHU_CLOCK_URL must name the sandbox clock');
const clock = await RemoteClock.connect(config.clockUrl);
const db = await openDatabase(config.databaseUrl, { maxConnections: 4 });
await migrate(db);
const box = createSecretBox(requireSecret(config));
const leaseMs = Number(process.env.JUCHU_CRASH_LEASE_MS ?? 2000);
const deps: SyncDeps = {
  db,
  clock,
  logger: createLogger('error', pino.destination(2)),
  secrets: () => box,
  // A short client timeout keeps the outbox leases (lease + timeout) short too.
  options: { leaseMs, timeoutMs: 3_000, transientRetryDelayMs: 500, transientRetryMaxDelayMs: 500, retry: { maxAttempts: 4, baseDelayMs: 50, maxDelayMs: 500, maintenanceBaseDelayMs: 200 } },
};

const say = (line: string) => writeSync(1, `${line}\n`);
const describe = (s: SyncRunSummary) => `cycle ${s.outcome} imported=${s.imported} updated=${s.updated} pushed=${s.pushed} failed=${s.failed} calls=${s.rmsCalls}`;

if (mode === 'loop') {
  say('ready');
  startWorker(deps, {
    intervalMs: 100,
    onCycle: (summary) => {
      say(describe(summary));
      void clock.refresh();
    },
  });
} else if (mode === 'drain') {
  for (let cycle = 1; ; cycle++) {
    await clock.refresh();
    const summary = await runSyncCycle(deps);
    say(describe(summary));
    const skipped = summary.shops.some((s) => s.outcome === 'skipped');
    const quiet = summary.imported === 0 && summary.pushed === 0 && summary.updated === 0;
    if (!skipped && quiet && (await undelivered(db)).length === 0) break;
    if (cycle >= 200) throw new Error('the worker did not settle in 200 cycles');
    // A lease left by a killed worker runs out on its own: its shop's, or (quiet, yet something
    // undelivered) its operations' in flight, which last the lease plus the client timeout.
    if (skipped) await new Promise((resolve) => setTimeout(resolve, leaseMs));
    else if (quiet) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await db.close();
  process.exit(0);
} else {
  throw new Error('usage: worker-child.ts loop|drain');
}
