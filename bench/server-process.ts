/**
 * `node --import tsx bench/server-process.ts`: the API server alone in its own process, so
 * that the load generator does not share its event loop. Reads JUCHU_DATABASE_URL and
 * JUCHU_SECRET, listens on a free port and prints `{"port": n}` as its first line.
 */
import { buildServer } from '../src/server/app.ts';
import { createApp, realPorts } from '../src/composition/compose.ts';
import { systemClock } from '../src/ports/clock.ts';
import { openDatabase } from '../src/store/database.ts';
import { loadConfig, requireSecret } from '../src/config.ts';

const config = loadConfig();
const db = await openDatabase(config.databaseUrl);
const app = await buildServer({ app: createApp(db, realPorts(systemClock, () => requireSecret(config))), logger: false, secret: requireSecret(config) });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
process.on('SIGTERM', () => {
  void app.close().then(() => db.close()).then(() => process.exit(0));
});
