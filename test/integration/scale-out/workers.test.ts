import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrderService } from '../../../src/app/order-service.ts';
import { DomainError } from '../../../src/domain/errors.ts';
import type { RunningSandbox } from '../../../src/sandbox/index.ts';
import type { Database } from '../../../src/store/database.ts';
import { Store } from '../../../src/store/store.ts';
import { testEngine } from '../../support/database.ts';
import { countOrders, openScaleOutWorld, STAFF, startWorkerProcess, until, type ScaleOutWorld, type WorkerProcess } from './harness.ts';
import { SYSTEM_CALLER } from '../../../src/app/caller.ts';

const SHOPS = 20;
const ORDERS_PER_SHOP = 2;
const WORKERS = 3;
const LEASE_MS = 3_000;
/** A surviving worker reaches the shop within one of its cycles over the 20 shops. */
const TAKEOVER_SLACK_MS = 30_000;
/**
 * How long delivery may take after the kill: the dead worker's operations are free once their lease
 * (shop lease plus client timeout, 8 s) ends, then sent within a few cycles (5–10 s in all on
 * this machine). SCALE_OUT_WAIT_MS shortens it to reproduce a stuck delivery quickly.
 */
const DELIVERY_WAIT_MS = Number(process.env.SCALE_OUT_WAIT_MS ?? 60_000);
/**
 * Several worker processes on one database (PostgreSQL under `npm run test:pg`, one SQLite file
 * under `npm test`), 20 shops on one sandbox: every order is imported, and every confirmation,
 * 送付先/金額 update and shipping report reaches RMS exactly once by the sandbox's ledger, even
 * though one worker is killed mid-run; its shops are taken over within the lease time.
 */
