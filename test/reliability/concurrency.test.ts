import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DomainError } from '../../src/domain/errors.ts';
import { allowedActions } from '../../src/domain/transitions.ts';
import type { StaffAction } from '../../src/domain/transitions.ts';
import type { RmsHttp } from '../../src/rms/http.ts';
import { fetchHttp } from '../../src/rms/http.ts';
import { DEFAULT_SYNC_OPTIONS, outboxLeaseMs, runSyncCycle } from '../../src/sync/index.ts';
import { testEngine } from '../support/database.ts';
import { integrityProblems } from './support/database-probe.ts';
import { effectReport, harnessView, stateMismatches, undelivered } from './support/exactly-once.ts';
import { ADMIN, createHarness } from './support/harness.ts';
import type { Harness, TestShop } from './support/harness.ts';
import { addUser, login, startServer } from './support/server.ts';
import { advance, syncDeps, syncOnce } from './support/sync.ts';
import { illegalTransitions } from './support/transition-audit.ts';
import { Store } from '../../src/store/store.ts';
import { SYSTEM_CALLER } from '../../src/app/caller.ts';

/** Interleavings tried: a few in CI, many for docs/RELIABILITY.md (JUCHU_MODEL_RUNS). */
const RUNS = Number(process.env.JUCHU_MODEL_RUNS ?? 5);
const STAFF_A = { kind: 'user' as const, userId: 'a', name: 'スタッフA' };
const STAFF_B = { kind: 'user' as const, userId: 'b', name: 'スタッフB' };
const STAFF_ACTION_OF: Readonly<Record<string, StaffAction>> = { edit: 'editDeliveryDateTime', hold: 'hold', confirm: 'confirm' };

/** Refusals a staff action may meet when the order has moved on; anything else is a bug. */
const STATE_REFUSALS = new Set(['VERSION_CONFLICT', 'INVALID_TRANSITION', 'ORDER_NOT_EDITABLE', 'POSTAGE_UNDETERMINED', 'NOT_FOUND']);

interface World {
  readonly h: Harness;
  readonly shop: TestShop;
  /** Order numbers RMS has handed out, in order; juchu learns of them by polling. */
  readonly rmsOrders: string[];
  conflicts: number;
  crashes: number;
  commands: number;
}

type Model = Record<string, never>;
type Command = fc.AsyncCommand<Model, World>;

/** The order at `index` (modulo what exists) as juchu has it, or null before the first poll. */
async function localOrder(w: World, index: number) {
  if (w.rmsOrders.length === 0) return null;
  return Store.open(w.h.db).orders.get(w.rmsOrders[index % w.rmsOrders.length]!);
}

async function staff<T>(w: World, action: () => Promise<T>): Promise<PromiseSettledResult<T>> {
  try {
    return { status: 'fulfilled', value: await action() };
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    expect(STATE_REFUSALS, String((err as DomainError).code)).toContain((err as DomainError).code);
    return { status: 'rejected', reason: err };
  }
}

function command(name: string, run: (w: World) => Promise<void>): Command {
  return {
    check: () => true,
    run: async (_m, w) => {
      w.commands++;
      await run(w);
    },
    toString: () => name,
  };
}

