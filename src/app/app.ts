import type { Config } from '../config.ts';
import { requireSecret } from '../config.ts';
import { RemoteClock, systemClock } from '../ports/clock.ts';
import type { Clock } from '../ports/clock.ts';
import { randomIds } from '../ports/ids.ts';
import type { IdGenerator } from '../ports/ids.ts';
import { argon2idHasher } from '../ports/password-hasher.ts';
import type { PasswordHasher } from '../ports/password-hasher.ts';
import { createSecretBox } from '../ports/secret-box.ts';
import type { SecretBox } from '../ports/secret-box.ts';
import { migrate, openDatabase } from '../store/database.ts';
import type { Database } from '../store/database.ts';
import { OrderService } from './order-service.ts';
import { SettingsService } from './settings/settings-service.ts';
import { ShopService } from './shop-service.ts';
import { TokenService } from './token-service.ts';
import { UserService } from './user-service.ts';

/** Everything a role of the program (CLI command, server, worker) works with. */
export interface App {
  readonly db: Database;
  readonly clock: Clock;
  readonly orders: OrderService;
  readonly shops: ShopService;
  readonly users: UserService;
  readonly tokens: TokenService;
  readonly settings: SettingsService;
  close(): Promise<void>;
}

export interface AppPorts {
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly hasher: PasswordHasher;
  /** Asked for only when credentials are sealed or opened. */
  readonly secrets: () => SecretBox;
}

/** Wires the services over an open database. */
export function createApp(db: Database, ports: AppPorts): App {
  const { clock, ids, hasher, secrets } = ports;
  return {
    db,
    clock,
    orders: new OrderService({ db, clock }),
    shops: new ShopService({ db, clock, secrets }),
    users: new UserService({ db, clock, ids, hasher }),
    tokens: new TokenService({ db, clock, ids }),
    settings: new SettingsService({ db, clock, secrets }),
    close: () => db.close(),
  };
}

/** Opens and migrates the configured database and wires the services with the real ports. */
export async function openApp(config: Config): Promise<App> {
  const clock = config.clockUrl ? await RemoteClock.connect(config.clockUrl) : systemClock;
  const db = await openDatabase(config.databaseUrl);
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  let box: SecretBox | undefined;
  const secrets = () => (box ??= createSecretBox(requireSecret(config)));
  return createApp(db, { clock, ids: randomIds, hasher: argon2idHasher, secrets });
}
