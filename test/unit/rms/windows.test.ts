import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planWindows, split } from '../../../src/sync/windows.ts';

const DAY = 86_400_000;

describe('search windows', () => {
  it('cover the whole range with windows of at most 63 days, in order, without gaps', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 700 * DAY }), fc.integer({ min: 0, max: 700 * DAY }), (startOffset, length) => {
        const from = new Date(Date.UTC(2025, 0, 1) + Math.floor(startOffset / 1000) * 1000);
        const to = new Date(from.getTime() + length);
        const windows = planWindows(from, to);
        expect(windows[0]!.from).toEqual(from);
        expect(windows.at(-1)!.to).toEqual(to);
        windows.forEach((w, i) => {
          expect(w.to.getTime() - w.from.getTime()).toBeLessThanOrEqual(63 * DAY);
          if (i > 0) expect(w.from.getTime()).toBe(windows[i - 1]!.to.getTime() + 1000);
        });
      }),
    );
  });

  it('splits a crowded window by its count into slices that meet without overlap, down to one second', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 63 * DAY / 1000 }), fc.integer({ min: 15_001, max: 2_000_000 }), fc.integer({ min: 0, max: 999 }), (seconds, total, ms) => {
        const from = new Date(Date.UTC(2026, 2, 1));
        const window = { from, to: new Date(from.getTime() + seconds * 1000 + ms) };
        const slices = split(window, total)!;
        expect(slices[0]!.from).toEqual(window.from);
        expect(slices.at(-1)!.to).toEqual(window.to);
        expect(slices.length).toBe(Math.min(Math.max(2, Math.ceil(total / 12_500)), seconds + 1));
        slices.forEach((s, i) => {
          expect(s.to.getTime()).toBeGreaterThanOrEqual(s.from.getTime());
          if (i > 0) expect(s.from.getTime()).toBe(slices[i - 1]!.to.getTime() + 1000);
        });
      }),
    );
    const oneSecond = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-01T00:00:00.500Z') };
    expect(split(oneSecond, 20_000)).toBeNull();
  });
});
