/**
 * One sync worker process for the scale-out test: what `juchu worker` runs (startWorker over the
 * configured database, JUCHU_SECRET, JUCHU_CLOCK_URL), with a lease short enough for a test
 * (SCALE_OUT_LEASE_MS) and a known worker id (SCALE_OUT_WORKER_ID). Prints "ready" once started.
 */
import pino from 'pino';
import { loadConfig, requireSecret } from '../../../src/config.ts';
import { RemoteClock } from '../../../src/ports/clock.ts';
import { createSecretBox } from '../../../src/ports/secret-box.ts';
import { openDatabase } from '../../../src/store/database.ts';
import { startWorker } from '../../../src/sync/index.ts';

const config = loadConfig();
const box = createSecretBox(requireSecret(config));
const db = await openDatabase(config.databaseUrl, { maxConnections: 4 });
if (!config.clockUrl) throw new Error('JUCHU_CLOCK_URL must point at the sandbox clock');
const clock = await RemoteClock.connect(config.clockUrl);
// The test moves the sandbox clock; follow it closely.
setInterval(() => void clock.refresh().catch(() => {}), 100).unref();
const worker = startWorker(
  {
    db,
    clock,
    logger: pino({ level: process.env.JUCHU_LOG_LEVEL ?? 'warn' }, pino.destination(2)),
    secrets: () => box,
    workerId: process.env.SCALE_OUT_WORKER_ID,
    // The outbox lease is the shop lease plus the client timeout: both short for a test.
    options: { leaseMs: Number(process.env.SCALE_OUT_LEASE_MS ?? 3_000), timeoutMs: 5_000 },
  },
  { intervalMs: 200 },
);
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void worker.stop().then(() => db.close()).then(() => process.exit(0));
});
