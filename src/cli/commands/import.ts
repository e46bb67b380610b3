import type { Command } from 'commander';
import type { RegisterCommand } from './index.ts';
import { jstDayStart } from './options.ts';
import { openSync, reportRun } from './sync-deps.ts';
import { reportingOperatorErrors } from './with-app.ts';

/** `juchu import --since`: initial or catch-up load; the same command resumes an interrupted one. */
export const registerImport: RegisterCommand = (program: Command) => {
  program
    .command('import')
    .description('import orders placed since a JST day from RMS (resumable)')
    .requiredOption('--since <YYYY-MM-DD>', 'first day to import (JST)', jstDayStart)
    .option('--shop <code>', 'only this shop')
    .option('--json', 'print one JSON summary object')
    .action((opts: { since: Date; shop?: string; json?: boolean }) =>
      reportingOperatorErrors({}, async () => {
        const { app, deps } = await openSync();
        const { runImport } = await import('../../sync/index.ts');
        try {
          reportRun(await runImport(deps, { since: opts.since, shopCode: opts.shop }), opts.json ?? false);
        } finally {
          await app.close();
        }
      }),
    );
};
