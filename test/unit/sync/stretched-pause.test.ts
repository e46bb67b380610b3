import { describe, expect, it } from 'vitest';
import { roomForCheck, stretchedPause, type Pause } from '../../../src/sync/worker.ts';

/** A pause with nothing falling due after it. */
const pause = (ms: number): Pause => ({ ms, dueInMs: Number.POSITIVE_INFINITY });

describe('the pause after a cycle, with new-order checks in it', () => {
  it('stays as it is without checks or without calls to go by', () => {
    expect(stretchedPause(pause(30_000), { ms: 14_000, rmsCalls: 14 }, 0, 30_000)).toBe(30_000);
    expect(stretchedPause(pause(30_000), { ms: 500, rmsCalls: 0 }, 3, 30_000)).toBe(30_000);
  });

  it('grows so that cycle, pause and checks make the calls per hour of a cycle and its pause', () => {
    const cycle = { ms: 14_000, rmsCalls: 14 };
    const stretched = stretchedPause(pause(30_000), cycle, 7, 30_000);
    expect(stretched).toBe(52_000);
    expect((cycle.rmsCalls + 7) / (cycle.ms + stretched)).toBeCloseTo(cycle.rmsCalls / (cycle.ms + 30_000), 12);
  });

  it('never stretches a pause cut short for a lease, retry or verification falling due', () => {
    expect(stretchedPause(pause(4_000), { ms: 500, rmsCalls: 4 }, 5, 30_000)).toBe(4_000);
  });

  it('ends when what falls due just after the interval comes, however much the checks would stretch it', () => {
    // A dead worker's operation lease ends 32 s after a quiet cycle: the pause is the interval,
    // and three checks would stretch it to 56 s, past the moment its work could be taken over.
    expect(stretchedPause({ ms: 30_000, dueInMs: 32_000 }, { ms: 5_000, rmsCalls: 4 }, 3, 30_000)).toBe(32_000);
    expect(stretchedPause(pause(30_000), { ms: 5_000, rmsCalls: 4 }, 3, 30_000)).toBe(56_250);
  });

  it('stays within two intervals when a quiet cycle made few calls, so the next cycle always comes', () => {
    expect(stretchedPause(pause(30_000), { ms: 500, rmsCalls: 1 }, 50, 30_000)).toBe(60_000);
  });

  it('leaves no room for another check once its calls could not be paid for within the cap', () => {
    const busy = { ms: 10_000, rmsCalls: 8 };
    // (10 + 30) × (8 + k) / 8 − 10 ≤ 60 holds up to k = 6 checks' calls.
    expect(roomForCheck(30_000, busy, 5, 30_000)).toBe(true);
    expect(roomForCheck(30_000, busy, 6, 30_000)).toBe(false);
    // A quiet cycle of four calls pays for three checks' calls; one of a single call for none, as
    // each check would cost what the cycle does. A pause cut short is never stretched: checks go on.
    expect(roomForCheck(30_000, { ms: 500, rmsCalls: 4 }, 2, 30_000)).toBe(true);
    expect(roomForCheck(30_000, { ms: 500, rmsCalls: 4 }, 3, 30_000)).toBe(false);
    expect(roomForCheck(30_000, { ms: 500, rmsCalls: 1 }, 0, 30_000)).toBe(false);
    expect(roomForCheck(4_000, { ms: 500, rmsCalls: 4 }, 5, 30_000)).toBe(true);
  });

  it('keeps the calls per hour of the cycles alone, whatever the checks found, while it checks only with room', () => {
    for (const cycle of [{ ms: 500, rmsCalls: 1 }, { ms: 10_000, rmsCalls: 8 }, { ms: 40_000, rmsCalls: 60 }]) {
      let calls = 0;
      while (roomForCheck(30_000, cycle, calls, 30_000)) calls += 1;
      const stretched = stretchedPause(pause(30_000), cycle, calls, 30_000);
      expect((cycle.rmsCalls + calls) / (cycle.ms + stretched)).toBeLessThanOrEqual(cycle.rmsCalls / (cycle.ms + 30_000) + 1e-12);
    }
  });
});
