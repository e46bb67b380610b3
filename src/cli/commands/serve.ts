import type { Command } from 'commander';
import { loadConfig, requireSecret } from '../../config.ts';
import type { Logger } from '../../logger.ts';
import { RemoteClock, systemClock } from '../../ports/clock.ts';
import type { App } from '../../composition/compose.ts';
import { toJstIso } from '../../domain/jst.ts';
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
        const [{ openApp }, { createLogger }, { buildServer }, { runSyncCycle, startWorker }, { startMailWorker }] = await Promise.all([
          import('../../composition/compose.ts'),
          import('../../logger.ts'),
          import('../../server/app.ts'),
          import('../../sync/index.ts'),
          import('../../app/mail/delivery.ts'),
        ]);
        const logger = createLogger(config.logLevel);
        const app = await openApp(config);
        if (app.clock instanceof RemoteClock) followRemoteClock(app.clock, logger);
        const syncDeps = app.syncDeps(logger);
        const port = opts.port ?? config.port;
        const publicUrl = config.publicUrl ?? `http://localhost:${port}`;
        const server = await buildServer({
          app,
          sessionClock: systemClock,
          logger,
          secret,
          publicUrl,
          trustProxy: config.trustProxy,
          runSync: (scope) => runSyncCycle(syncDeps, { trigger: 'api', ...scope }),
        });
        await server.listen({ port, host: '0.0.0.0' });
        await printSetupLink(app, publicUrl);
        const worker = opts.worker ? startWorker(syncDeps, {}) : null;
        const mailWorker = opts.worker ? startMailWorker({ store: app.store, clock: app.clock, logger, accounts: app.mailAccounts }) : null;
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
  const link = await app.admin.people.setupLinkIfNoAdmin();
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
