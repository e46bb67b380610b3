import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RmsOperation } from '../../../src/domain/operations.ts';
import { openDatabase } from '../../../src/store/database.ts';
import type { Database } from '../../../src/store/database.ts';
import type { OutboxRepository } from '../../../src/store/outbox-repository.ts';
import { createTestDatabaseUrl, testEngine } from '../../support/database.ts';
import { NOW, addShop, nthOrder } from './fixtures.ts';
import { Store } from '../../../src/store/store.ts';

const LEASE = 60_000;
const confirmation: RmsOperation = { kind: 'syncConfirmation' };
const plannedShipDate: RmsOperation = { kind: 'syncPlannedShipDate', basketId: 1001, shippingDate: '2026-11-25', deliveryCompany: '1001' };

let db: Database;
let url: string;
let drop: () => Promise<void>;
let outbox: OutboxRepository;

beforeEach(async () => {
  ({ url, drop } = await createTestDatabaseUrl());
  db = await openDatabase(url);
  outbox = Store.open(db).outbox;
  await addShop(db);
  await addShop(db, { code: 'other-shop' });
});
afterEach(async () => {
  await db.close();
  await drop();
});

async function enqueueFor(n: number, operations: RmsOperation[], shopCode = 'tea-shop') {
  const order = nthOrder(n, { shopCode });
  if (!(await Store.open(db).orders.get(order.orderNumber))) await Store.open(db).orders.insert(order, NOW);
  return outbox.enqueue(order, operations, NOW);
}

const later = (ms: number) => new Date(NOW.getTime() + ms);

