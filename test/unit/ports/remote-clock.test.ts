import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RemoteClock } from '../../../src/ports/clock.ts';

const URL = 'http://sandbox.test/sandbox/clock';

/** The sandbox's clock endpoint, answering `now` in JST as the sandbox does, with its mode. */
function answer(now: string, mode: 'frozen' | 'running'): void {
  vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ now, mode }), { status: 200 })));
}

/** What a clock connected to a sandbox answering `now` in `mode` reads `ms` of local time later. */
async function readAfter(now: string, mode: 'frozen' | 'running', ms: number): Promise<string> {
  answer(now, mode);
  const clock = await RemoteClock.connect(URL);
  vi.advanceTimersByTime(ms);
  return clock.now().toISOString();
}

describe('RemoteClock', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('stands still with a frozen sandbox clock between refreshes', async () => {
    expect(await readAfter('2026-05-11T10:00:00.000+09:00', 'frozen', 250)).toBe('2026-05-11T01:00:00.000Z');
  });

  it('runs on with a running sandbox clock, from the offset it last read', async () => {
    expect(await readAfter('2026-05-11T10:00:00.000+09:00', 'running', 250)).toBe('2026-05-11T01:00:00.250Z');
  });

  it('follows the mode of each refresh', async () => {
    answer('2026-05-11T10:00:00.000+09:00', 'frozen');
    const clock = await RemoteClock.connect(URL);
    answer('2026-05-11T10:30:00.000+09:00', 'running');
    await clock.refresh();
    vi.advanceTimersByTime(1_000);
    expect(clock.now().toISOString()).toBe('2026-05-11T01:30:01.000Z');
  });
});
