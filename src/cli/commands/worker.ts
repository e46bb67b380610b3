import type { Command } from 'commander';
import { DEFAULT_WORKER_INTERVAL_MS } from '../../sync/options.ts';
import type { RegisterCommand } from './index.ts';
import { wholeNumber } from './options.ts';
import { openSync } from './sync-deps.ts';
import { reportingOperatorErrors } from './with-app.ts';

/**
 * `juchu worker`: the sync loop alone. Several may run against one PostgreSQL: each shop is
 * synced by one worker at a time. SIGTERM or SIGINT lets the shop in progress finish; the
 * cycle's other shops are left to the other workers.
 */
export const registerWorker: RegisterCommand = (program: Command) => {
  program
    .command('worker')
    .description('run the sync worker (import, queued operations, cancellations) and the buyer-mail loop until stopped')
    .option('--interval <seconds>', 'pause between cycles', wholeNumber, DEFAULT_WORKER_INTERVAL_MS / 1000)
    .option('--shop <code>', 'only this shop')
    .action((opts: { interval: number; shop?: string }) =>
      reportingOperatorErrors({}, async () => {
        const { app, deps } = await openSync();
        const { startWorker } = await import('../../sync/index.ts');
        const { startMailWorker } = await import('../../app/mail/delivery.ts');
        // Each cycle logs its own summary ("sync run finished").
        const worker = startWorker(deps, { intervalMs: opts.interval * 1000, shopCode: opts.shop });
        // Buyer mail has its own loop: a slow relay never holds up an import.
        const mailWorker = startMailWorker({ store: app.store, clock: app.clock, logger: deps.logger, accounts: app.mailAccounts });
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          process.once('SIGTERM', stop);
          process.once('SIGINT', stop);
        });
        deps.logger.info('stopping: finishing the shop in progress');
        await Promise.all([worker.stop(), mailWorker.stop()]);
        await app.close();
      }),
    );
};
