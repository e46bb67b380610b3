import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planWindows } from '../../../src/sync/windows.ts';

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
});
