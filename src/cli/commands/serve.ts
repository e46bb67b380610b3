import type { Command } from 'commander';
import { loadConfig, requireSecret } from '../../config.ts';
import type { Logger } from '../../logger.ts';
import { RemoteClock, systemClock } from '../../ports/clock.ts';
import { createSecretBox } from '../../ports/secret-box.ts';
import type { SyncDeps } from '../../sync/index.ts';
import type { App } from '../../app/app.ts';
import { toJstIso } from '../../domain/jst.ts';
import { randomIds } from '../../ports/ids.ts';
import { argon2idHasher } from '../../ports/password-hasher.ts';
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
        const [{ openApp }, { createLogger }, { buildServer }, { runSyncCycle, startWorker }, { startMailWorker }, { SettingsMailAccounts }] = await Promise.all([
          import('../../app/app.ts'),
          import('../../logger.ts'),
          import('../../server/app.ts'),
          import('../../sync/index.ts'),
          import('../../app/mail/delivery.ts'),
          import('../../app/mail/settings-accounts.ts'),
        ]);
        const logger = createLogger(config.logLevel);
        const app = await openApp(config);
        if (app.clock instanceof RemoteClock) followRemoteClock(app.clock, logger);
        const box = createSecretBox(secret);
        const syncDeps: SyncDeps = { db: app.db, clock: app.clock, logger, secrets: () => box };
        const port = opts.port ?? config.port;
        const publicUrl = config.publicUrl ?? `http://localhost:${port}`;
        const server = await buildServer({
          db: app.db,
          clock: app.clock,
          sessionClock: systemClock,
          logger,
          secret,
          publicUrl,
          trustProxy: config.trustProxy,
          runSync: (shopCode) => runSyncCycle(syncDeps, { trigger: 'api', ...(shopCode !== undefined && { shopCode }) }),
        });
        await server.listen({ port, host: '0.0.0.0' });
        await printSetupLink(app, publicUrl);
        const worker = opts.worker ? startWorker(syncDeps, {}) : null;
        const accounts = new SettingsMailAccounts({ db: app.db, settings: app.settings });
        const mailWorker = opts.worker ? startMailWorker({ db: app.db, clock: app.clock, logger, accounts }) : null;
        const stop = async () => {
          await Promise.all([worker?.stop(), mailWorker?.stop()]);
          await server.close();
          await app.close();
          process.exit(0);
        };
        process.once('SIGINT', () => void stop());
        process.once('SIGTERM', () => void stop());
      }),
    );
};

/**
 * On a database without an active admin, a one-time link that creates the first one, so a shop
 * can begin in the browser. Printed on stdout, not logged: it is a credential until used.
 */
async function printSetupLink(app: App, publicUrl: string): Promise<void> {
  const { PeopleService } = await import('../../app/admin/people-service.ts');
  const people = new PeopleService({ db: app.db, clock: app.clock, ids: randomIds, hasher: argon2idHasher });
  const link = await people.setupLinkIfNoAdmin();
  if (!link) return;
  process.stdout.write(
    `\n管理者がまだいません。次のリンクを開いて最初の管理者を登録してください（一度だけ有効、${toJstIso(link.expiresAt).slice(0, 10)} まで）:\n` +
      `No admin yet. Open this link to create the first admin (works once):\n  ${publicUrl}${link.path}\n\n`,
  );
}

/** How often a sandbox clock (JUCHU_CLOCK_URL) is re-read, so moving it moves juchu too. */
const CLOCK_REFRESH_MS = 1_000;

function followRemoteClock(clock: RemoteClock, logger: Logger): void {
  setInterval(() => {
    clock.refresh().catch((err: unknown) => logger.warn({ err }, 'could not read JUCHU_CLOCK_URL'));
  }, CLOCK_REFRESH_MS).unref();
}
