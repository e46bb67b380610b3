/**
 * The sandbox's notion of now. `running` follows the system clock plus an offset (so moving
 * time keeps it running); `frozen` stands still until told to move.
 */
export type ClockMode = 'running' | 'frozen';

export class SandboxClock {
  private offsetMs = 0;
  private frozenAt: number;

  constructor(
    readonly mode: ClockMode,
    startAt: Date = new Date(),
    private readonly systemNow: () => number = Date.now,
  ) {
    this.frozenAt = startAt.getTime();
    this.offsetMs = startAt.getTime() - systemNow();
  }

  now(): Date {
    return new Date(this.mode === 'frozen' ? this.frozenAt : this.systemNow() + this.offsetMs);
  }

  advance(seconds: number): Date {
    this.offsetMs += seconds * 1000;
    this.frozenAt += seconds * 1000;
    return this.now();
  }

  set(at: Date): Date {
    this.frozenAt = at.getTime();
    this.offsetMs = at.getTime() - this.systemNow();
    return this.now();
  }
}
