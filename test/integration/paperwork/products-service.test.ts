import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../../src/app/caller.ts';
import type { App } from '../../../src/composition/compose.ts';
import { ManualClock } from '../../../src/ports/clock.ts';
import { createTestApp } from '../../support/app.ts';

const ROWS = [{ manageNumber: 'tea-01', sku: '', location: 'A-1', jan: null }];
const staffOf = (...codes: string[]): Caller => ({ role: 'staff', shops: { all: false, codes } });

describe('the product table through PaperworkService', () => {
  let app: App;
  beforeEach(async () => {
    app = await createTestApp(new ManualClock(new Date('2026-04-01T00:00:00Z')));
  });
  afterEach(() => app.close());

  it('replaces and counts a shop’s rows for a caller who sees the shop', async () => {
    await app.paperwork.replaceProducts(staffOf('shop-a'), 'shop-a', ROWS);
    expect(await app.paperwork.productCount(staffOf('shop-a'), 'shop-a')).toBe(1);
  });

  it('answers a shop the caller does not see as not found, and lets a viewer only read', async () => {
    await expect(app.paperwork.replaceProducts(staffOf('shop-b'), 'shop-a', ROWS)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(app.paperwork.productCount(staffOf('shop-b'), 'shop-a')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const viewer: Caller = { role: 'viewer', shops: { all: false, codes: ['shop-a'] } };
    await expect(app.paperwork.replaceProducts(viewer, 'shop-a', ROWS)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await app.paperwork.productCount(viewer, 'shop-a')).toBe(0);
  });
});
