import type { Command } from 'commander';
import type { RegisterCommand } from './index.ts';
import { openSync, reportRun } from './sync-deps.ts';
import { reportingOperatorErrors } from './with-app.ts';

/** `juchu sync --once`: one full cycle (import, cancellations, queued operations) for each shop, then exit. */
export const registerSync: RegisterCommand = (program: Command) => {
  program
    .command('sync')
    .description('run one sync cycle with RMS for each shop (or one) and exit; exit 0 only when nothing failed')
    .option('--once', 'run one cycle and exit (the loop is `juchu worker`)')
    .option('--shop <code>', 'only this shop')
    .option('--json', 'print one JSON summary object')
    .action((opts: { once?: boolean; shop?: string; json?: boolean }, command: Command) => {
      if (!opts.once) command.error('error: --once is required (for a loop, run `juchu worker`)', { exitCode: 2 });
      return reportingOperatorErrors({}, async () => {
        const { app, deps } = await openSync();
        const { runSyncCycle } = await import('../../sync/index.ts');
        try {
          reportRun(await runSyncCycle(deps, { shopCode: opts.shop, trigger: 'cli' }), opts.json ?? false);
        } finally {
          await app.close();
        }
      });
    });
};
