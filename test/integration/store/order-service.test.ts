import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrderService } from '../../../src/app/order-service.ts';
import { saveActionResult } from '../../../src/app/persist-action.ts';
import { holdOrder } from '../../../src/domain/actions.ts';
import { DomainError } from '../../../src/domain/errors.ts';
import type { Actor } from '../../../src/domain/history.ts';
import type { Shop } from '../../../src/domain/shop.ts';
import { ManualClock } from '../../../src/ports/clock.ts';
import type { Database } from '../../../src/store/database.ts';
import { createTestDatabase, testEngine } from '../../support/database.ts';
import { NOW, UNDETERMINED, addShop, nthOrder, pkg } from './fixtures.ts';
import { Store } from '../../../src/store/store.ts';
import { SYSTEM_CALLER } from '../../../src/app/caller.ts';

const staff: Actor = { kind: 'user', userId: 'u1', name: '山田' };

let db: Database;
let service: OrderService;
let shop: Shop;

beforeEach(async () => {
  db = await createTestDatabase();
  service = new OrderService({ store: Store.open(db), clock: new ManualClock(NOW) });
  shop = await addShop(db);
});
afterEach(() => db.close());

async function stored(n: number) {
  const orderNumber = nthOrder(n).orderNumber;
  const [order, history, operations] = await Promise.all([
    Store.open(db).orders.get(orderNumber),
    Store.open(db).history.listForOrder(orderNumber),
    Store.open(db).outbox.listForOrder(orderNumber),
  ]);
  const audit = (await Store.open(db).auditLog.latest()).filter((a) => a.target === `order:${orderNumber}`);
  return { order: order!, history, operations, audit };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(DomainError);
  return (err as DomainError).code;
}

describe(`OrderService on ${testEngine}`, () => {
  it('confirms in one transaction: order at version + 1, its history and a syncConfirmation in the outbox', async () => {
    const v1 = await Store.open(db).orders.insert(nthOrder(1), NOW);
    const confirmed = await service.confirm(SYSTEM_CALLER, v1.orderNumber, 1, staff);
    expect(confirmed).toMatchObject({ status: 'confirmation_queued', version: 2 });
    const after = await stored(1);
    expect(after.order).toEqual(confirmed);
    expect(after.history.length).toBeGreaterThan(0);
    expect(after.history.at(-1)!.actor).toEqual(staff);
    expect(after.operations.map((o) => [o.operation.kind, o.state])).toEqual([['syncConfirmation', 'pending']]);
    expect(after.audit).toEqual([
      {
        at: NOW,
        actor: staff,
        action: 'order.confirm',
        target: `order:${nthOrder(1).orderNumber}`,
        details: { shopCode: shop.code, before: { status: 'awaiting_confirmation', statusBeforeHold: null, version: 1 }, after: { status: 'confirmation_queued', statusBeforeHold: null, version: 2 } },
        id: expect.any(Number),
        shopCode: shop.code,
        clientAddress: null,
      },
    ]);
    const details = await service.details(SYSTEM_CALLER, v1.orderNumber);
    expect(details.pendingOperations).toHaveLength(1);
  });

  it('refuses a client’s stale version with VERSION_CONFLICT and writes nothing', async () => {
    await Store.open(db).orders.insert(nthOrder(1), NOW);
    await service.hold(SYSTEM_CALLER, nthOrder(1).orderNumber, 1, staff);
    const before = await stored(1);
    expect(await refusal(service.confirm(SYSTEM_CALLER, nthOrder(1).orderNumber, 1, staff))).toBe('VERSION_CONFLICT');
    expect(await stored(1)).toEqual(before);
    expect(before.audit).toHaveLength(1);
  });

  it('writes nothing when the domain refuses (postage undetermined), and NOT_FOUND for an unknown order', async () => {
    await Store.open(db).orders.insert(nthOrder(1, { packages: [pkg({ postagePrice: UNDETERMINED })] }), NOW);
    const before = await stored(1);
    expect(await refusal(service.confirm(SYSTEM_CALLER, nthOrder(1).orderNumber, 1, staff))).toBe('POSTAGE_UNDETERMINED');
    expect(await stored(1)).toEqual(before);
    expect(await refusal(service.confirm(SYSTEM_CALLER, 'nope', undefined, staff))).toBe('NOT_FOUND');
  });

  it('rolls back the order, its history and its operations together when the transaction fails late', async () => {
    const v1 = await Store.open(db).orders.insert(nthOrder(1), NOW);
    const result = holdOrder(v1, { now: NOW, actor: staff, shop });
    const failure = Store.open(db).transaction(async (tx) => {
      await saveActionResult(tx, { ...result, operations: [{ kind: 'syncConfirmation' }] }, NOW, 'update');
      throw new Error('the disk filled up');
    });
    await expect(failure).rejects.toThrow('the disk filled up');
    const after = await stored(1);
    expect(after.order).toMatchObject({ version: 1, status: 'awaiting_confirmation' });
    expect(after.history).toEqual([]);
    expect(after.operations).toEqual([]);
  });

  it('lets only one of two concurrent actions on the same version through', async () => {
    await Store.open(db).orders.insert(nthOrder(1), NOW);
    const outcomes = await Promise.allSettled([
      service.confirm(SYSTEM_CALLER, nthOrder(1).orderNumber, 1, staff),
      service.hold(SYSTEM_CALLER, nthOrder(1).orderNumber, 1, staff),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const rejected = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect((rejected.reason as DomainError).code).toMatch(/VERSION_CONFLICT|INVALID_TRANSITION/);
    expect((await stored(1)).order.version).toBe(2);
  });

  it('bulk-confirms order by order and reports each result', async () => {
    const repo = Store.open(db).orders;
    await repo.insert(nthOrder(1), NOW);
    await repo.insert(nthOrder(2, { packages: [pkg({ postagePrice: UNDETERMINED })] }), NOW);
    await repo.insert(nthOrder(3), NOW);
    const results = await service.confirmMany(SYSTEM_CALLER, [nthOrder(1).orderNumber, nthOrder(2).orderNumber, 'missing', nthOrder(3).orderNumber], staff);
    expect(results.map((r) => [r.orderNumber, r.ok ? r.order.status : r.error.code])).toEqual([
      [nthOrder(1).orderNumber, 'confirmation_queued'],
      [nthOrder(2).orderNumber, 'POSTAGE_UNDETERMINED'],
      ['missing', 'NOT_FOUND'],
      [nthOrder(3).orderNumber, 'confirmation_queued'],
    ]);
    expect((await stored(2)).order.version).toBe(1);
  });
});
