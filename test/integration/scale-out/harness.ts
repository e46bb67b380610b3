import { spawn, type ChildProcess } from 'node:child_process';
import { Store } from '../../../src/store/store.ts';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { ShopService } from '../../../src/app/shop-service.ts';
import type { Actor } from '../../../src/domain/history.ts';
import type { Clock } from '../../../src/ports/clock.ts';
import { createSecretBox } from '../../../src/ports/secret-box.ts';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/index.ts';
import { migrate, openDatabase, type Database } from '../../../src/store/database.ts';
import { createTestDatabaseUrl } from '../../support/database.ts';

const WORKER_SCRIPT = resolve(import.meta.dirname, 'worker-process.ts');

const SECRET = 'scale-out-test-secret-0001';
export const STAFF: Actor = { kind: 'user', userId: 'u1', name: '山田' };

/**
 * A sandbox on a frozen clock, a fresh migrated database of the engine under test (PostgreSQL
 * under `npm run test:pg`, one SQLite file under `npm test`), and the worker processes started
 * against them, which `close` stops before tearing the rest down.
 */
export interface ScaleOutWorld {
  readonly sandbox: RunningSandbox;
  readonly db: Database;
  /** The sandbox's business time, which the workers follow through JUCHU_CLOCK_URL. */
  readonly clock: Clock;
  readonly shops: ShopService;
  /** What a worker process needs to reach this database and this sandbox's clock. */
  readonly workerEnv: Record<string, string>;
  readonly workers: WorkerProcess[];
  close(): Promise<void>;
}

export async function openScaleOutWorld(seed: number): Promise<ScaleOutWorld> {
  const sandbox = await startSandbox({ port: 0, seed, clock: 'frozen', startAt: new Date('2026-05-11T01:00:00Z') });
  const database = await createTestDatabaseUrl();
  const db = await openDatabase(database.url, { maxConnections: 4 });
  await migrate(db);
  const clock = { now: () => sandbox.clock.now() };
  const workers: WorkerProcess[] = [];
  return {
    sandbox,
    db,
    clock,
    shops: new ShopService({ store: Store.open(db), clock, secrets: () => createSecretBox(SECRET) }),
    workerEnv: { JUCHU_DATABASE_URL: database.url, JUCHU_SECRET: SECRET, JUCHU_CLOCK_URL: `${sandbox.url}/sandbox/clock` },
    workers,
    async close() {
      await Promise.all(workers.map(stopWorkerProcess));
      await db.close();
      await database.drop();
      await sandbox.close();
    },
  };
}

/** A sync worker in its own process (worker-process.ts), known by the id it writes to leases and runs. */
export interface WorkerProcess {
  readonly id: string;
  readonly process: ChildProcess;
}

/** Starts a worker process with `env` added to ours and resolves once it is syncing. */
export async function startWorkerProcess(id: string, env: Record<string, string>): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER_SCRIPT], {
    env: { ...process.env, ...env, SCALE_OUT_WORKER_ID: id },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = new Promise<void>((resolveReady, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => line === 'ready' && resolveReady());
    child.once('exit', (code) => reject(new Error(`worker ${id} exited with ${code} before it was ready`)));
  });
  await ready;
  return { id, process: child };
}

/**
 * Starts several workers at once and records each in `started` as soon as it is up, so that the
 * caller can stop every one that started even when another failed to.
 */
export async function startWorkerProcesses(ids: readonly string[], env: Record<string, string>, started: WorkerProcess[]): Promise<void> {
  const results = await Promise.allSettled(ids.map(async (id) => started.push(await startWorkerProcess(id, env))));
  const failure = results.find((r) => r.status === 'rejected');
  if (failure) throw failure.reason;
}

/** SIGTERM, as an operator drains a worker: the shop in progress finishes first. */
export async function stopWorkerProcess(worker: WorkerProcess): Promise<void> {
  const child = worker.process;
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

/**
 * Polls `check` until it holds; the generous default timeout is for CI under load. On a
 * timeout the error carries what `explain` says of the state the wait was stuck in.
 */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 120_000, explain?: () => Promise<string>): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting until ${what}${explain ? `\n${await explain()}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  console.info(`scale-out: ${what} after ${Date.now() - started} ms`);
}

export async function countOrders(db: Database, status?: string): Promise<number> {
  let query = db.kysely.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n'));
  if (status) query = query.where('status', '=', status);
  return Number((await query.executeTakeFirstOrThrow()).n);
}
