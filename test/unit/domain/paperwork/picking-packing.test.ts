import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyScan, isComplete, packingLines } from '../../../../src/domain/paperwork/packing.ts';
import { ProductTable, pickingList, pickingSheets } from '../../../../src/domain/paperwork/picking.ts';
import { item, order, pkg } from '../fixtures.ts';

const sku = (id: string) => ({ variantId: id, merchantDefinedSkuId: null, skuInfo: `色:${id}` });

describe('picking list', () => {
  const a = order({ orderNumber: 'A', packages: [pkg({ items: [item({ manageNumber: 'tea', units: 2 }), item({ itemDetailId: 2, manageNumber: 'cup', sku: sku('red'), units: 1 })] })] });
  const b = order({ orderNumber: 'B', packages: [pkg({ items: [item({ manageNumber: 'tea', units: 3 }), item({ itemDetailId: 2, manageNumber: 'cup', sku: sku('blue'), units: 1 })] })] });

  it('groups by 管理番号 and SKU with the total and the orders, in location order (A-2 before A-10), unlocated last', () => {
    const products = new ProductTable([
      { manageNumber: 'tea', sku: '', location: 'A-10', jan: '4901234567894' },
      { manageNumber: 'cup', sku: 'blue', location: 'A-2', jan: null },
    ]);
    expect(pickingList([a, b], products).map((r) => [r.manageNumber, r.sku, r.location, r.quantity, r.orders.map((o) => `${o.orderNumber}×${o.quantity}`).join(' ')])).toEqual([
      ['cup', 'blue', 'A-2', 1, 'B×1'],
      ['tea', '', 'A-10', 5, 'A×2 B×3'],
      ['cup', 'red', null, 1, 'A×1'],
    ]);
  });

  it('sorts by 管理番号 then SKU without a product table, and gives one sheet per order', () => {
    expect(pickingList([a, b], new ProductTable([])).map((r) => `${r.manageNumber}/${r.sku}`)).toEqual(['cup/blue', 'cup/red', 'tea/']);
    expect(pickingSheets([a, b], new ProductTable([])).map((s) => [s.orderNumber, s.rows.length])).toEqual([
      ['A', 2],
      ['B', 2],
    ]);
  });

  it('property: the list holds every unit of every order exactly once', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('tea', 'cup', 'pot'), fc.constantFrom('', 'red', 'blue'), fc.integer({ min: 0, max: 9 })), { minLength: 1, maxLength: 12 }), (rows) => {
        const o = order({ packages: [pkg({ items: rows.map(([m, s, units], i) => item({ itemDetailId: i, manageNumber: m, sku: s ? sku(s) : null, units })) })] });
        const list = pickingList([o], new ProductTable([]));
        expect(list.reduce((acc, r) => acc + r.quantity, 0)).toBe(rows.reduce((acc, [, , u]) => acc + u, 0));
        expect(new Set(list.map((r) => `${r.manageNumber}/${r.sku}`)).size).toBe(list.length);
      }),
    );
  });
});

describe('packing check', () => {
  const parcel = pkg({ items: [item({ manageNumber: 'tea', units: 2 }), item({ itemDetailId: 2, manageNumber: 'cup', sku: sku('red'), units: 1 })] });
  const lines = packingLines(parcel, new ProductTable([{ manageNumber: 'tea', sku: '', location: null, jan: '4901234567894' }]));

  it('counts by JAN, SKU or 管理番号, refuses a wrong item and one too many, and completes when all are counted', () => {
    let state = lines;
    const scan = (code: string) => {
      const next = applyScan(state, code);
      state = next.lines;
      return next.outcome;
    };
    expect(scan('4901234567894')).toEqual({ kind: 'counted', line: 0, complete: false });
    expect(scan(' zzz ')).toEqual({ kind: 'wrongItem', code: 'zzz' });
    expect(scan('TEA')).toEqual({ kind: 'counted', line: 0, complete: false });
    expect(scan('tea')).toEqual({ kind: 'tooMany', line: 0 });
    expect(state.map((l) => l.counted)).toEqual([2, 0]);
    expect(scan('red')).toEqual({ kind: 'counted', line: 1, complete: true });
    expect(isComplete(state)).toBe(true);
  });

  it('property: a refused scan never changes a count, and counts never pass what is expected', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('tea', 'red', '4901234567894', 'x', ''), { maxLength: 20 }), (codes) => {
        let state = lines;
        for (const code of codes) {
          const next = applyScan(state, code);
          if (next.outcome.kind !== 'counted') expect(next.lines).toEqual(state);
          state = next.lines;
          expect(state.every((l) => l.counted <= l.expected)).toBe(true);
        }
      }),
    );
  });
});
