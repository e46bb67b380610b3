import type { AppPorts } from '../../src/composition/compose.ts';
import { createApp, realPorts } from '../../src/composition/compose.ts';
import type { App } from '../../src/composition/compose.ts';
import type { Clock } from '../../src/ports/clock.ts';
import { createTestDatabase } from './database.ts';

export const TEST_SECRET = 'integration-test-secret-0001';

/**
 * The app as the composition root builds it, over a fresh test database (see database.ts) and
 * `clock`, with the real ports unless `ports` replaces some; `close()` gives the database up.
 */
export async function createTestApp(clock: Clock, ports: Partial<AppPorts> & { secret?: string } = {}): Promise<App> {
  const db = await createTestDatabase();
  const { secret = TEST_SECRET, ...rest } = ports;
  return createApp(db, { ...realPorts(clock, () => secret), ...rest });
}
