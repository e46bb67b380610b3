/**
 * Fetches items strictly one after another — never two calls in flight — while the consumer
 * works on what has already arrived, keeping at most `ahead` results waiting. `take()` hands
 * over every result that has arrived, so a consumer slower than the fetching gets bigger
 * batches instead of falling further behind.
 */
export class FetchAhead<I, R> {
  private readonly arrived: R[] = [];
  private next = 0;
  private inFlight: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly items: readonly I[],
    private readonly fetch: (item: I) => Promise<R>,
    private readonly ahead: number,
  ) {
    this.fetchMore();
  }

  /** Every result that has arrived (waiting for one if none has); null once all are taken. A failed fetch throws here, after the results before it. */
  async take(): Promise<R[] | null> {
    while (this.arrived.length === 0) {
      if (!this.inFlight) return null;
      await this.inFlight;
    }
    const results = this.arrived.splice(0);
    this.fetchMore();
    return results;
  }

  /** Starts no more calls and waits for the one in flight, whatever its outcome, so that nothing overlaps the caller's next call. */
  async settle(): Promise<void> {
    this.stopped = true;
    await this.inFlight?.catch(() => {});
  }

  private fetchMore(): void {
    if (this.stopped || this.inFlight || this.next >= this.items.length || this.arrived.length >= this.ahead) return;
    const call = this.fetch(this.items[this.next++]!).then((result) => {
      this.arrived.push(result);
      this.inFlight = null;
      this.fetchMore();
    });
    // Awaited by take() or settle(); until then a failure must not count as unhandled.
    call.catch(() => {});
    this.inFlight = call;
  }
}
