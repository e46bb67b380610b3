import type { Command } from 'commander';
import { loadConfig, requireSecret } from '../../config.ts';
import type { Logger } from '../../logger.ts';
import { RemoteClock, systemClock } from '../../ports/clock.ts';
import { createSecretBox } from '../../ports/secret-box.ts';
import type { SyncDeps } from '../../sync/index.ts';
import type { RegisterCommand } from './index.ts';
import { portOption } from './demo.ts';
import { reportingOperatorErrors } from './with-app.ts';

/** `juchu serve`: the HTTP API and web app, with the sync worker in-process unless --no-worker. */
export const registerServe: RegisterCommand = (program: Command) => {
  program
    .command('serve')
    .description('serve the HTTP API and the web app (and run the sync worker unless --no-worker)')
    .option('--port <port>', 'HTTP port (default JUCHU_PORT or 3000)', portOption)
    .option('--no-worker', 'do not run the sync worker in this process')
    .action((opts: { port?: number; worker: boolean }) =>
      reportingOperatorErrors({}, async () => {
        const config = loadConfig();
        const secret = requireSecret(config);
        const [{ openApp }, { createLogger }, { buildServer }, { runSyncCycle, startWorker }] = await Promise.all([
          import('../../app/app.ts'),
          import('../../logger.ts'),
          import('../../server/app.ts'),
          import('../../sync/index.ts'),
        ]);
        const logger = createLogger(config.logLevel);
        const app = await openApp(config);
        if (app.clock instanceof RemoteClock) followRemoteClock(app.clock, logger);
        const box = createSecretBox(secret);
        const syncDeps: SyncDeps = { db: app.db, clock: app.clock, logger, secrets: () => box };
        const server = await buildServer({
          db: app.db,
          clock: app.clock,
          sessionClock: systemClock,
          logger,
          secret,
          trustProxy: config.trustProxy,
          runSync: (shopCode) => runSyncCycle(syncDeps, { trigger: 'api', ...(shopCode !== undefined && { shopCode }) }),
        });
        await server.listen({ port: opts.port ?? config.port, host: '0.0.0.0' });
        const worker = opts.worker ? startWorker(syncDeps, {}) : null;
        const stop = async () => {
          await worker?.stop();
          await server.close();
          await app.close();
          process.exit(0);
        };
        process.once('SIGINT', () => void stop());
        process.once('SIGTERM', () => void stop());
      }),
    );
};

/** How often a sandbox clock (JUCHU_CLOCK_URL) is re-read, so moving it moves juchu too. */
const CLOCK_REFRESH_MS = 1_000;

function followRemoteClock(clock: RemoteClock, logger: Logger): void {
  setInterval(() => {
    clock.refresh().catch((err: unknown) => logger.warn({ err }, 'could not read JUCHU_CLOCK_URL'));
  }, CLOCK_REFRESH_MS).unref();
}
