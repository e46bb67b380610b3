import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeImport } from '../../../src/app/admin/import-progress.ts';

const START = new Date('2026-11-02T01:00:00Z');
const at = (seconds: number) => new Date(START.getTime() + seconds * 1000);
const progress = (found: number, imported: number, extra: { finishedAt?: Date; error?: string } = {}) => ({
  shopCode: 's',
  startedAt: START,
  updatedAt: START,
  finishedAt: extra.finishedAt ?? null,
  found,
  imported,
  error: extra.error ?? null,
});

describe('first import progress', () => {
  it('estimates the time left at the rate limit: one getOrder call per 100 orders still to fetch', () => {
    expect(describeImport(progress(1_000, 250), 1, at(10)).remainingSeconds).toBe(8);
    expect(describeImport(progress(1_000, 250), 2, at(10)).remainingSeconds).toBe(4);
    expect(describeImport(progress(1_000, 1_000), 1, at(10)).remainingSeconds).toBe(0);
  });

  it('estimates an unlimited shop from its own pace, and knows nothing before the first orders', () => {
    expect(describeImport(progress(1_000, 250), 0, at(10)).remainingSeconds).toBe(30);
    expect(describeImport(progress(0, 0), 0, at(10))).toMatchObject({ state: 'waiting', remainingSeconds: null });
  });

  it('says finished, stalled or running', () => {
    expect(describeImport(progress(10, 10, { finishedAt: at(4) }), 1, at(60))).toMatchObject({ state: 'finished', elapsedSeconds: 4, remainingSeconds: 0 });
    expect(describeImport(progress(10, 3, { error: 'RMS unavailable' }), 1, at(6)).state).toBe('stalled');
    expect(describeImport(progress(10, 3), 1, at(6)).state).toBe('running');
  });

  it('never estimates a negative time, and fetching more never makes it longer at a fixed rate', () => {
    fc.assert(
      fc.property(fc.nat(200_000), fc.nat(200_000), fc.nat(200_000), fc.integer({ min: 1, max: 10 }), fc.nat(86_400), (found, a, b, rate, elapsed) => {
        const [less, more] = a <= b ? [a, b] : [b, a];
        const before = describeImport(progress(found, less), rate, at(elapsed));
        const after = describeImport(progress(found, more), rate, at(elapsed));
        if (found > 0) {
          expect(before.remainingSeconds!).toBeGreaterThanOrEqual(0);
          expect(after.remainingSeconds!).toBeLessThanOrEqual(before.remainingSeconds!);
        }
        expect(before.elapsedSeconds).toBe(elapsed);
      }),
    );
  });
});
