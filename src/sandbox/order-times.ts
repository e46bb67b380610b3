/**
 * When generated orders were placed: spread over a span that ends now, either evenly or as a
 * shop's day goes (few at night, a lunchtime rise and an evening peak, in JST). Import costs
 * depend on how orders fall in a search window, so benchmarks and tests need both.
 */
export type OrderTimeShape = 'even' | 'daytime';

const HOUR_MS = 3_600_000;
const JST_OFFSET_MS = 9 * HOUR_MS;

/** Orders per JST hour of the day, relative: quiet 2–7 h, up at lunch, highest 20–23 h. */
const DAYTIME_WEIGHTS = [4, 2, 1, 1, 1, 1, 1, 2, 4, 6, 8, 9, 12, 10, 8, 8, 8, 9, 10, 12, 16, 18, 16, 8];

/** `count` instants (whole seconds, ascending) within [end - spread, end]. */
export function orderTimes(count: number, endMs: number, spreadMs: number, shape: OrderTimeShape = 'even'): number[] {
  const end = Math.floor(endMs / 1000) * 1000;
  if (count <= 0) return [];
  if (count === 1 || spreadMs <= 0) return Array.from({ length: count }, () => end);
  if (shape === 'even') return Array.from({ length: count }, (_, i) => end - Math.floor((spreadMs * (count - 1 - i)) / (count - 1) / 1000) * 1000);
  return daytimeTimes(count, end - spreadMs, end);
}

/**
 * The inverse of the daytime distribution's CDF over [start, end], hour by hour, read at
 * `count` evenly spaced quantiles in one pass (the quantiles only grow).
 */
function daytimeTimes(count: number, start: number, end: number): number[] {
  const buckets: { from: number; to: number; mass: number }[] = [];
  let total = 0;
  for (let from = start; from < end; ) {
    const to = Math.min(end, Math.floor((from + JST_OFFSET_MS) / HOUR_MS) * HOUR_MS + HOUR_MS - JST_OFFSET_MS);
    const mass = DAYTIME_WEIGHTS[new Date(from + JST_OFFSET_MS).getUTCHours()]! * (to - from);
    buckets.push({ from, to, mass });
    total += mass;
    from = to;
  }
  const times: number[] = [];
  let b = 0;
  let before = 0; // the mass of the buckets before b
  for (let i = 0; i < count; i++) {
    const wanted = (i / (count - 1)) * total;
    while (b < buckets.length - 1 && before + buckets[b]!.mass < wanted) before += buckets[b++]!.mass;
    const { from, to, mass } = buckets[b]!;
    const at = mass === 0 ? from : from + Math.min(1, (wanted - before) / mass) * (to - from);
    times.push(Math.floor(at / 1000) * 1000);
  }
  return times;
}
