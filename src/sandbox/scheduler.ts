/**
 * Rakuten's time-driven rules as a queue of future events. Nothing runs in the background:
 * whenever the sandbox reads the clock it first applies every event that is due, oldest
 * first (ties in scheduling order), so a run is reproducible whatever the wall clock does.
 */
export type EventKind =
  | 'confirmationDeadline'
  | 'paymentProcessed'
  | 'paymentProblemCancel'
  | 'cancelFinalize'
  | 'shippingBatch'
  | 'settlementStart'
  | 'settlementComplete'
  | 'reauthorize'
  | 'changeFixed'
  | 'asyncShipping';

export interface ScheduledEvent {
  readonly at: number;
  readonly seq: number;
  readonly kind: EventKind;
  /** The order concerned, or the async request id for `asyncShipping`. */
  readonly subject: string;
  cancelled: boolean;
}

export class Scheduler {
  private readonly heap: ScheduledEvent[] = [];
  private seq = 0;

  schedule(at: number, kind: EventKind, subject: string): ScheduledEvent {
    const event: ScheduledEvent = { at, seq: this.seq++, kind, subject, cancelled: false };
    this.heap.push(event);
    this.siftUp(this.heap.length - 1);
    return event;
  }

  /** Removes and returns the earliest live event due at or before `now`. */
  popDue(now: number): ScheduledEvent | undefined {
    for (;;) {
      const top = this.heap[0];
      if (!top || top.at > now) return undefined;
      this.removeTop();
      if (!top.cancelled) return top;
    }
  }

  get size(): number {
    return this.heap.length;
  }

  clear(): void {
    this.heap.length = 0;
  }

  private before(a: ScheduledEvent, b: ScheduledEvent): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private removeTop(): void {
    const last = this.heap.pop() as ScheduledEvent;
    if (this.heap.length === 0) return;
    this.heap[0] = last;
    this.siftDown(0);
  }

  private siftUp(index: number): void {
    const h = this.heap;
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(h[i] as ScheduledEvent, h[parent] as ScheduledEvent)) break;
      [h[i], h[parent]] = [h[parent] as ScheduledEvent, h[i] as ScheduledEvent];
      i = parent;
    }
  }

  private siftDown(index: number): void {
    const h = this.heap;
    let i = index;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let smallest = i;
      if (l < h.length && this.before(h[l] as ScheduledEvent, h[smallest] as ScheduledEvent)) smallest = l;
      if (r < h.length && this.before(h[r] as ScheduledEvent, h[smallest] as ScheduledEvent)) smallest = r;
      if (smallest === i) return;
      [h[i], h[smallest]] = [h[smallest] as ScheduledEvent, h[i] as ScheduledEvent];
      i = smallest;
    }
  }
}