const commands = [
  fc.integer({ min: 1, max: 3 }).map((count) =>
    command(`rmsNewOrders(${count})`, async (w) => {
      w.rmsOrders.push(...w.h.sandbox.generateOrders({ licenseKey: w.shop.licenseKey, count, scenario: 'card_ok' }));
    }),
  ),
  fc.nat().map((i) =>
    command(`confirm(${i})`, async (w) => {
      const order = await localOrder(w, i);
      if (order) await staff(w, () => w.h.app.orders.confirm(SYSTEM_CALLER, order.orderNumber, order.version, STAFF_A));
    }),
  ),
  fc.tuple(fc.nat(), fc.boolean()).map(([i, hold]) =>
    command(`${hold ? 'hold' : 'release'}(${i})`, async (w) => {
      const order = await localOrder(w, i);
      if (!order) return;
      await staff(w, () => (hold ? w.h.app.orders.hold(SYSTEM_CALLER, order.orderNumber, order.version, STAFF_A) : w.h.app.orders.release(SYSTEM_CALLER, order.orderNumber, order.version, STAFF_A)));
    }),
  ),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 9 })).map(([i, day]) =>
    command(`edit(${i}, 2026-11-1${day})`, async (w) => {
      const order = await localOrder(w, i);
      if (order) await staff(w, () => w.h.app.orders.edit(SYSTEM_CALLER, order.orderNumber, order.version, { deliveryDate: `2026-11-1${day}` }, STAFF_A));
    }),
  ),
  // Two staff members act on the same order from the same screen (the same version).
  fc.tuple(fc.nat(), fc.constantFrom('edit+edit', 'edit+hold', 'confirm+edit')).map(([i, pair]) =>
    command(`twoStaff(${i}, ${pair})`, async (w) => {
      const order = await localOrder(w, i);
      if (!order) return;
      const [first, second] = pair.split('+');
      const act = (what: string | undefined, who: typeof STAFF_A, day: string) => () => {
        if (what === 'hold') return w.h.app.orders.hold(SYSTEM_CALLER, order.orderNumber, order.version, who);
        if (what === 'confirm') return w.h.app.orders.confirm(SYSTEM_CALLER, order.orderNumber, order.version, who);
        return w.h.app.orders.edit(SYSTEM_CALLER, order.orderNumber, order.version, { deliveryDate: day }, who);
      };
      const results = await Promise.all([staff(w, act(first, STAFF_A, '2026-11-20')), staff(w, act(second, STAFF_B, '2026-11-21'))]);
      const won = results.filter((r) => r.status === 'fulfilled');
      expect(won.length).toBeLessThanOrEqual(1);
      if (won.length === 1) {
        // The other one lost the race (VERSION_CONFLICT) — unless the order's status never allowed it anyway.
        const loser = results[0]!.status === 'rejected' ? first : second;
        const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
        const allowedAlone = allowedActions(order).includes(STAFF_ACTION_OF[loser!]!);
        if (allowedAlone) expect((lost.reason as DomainError).code).toBe('VERSION_CONFLICT');
        w.conflicts++;
      }
    }),
  ),
  fc.nat().map((i) =>
    command(`rmsBuyerCancel(${i})`, async (w) => {
      if (w.rmsOrders.length === 0) return;
      try {
        w.h.sandbox.sandbox.buyerCancel(w.rmsOrders[i % w.rmsOrders.length]!);
      } catch {
        // Only possible while 注文確認待ち and within the window; otherwise RMS refuses, as it should.
      }
    }),
  ),
  fc.integer({ min: 1, max: 180 }).map((minutes) => command(`advance(${minutes} min)`, async (w) => advance(w.h, minutes * 60_000))),
  fc.constant(command('poll', async (w) => void (await syncOnce(w.h)))),
  // The worker dies in the middle of a cycle: after `calls` RMS calls the process is gone, the
  // last call possibly applied in RMS but never answered. Its leases stay until they expire.
  fc.integer({ min: 0, max: 12 }).map((calls) =>
    command(`workerCrash(after ${calls} calls)`, async (w) => {
      w.crashes++;
      let made = 0;
      let crashed!: () => void;
      let dead = false;
      const died = new Promise<void>((resolve) => (crashed = resolve));
      const dying: RmsHttp = async (request) => {
        if (made++ < calls) return fetchHttp(request);
        await fetchHttp(request).catch(() => undefined);
        dead = true;
        crashed();
        return new Promise(() => undefined);
      };
      // A dead process renews nothing; here its lease timer lives on in the test process, so
      // its wall clock stops at the epoch: any renewal it still tries writes a lease long over.
      const cycle = runSyncCycle({ ...syncDeps(w.h, { http: dying, workerId: `doomed-${w.crashes}` }), wallClock: () => (dead ? 0 : w.h.clock.now().getTime()) });
      await Promise.race([died, cycle]);
      advance(w.h, outboxLeaseMs(DEFAULT_SYNC_OPTIONS) + 1000);
    }),
  ),
];

