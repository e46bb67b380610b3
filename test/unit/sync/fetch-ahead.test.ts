import { describe, expect, it } from 'vitest';
import { FetchAhead } from '../../../src/sync/fetch-ahead.ts';

/** A fetch whose calls the test answers by hand, recording how many were ever in flight at once. */
function manualFetch() {
  const calls: { item: number; resolve: (r: string) => void; reject: (e: Error) => void }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fetch = (item: number) =>
    new Promise<string>((resolve, reject) => {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      const done = () => inFlight--;
      calls.push({ item, resolve: (r) => (done(), resolve(r)), reject: (e) => (done(), reject(e)) });
    });
  return { fetch, calls, maxInFlight: () => maxInFlight };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('FetchAhead', () => {
  it('fetches one item after another and hands over everything that arrived, up to the look-ahead', async () => {
    const f = manualFetch();
    const ahead = new FetchAhead([1, 2, 3, 4, 5], f.fetch, 2);
    f.calls[0]!.resolve('a');
    expect(await ahead.take()).toEqual(['a']);
    await tick();
    f.calls[1]!.resolve('b');
    await tick();
    f.calls[2]!.resolve('c');
    await tick();
    // Two results wait: the look-ahead is full, so the fourth call has not started.
    expect(f.calls).toHaveLength(3);
    expect(await ahead.take()).toEqual(['b', 'c']);
    f.calls[3]!.resolve('d');
    await tick();
    f.calls[4]!.resolve('e');
    await tick();
    expect(await ahead.take()).toEqual(['d', 'e']);
    expect(await ahead.take()).toBeNull();
    expect(f.calls.map((c) => c.item)).toEqual([1, 2, 3, 4, 5]);
    expect(f.maxInFlight()).toBe(1);
  });

  it('hands over the results before a failed call, then throws its error', async () => {
    const f = manualFetch();
    const ahead = new FetchAhead([1, 2, 3], f.fetch, 5);
    f.calls[0]!.resolve('a');
    await tick();
    f.calls[1]!.reject(new Error('RMS down'));
    await tick();
    expect(await ahead.take()).toEqual(['a']);
    await expect(ahead.take()).rejects.toThrow('RMS down');
    expect(f.calls).toHaveLength(2);
  });

  it('settle() waits for the call in flight and starts no more', async () => {
    const f = manualFetch();
    const ahead = new FetchAhead([1, 2, 3], f.fetch, 5);
    let settled = false;
    const settling = ahead.settle().then(() => (settled = true));
    await tick();
    expect(settled).toBe(false);
    f.calls[0]!.resolve('a');
    await settling;
    expect(f.calls).toHaveLength(1);
  });

  it('has nothing to take when there is nothing to fetch', async () => {
    expect(await new FetchAhead([], manualFetch().fetch, 5).take()).toBeNull();
  });
});
