import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isShipmentKey } from '../../../src/domain/shipping/shipment-key.ts';
import type { Database } from '../../../src/store/database.ts';
import { packageId } from '../../../src/store/shipping/shipment-key-repository.ts';
import { createTestDatabase, testEngine } from '../../support/database.ts';
import { Store } from '../../../src/store/store.ts';

const now = () => new Date('2026-12-02T00:00:00Z');
const random = (count: number) => Uint8Array.from({ length: count }, () => Math.floor(Math.random() * 256));
const targets = Array.from({ length: 1200 }, (_, i) => ({ shopCode: 'shop-a', orderNumber: `100001-20261202-${String(Math.floor(i / 2)).padStart(10, '0')}`, basketId: 1 + (i % 2) }));

describe(`shipment keys (${testEngine})`, () => {
  let db: Database;
  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(() => db.close());

  it('gives every 送付先 one key, the same on every later ask, and finds the 送付先 by it', async () => {
    const repo = Store.open(db).shipmentKeys(random, now);
    const first = await repo.ensure(targets);
    expect(first.size).toBe(targets.length);
    expect([...first.values()].every(isShipmentKey)).toBe(true);
    expect(new Set(first.values()).size).toBe(targets.length);
    const again = await repo.ensure(targets.slice(0, 10));
    for (const t of targets.slice(0, 10)) expect(again.get(packageId(t))).toBe(first.get(packageId(t)));

    const target = targets[7]!;
    const key = first.get(packageId(target))!;
    expect(await repo.find(key.toLowerCase().replace(/0/g, 'o'))).toEqual(target);
    expect(await repo.find('J000000000000')).toBeNull();
    expect(await repo.find('not a key')).toBeNull();
  });

  it('draws again when a new key is already taken, and agrees with a concurrent caller', async () => {
    // The first draw always repeats the key already given, so the repository must draw again.
    let calls = 0;
    const collide = (count: number) => (calls++ === 0 ? new Uint8Array(count) : random(count));
    const fixed = Store.open(db).shipmentKeys(() => new Uint8Array(12), now);
    const [a] = [...(await fixed.ensure(targets.slice(0, 1))).values()];
    const second = await Store.open(db).shipmentKeys(collide, now).ensure(targets.slice(1, 2));
    expect([...second.values()][0]).not.toBe(a);

    const [x, y] = await Promise.all([Store.open(db).shipmentKeys(random, now).ensure(targets.slice(2, 40)), Store.open(db).shipmentKeys(random, now).ensure(targets.slice(2, 40))]);
    expect([...x.entries()]).toEqual([...y.entries()]);
  });
});
