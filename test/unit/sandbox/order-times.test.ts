import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderTimes } from '../../../src/sandbox/order-times.ts';

const END = Date.parse('2026-12-02T14:59:59.400Z');
const HOUR = 3_600_000;

describe('generated order times', () => {
  it('are whole seconds, ascending, within the span, for either shape', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 5 * 24 * HOUR }), fc.constantFrom('even' as const, 'daytime' as const), (count, spread, shape) => {
        const times = orderTimes(count, END, spread, shape);
        expect(times).toHaveLength(count);
        const end = Math.floor(END / 1000) * 1000;
        times.forEach((t, i) => {
          expect(t % 1000).toBe(0);
          expect(t).toBeLessThanOrEqual(end);
          expect(t).toBeGreaterThanOrEqual(end - spread - 1000);
          if (i > 0) expect(t).toBeGreaterThanOrEqual(times[i - 1]!);
        });
      }),
      { numRuns: 50 },
    );
  });

  it('bunch a daytime day in the evening and thin it out before dawn (JST)', () => {
    const times = orderTimes(24_000, END, 24 * HOUR, 'daytime');
    const perJstHour = new Array<number>(24).fill(0);
    for (const t of times) perJstHour[new Date(t + 9 * HOUR).getUTCHours()]!++;
    expect(perJstHour[21]!).toBeGreaterThan(10 * perJstHour[4]!);
    expect(perJstHour[12]!).toBeGreaterThan(perJstHour[9]!);
  });
});
