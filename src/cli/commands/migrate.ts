import type { Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { reportingOperatorErrors } from './with-app.ts';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('apply database migrations (JUCHU_DATABASE_URL)')
    .action(() =>
      reportingOperatorErrors({}, async () => {
        const { migrate, openDatabase } = await import('../../store/database.ts');
        const db = await openDatabase(loadConfig().databaseUrl);
        try {
          const applied = await migrate(db);
          const what = applied.length > 0 ? `applied ${applied.join(', ')}` : 'nothing to apply';
          process.stdout.write(`${db.dialect}: ${what}; the database is up to date\n`);
        } finally {
          await db.close();
        }
      }),
    );
}
