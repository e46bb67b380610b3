/**
 * Time is injected everywhere, so tests and the demo can move it. Nothing in juchu calls
 * `new Date()` or `Date.now()` for business time; it asks a Clock.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that moves only when told: for tests. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date) {
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(instant: Date): void {
    this.current = instant.getTime();
  }

  advance(ms: number): void {
    this.current += ms;
  }
}

/**
 * Follows a sandbox clock (`JUCHU_CLOCK_URL`), so that juchu and the sandbox see the same
 * "now" when a test or the demo moves time. It keeps the offset from the local clock and
 * refreshes it on demand, so `now()` stays synchronous and cheap. A frozen sandbox clock is
 * followed exactly, not run on between refreshes: every process then reads the same instant,
 * and an operation one process enqueues "now" is due "now" in every other (a clock that ran on
 * and snapped back at each refresh could leave it not yet due for as long as the time stood still).
 */
export class RemoteClock implements Clock {
  private offsetMs = 0;
  private frozenAt: number | null = null;

  constructor(private readonly url: string) {}

  now(): Date {
    return new Date(this.frozenAt ?? Date.now() + this.offsetMs);
  }

  async refresh(): Promise<void> {
    const res = await fetch(this.url);
    if (!res.ok) throw new Error(`clock ${this.url} answered ${res.status}`);
    const body = (await res.json()) as { now: string; mode?: string };
    const remote = new Date(body.now).getTime();
    this.offsetMs = remote - Date.now();
    this.frozenAt = body.mode === 'frozen' ? remote : null;
  }

  static async connect(url: string): Promise<RemoteClock> {
    const clock = new RemoteClock(url);
    await clock.refresh();
    return clock;
  }
}