/** Polls until RMS and juchu agree and nothing is left to send. */
async function settle(w: World): Promise<void> {
  for (let i = 0; i < 6; i++) {
    advance(w.h, outboxLeaseMs(DEFAULT_SYNC_OPTIONS) + 1000);
    await syncOnce(w.h, { options: { transientRetryDelayMs: 0 } });
  }
}

async function checkWorld(w: World): Promise<void> {
  expect(await illegalTransitions(w.h.db)).toEqual([]);
  expect(await integrityProblems(w.h.db)).toEqual([]);
  expect(await undelivered(w.h.db)).toEqual([]);
  const rms = harnessView(w.h);
  expect([...rms.orderNumbers].sort()).toEqual([...w.rmsOrders].sort());
  expect(await stateMismatches(w.h.db, rms)).toEqual([]);
  expect((await effectReport(w.h.db, rms)).problems).toEqual([]);
}

describe(`concurrency (model-based) on ${testEngine}`, () => {
  it('two staff save the same order over the API at once: one wins, the other gets 409 VERSION_CONFLICT', async () => {
    const h = await createHarness();
    const server = await startServer(h);
    try {
      const shop = await h.addShop('api');
      const [orderNumber] = await h.seedOrders(shop);
      await addUser(h, 'a@example.jp', 'staff', ['api']);
      await addUser(h, 'b@example.jp', 'staff', ['api']);
      const [a, b] = [await login(server, 'a@example.jp'), await login(server, 'b@example.jp')];
      const [ra, rb] = await Promise.all([
        a.request('PATCH', `/api/orders/${orderNumber}`, { version: 1, deliveryDate: '2026-11-20' }),
        b.request('PATCH', `/api/orders/${orderNumber}`, { version: 1, deliveryDate: '2026-11-21' }),
      ]);
      expect([ra.statusCode, rb.statusCode].sort()).toEqual([200, 409]);
      const loser = ra.statusCode === 409 ? ra : rb;
      expect(loser.json().error.code).toBe('VERSION_CONFLICT');
      const { order } = await h.app.orders.details(SYSTEM_CALLER, orderNumber!);
      expect(order.version).toBe(2);
      expect(order.deliveryDate).toBe(ra.statusCode === 200 ? '2026-11-20' : '2026-11-21');
    } finally {
      await server.close();
      await h.close();
    }
  });

  it('the transition audit catches a status written around the table', async () => {
    const h = await createHarness();
    try {
      const shop = await h.addShop('audit');
      const [orderNumber] = await h.seedOrders(shop);
      await h.app.orders.hold(SYSTEM_CALLER, orderNumber!, 1, ADMIN);
      expect(await illegalTransitions(h.db)).toEqual([]);
      await h.db.kysely.updateTable('orders').set({ status: 'completed', status_before_hold: null }).where('order_number', '=', orderNumber!).execute();
      expect(await illegalTransitions(h.db)).toEqual([`${orderNumber}: stored as completed/- but its history ends at on_hold/awaiting_confirmation`]);
    } finally {
      await h.close();
    }
  });

  it(`staff, RMS, polls and crashing workers interleaved: no illegal transition, no lost or doubled effect (${RUNS} runs)`, async () => {
    let totals = { commands: 0, conflicts: 0, crashes: 0 };
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 30, size: 'large' }), async (cmds) => {
        const h = await createHarness();
        try {
          const shop = await h.addShop('model');
          // Start from a few imported orders, so staff have something to act on from the first command.
          const w: World = { h, shop, rmsOrders: h.sandbox.generateOrders({ licenseKey: shop.licenseKey, count: 3, scenario: 'card_ok' }), conflicts: 0, crashes: 0, commands: 0 };
          await syncOnce(h);
          await fc.asyncModelRun(() => ({ model: {}, real: w }), cmds);
          await settle(w);
          await checkWorld(w);
          totals = { commands: totals.commands + w.commands, conflicts: totals.conflicts + w.conflicts, crashes: totals.crashes + w.crashes };
        } finally {
          await h.close();
        }
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    console.info(`concurrency (${testEngine}): ${RUNS} runs, ${totals.commands} commands, ${totals.conflicts} two-staff conflicts, ${totals.crashes} worker crashes`);
  }, RUNS * 30_000);
});