describe(`OutboxRepository on ${testEngine}`, () => {
  it('numbers each order’s operations in sequence and keeps the operation as written', async () => {
    const first = await enqueueFor(1, [confirmation, plannedShipDate]);
    const second = await enqueueFor(1, [confirmation]);
    expect([...first, ...second].map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(first[1]).toMatchObject({ state: 'pending', attempts: 0, operation: plannedShipDate, orderNumber: nthOrder(1).orderNumber });
    expect(await outbox.listOpenForOrder(nthOrder(1).orderNumber)).toHaveLength(3);
  });

  it('lists several orders’ operations at once, each in sequence, leaving out orders without any', async () => {
    await enqueueFor(1, [confirmation, plannedShipDate]);
    await enqueueFor(2, [plannedShipDate]);
    await enqueueFor(3, []);
    const [claimed] = await outbox.claim('tea-shop', LEASE, 'w1', { now: NOW, limit: 1 });
    await outbox.markSucceeded(claimed!.id, 'w1', { now: NOW, rmsMessage: null });
    const numbers = [1, 2, 3].map((n) => nthOrder(n).orderNumber);

    const all = await outbox.listForOrders(numbers);
    expect([...all.keys()].sort()).toEqual(numbers.slice(0, 2));
    expect(all.get(numbers[0]!)!.map((e) => e.seq)).toEqual([1, 2]);
    const open = await outbox.listForOrders(numbers, ['pending']);
    expect(open.get(numbers[0]!)!.map((e) => e.operation)).toEqual([plannedShipDate]);
    expect(open.get(numbers[1]!)!.map((e) => e.operation)).toEqual([plannedShipDate]);
    expect(await outbox.listForOrders([])).toEqual(new Map());
  });

  it('hands out an order’s next operation only after the earlier one has finished', async () => {
    await enqueueFor(1, [confirmation, plannedShipDate]);
    const [first] = await outbox.claim('tea-shop', LEASE, 'w1', { now: NOW, limit: 10 });
    expect(first).toMatchObject({ seq: 1, state: 'in_flight', leaseOwner: 'w1', attempts: 1, outcomeUnknown: false });
    expect(await outbox.claim('tea-shop', LEASE, 'w2', { now: NOW, limit: 10 })).toEqual([]);
    expect(await outbox.markSucceeded(first!.id, 'w1', { now: NOW, rmsMessage: 'ORDER_EXT_API_CONFIRM_ORDER_INFO_101' })).toBe(true);
    const [next] = await outbox.claim('tea-shop', LEASE, 'w2', { now: NOW });
    expect(next).toMatchObject({ seq: 2, operation: plannedShipDate });
  });

  it('claims only the given shop’s operations, oldest first, up to the limit', async () => {
    await enqueueFor(1, [confirmation]);
    await enqueueFor(2, [confirmation], 'other-shop');
    await enqueueFor(3, [confirmation]);
    const claimed = await outbox.claim('tea-shop', LEASE, 'w1', { now: NOW, limit: 5 });
    expect(claimed.map((c) => c.orderNumber)).toEqual([nthOrder(1).orderNumber, nthOrder(3).orderNumber]);
    expect(await outbox.claim('other-shop', LEASE, 'w1', { now: NOW, limit: 1 })).toHaveLength(1);
  });

  it('gives an expired lease to another worker, flagged so it re-reads RMS first; the old holder can no longer finish it', async () => {
    await enqueueFor(1, [confirmation]);
    const [held] = await outbox.claim('tea-shop', LEASE, 'w1', { now: NOW });
    expect(await outbox.claim('tea-shop', LEASE, 'w2', { now: later(LEASE - 1) })).toEqual([]);
    const [taken] = await outbox.claim('tea-shop', LEASE, 'w2', { now: later(LEASE + 1) });
    expect(taken).toMatchObject({ id: held!.id, leaseOwner: 'w2', attempts: 2, outcomeUnknown: true });
    expect(await outbox.markSucceeded(held!.id, 'w1', { now: later(LEASE + 2) })).toBe(false);
    expect(await outbox.markSucceeded(held!.id, 'w2', { now: later(LEASE + 2) })).toBe(true);
  });

  it('runs a lease out on real time even while the business clock stands still', async () => {
    await enqueueFor(1, [confirmation]);
    const [held] = await outbox.claim('tea-shop', LEASE, 'w1', { now: NOW, leaseNow: NOW });
    expect(await outbox.claim('tea-shop', LEASE, 'w2', { now: NOW, leaseNow: later(LEASE - 1) })).toEqual([]);
    const [taken] = await outbox.claim('tea-shop', LEASE, 'w2', { now: NOW, leaseNow: later(LEASE + 1) });
    expect(taken).toMatchObject({ id: held!.id, leaseOwner: 'w2', outcomeUnknown: true });
  });

  it('retries an unknown outcome at the given time, flagged for a re-read', async () => {
    await enqueueFor(1, [confirmation, plannedShipDate]);
    const [op] = await outbox.claim('tea-shop', LEASE, 'w1', { now: NOW });
    await outbox.markUnknown(op!.id, 'w1', { now: NOW, error: 'timeout after 30s', retryAt: later(10_000) });
    expect(await outbox.claim('tea-shop', LEASE, 'w1', { now: later(9_999) })).toEqual([]);
    const [again] = await outbox.claim('tea-shop', LEASE, 'w1', { now: later(10_000) });
    expect(again).toMatchObject({ id: op!.id, outcomeUnknown: true, lastError: 'timeout after 30s' });
  });

  it('puts a retryable failure back in line and lets a final failure release the order’s later operations', async () => {
    await enqueueFor(1, [confirmation, plannedShipDate]);
    const [op] = await outbox.claim('tea-shop', LEASE, 'w1', { now: NOW });
    await outbox.markFailed(op!.id, 'w1', { now: NOW, error: 'HTTP 503', retryAt: later(5_000) });
    const [retry] = await outbox.claim('tea-shop', LEASE, 'w1', { now: later(5_000) });
    expect(retry).toMatchObject({ id: op!.id, outcomeUnknown: false, attempts: 2 });

    await outbox.markFailed(retry!.id, 'w1', { now: later(5_000), error: 'refused', rmsMessage: 'ORDER_EXT_API_CONFIRM_ORDER_ERROR_104', retryAt: null });
    const [failed] = await outbox.listForOrder(nthOrder(1).orderNumber, ['failed']);
    expect(failed).toMatchObject({ lastError: 'refused', rmsMessage: 'ORDER_EXT_API_CONFIRM_ORDER_ERROR_104', leaseOwner: null });
    const [next] = await outbox.claim('tea-shop', LEASE, 'w1', { now: later(5_000) });
    expect(next).toMatchObject({ seq: 2 });
  });

  it('never gives one operation to two claiming processes', async () => {
    const orders = 20;
    for (let n = 1; n <= orders; n++) await enqueueFor(n, [confirmation, plannedShipDate]);
    // Separate processes, as `juchu worker` runs them: on PostgreSQL FOR UPDATE SKIP LOCKED
    // keeps them apart, on SQLite the BEGIN IMMEDIATE write lock.
    const claims = (await Promise.all(['a', 'b'].map((worker) => runClaimWorker(url, worker)))).flat();
    expect(claims).toHaveLength(orders * 2);
    expect(claims.every((c) => c.finished)).toBe(true);
    expect(new Set(claims.map((c) => c.id)).size).toBe(orders * 2);
    expect(await outbox.listForOrder(nthOrder(1).orderNumber, ['succeeded'])).toHaveLength(2);
  }, 60_000);
});

interface Claim {
  id: number;
  orderNumber: string;
  seq: number;
  finished: boolean;
}

function runClaimWorker(databaseUrl: string, worker: string): Promise<Claim[]> {
  return new Promise((resolve, reject) => {
    const script = fileURLToPath(new URL('./claim-worker.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, databaseUrl, worker], { stdio: ['ignore', 'pipe', 'pipe'] });
    const claims: Claim[] = [];
    let stderr = '';
    createInterface({ input: child.stdout }).on('line', (line) => claims.push(JSON.parse(line) as Claim));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(claims) : reject(new Error(`claim worker ${worker} exited ${code}: ${stderr}`))));
  });
}