describe(`scale-out: ${WORKERS} worker processes, ${SHOPS} shops (${testEngine})`, () => {
  let world: ScaleOutWorld;
  let sandbox: RunningSandbox;
  let db: Database;
  let orders: OrderService;
  let workers: WorkerProcess[];
  const orderNumbers: string[] = [];

  beforeAll(async () => {
    world = await openScaleOutWorld(77);
    ({ sandbox, db, workers } = world);
    for (let k = 0; k < SHOPS; k++) {
      const rmsShop = sandbox.createShop({});
      const licenseKey = rmsShop.licenses[0]!.licenseKey;
      await world.shops.add(
        { code: `shop${k}`, name: `店${k}`, serviceSecret: rmsShop.serviceSecret, licenseKey, rmsUrl: sandbox.url, rateLimitPerSecond: 0 },
        STAFF,
      );
      orderNumbers.push(...sandbox.generateOrders({ licenseKey, scenario: 'card_ok', count: ORDERS_PER_SHOP }));
    }
    orders = new OrderService({ store: Store.open(db), clock: world.clock });
    const env = { ...world.workerEnv, SCALE_OUT_LEASE_MS: String(LEASE_MS) };
    // One by one and recorded at once, so that afterAll stops every started worker even if a later one fails.
    for (let i = 0; i < WORKERS; i++) workers.push(await startWorkerProcess(`worker-${i}`, env));
  }, 180_000);

  afterAll(() => world?.close(), 60_000);

  it('imports, pushes every operation exactly once, and survives a killed worker', async () => {
    await until('every order imported', async () => (await countOrders(db)) === orderNumbers.length);

    // confirmOrder answers slowly, so that the worker killed below dies in the middle of one:
    // its in-flight operations must pass to another worker, which re-reads RMS before resending.
    sandbox.sandbox.updateFaults({ latencyMs: 1_500, operations: ['confirmOrder'] });
    // Staff raise the postage (→ updateOrderSender) and confirm (→ confirmOrder) every order.
    for (const n of orderNumbers) {
      await retryOnConflict(async () => {
        const { order } = await orders.details(SYSTEM_CALLER, n);
        const pkg = order.packages[0]!;
        const postage = pkg.postagePrice.kind === 'yen' ? pkg.postagePrice.yen : 0;
        await orders.edit(SYSTEM_CALLER, n, order.version, { packages: [{ basketId: pkg.basketId, postagePrice: postage + 100 }] }, STAFF);
      });
      await retryOnConflict(() => orders.confirm(SYSTEM_CALLER, n, undefined, STAFF));
    }

    // Kill a worker in the middle of an RMS call: its shops and operations must pass to the
    // others once the lease runs out (on real time: the sandbox clock stands still here).
    const victim = workers[0]!;
    await until('the first worker is sending an operation', async () => (await inFlightWith(db, victim.id)) > 0);
    const held = await leasedBy(db, victim.id);
    victim.process.kill('SIGKILL');
    const killedAt = Date.now();
    sandbox.sandbox.updateFaults({ latencyMs: 0, operations: null });
    await until('its shops taken over', async () => (await leasedBy(db, victim.id)).length === 0, LEASE_MS + TAKEOVER_SLACK_MS);
    const takeoverMs = Date.now() - killedAt;
    console.info(`scale-out: ${held.join(', ')} taken over ${takeoverMs} ms after the kill (lease ${LEASE_MS} ms)`);
    expect(held.length).toBeGreaterThan(0);
    // Taken over once the lease has run out and a surviving worker's cycle reaches the shop.
    expect(takeoverMs).toBeLessThan(LEASE_MS + TAKEOVER_SLACK_MS);

    await until('every confirmation and update delivered', async () => (await openOperations(db)) === 0, DELIVERY_WAIT_MS, () => describeOpen(db));

    // RMS moves the orders to 300 after payment processing; then staff report the shipments.
    sandbox.sandbox.advanceClock(30 * 60);
    await until('every order 新規受付', async () => (await countOrders(db, 'new')) === orderNumbers.length);
    for (const n of orderNumbers) {
      await retryOnConflict(async () => {
        const { order } = await orders.details(SYSTEM_CALLER, n);
        const shipment = { basketId: order.packages[0]!.basketId, deliveryCompany: '1001', shippingNumber: `5000${n.slice(-8)}`, shippingDate: '2026-05-11' };
        await orders.registerShipment(SYSTEM_CALLER, n, order.version, shipment, STAFF);
      });
    }
    await until('every shipping report delivered', async () => (await openOperations(db)) === 0, DELIVERY_WAIT_MS, () => describeOpen(db));

    // Shipping rows go out twice per order, each once: the ship-by date juchu computed (出荷予定日連携,
    // AUTOMATION.md) and the shipping report, one by one or batched through the async call.
    const expected: readonly [operations: readonly string[], times: number][] = [
      [['updateOrderSender'], 1],
      [['confirmOrder'], 1],
      [['updateOrderShipping', 'updateOrderShippingAsync'], 2],
    ];
    for (const [operations, times] of expected) {
      const effects = new Map<string, number>();
      for (const operation of operations) {
        for (const entry of sandbox.sandbox.ledger({ operation }).filter((e) => e.changedState)) {
          for (const n of entry.orderNumbers) effects.set(n, (effects.get(n) ?? 0) + 1);
        }
      }
      const wrong = orderNumbers.filter((n) => effects.get(n) !== times).map((n) => `${n}: ${effects.get(n) ?? 0}`);
      expect(wrong, `${operations.join(' + ')} effects per order`).toEqual([]);
    }
    // Every surviving worker did some of the work.
    const owners = await db.kysely.selectFrom('sync_runs').select('worker_id').distinct().execute();
    expect(owners.map((o) => o.worker_id).sort()).toEqual(expect.arrayContaining(workers.slice(1).map((w) => w.id)));
  }, 400_000);
});

/** Staff and workers write the same orders: on a version conflict, read again and redo. */
async function retryOnConflict(action: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await action();
      return;
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'VERSION_CONFLICT' || attempt >= 20) throw err;
    }
  }
}

async function openOperations(db: Database): Promise<number> {
  const row = await db.kysely
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('state', '!=', 'succeeded')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The operations still open, with what a stuck one needs explained: its lease, its next attempt, its last error. */
async function describeOpen(db: Database): Promise<string> {
  const rows = await db.kysely
    .selectFrom('outbox')
    .select(['id', 'order_number', 'seq', 'state', 'attempts', 'next_attempt_at', 'lease_owner', 'lease_until', 'last_error'])
    .where('state', '!=', 'succeeded')
    .orderBy('id')
    .execute();
  return `now ${new Date().toISOString()}; open operations:\n${rows.map((r) => JSON.stringify(r)).join('\n')}`;
}

async function inFlightWith(db: Database, owner: string): Promise<number> {
  const row = await db.kysely
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('state', '=', 'in_flight')
    .where('lease_owner', '=', owner)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function leasedBy(db: Database, owner: string): Promise<string[]> {
  const rows = await db.kysely.selectFrom('sync_leases').select('shop_code').where('owner', '=', owner).execute();
  return rows.map((r) => r.shop_code);
}
