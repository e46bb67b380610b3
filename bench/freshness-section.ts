import { freshnessRun, type FreshnessRun } from './freshness.bench.ts';
import type { Row, Section } from './report.ts';
import type { BenchSizes } from './run.ts';

/** Target for the time from an order's placing in RMS to its answer from juchu's API. */
const TARGET_P95_MS = 20_000;
/** The worker runs this long after the last new order, so that even today's scheduling reads every one. */
const TAIL_MS = 45_000;

/**
 * `--only freshness`: the `new` scenario with today's scheduling (the baseline) and with the
 * worker's new-order checks, then the `ship-by` scenario with the checks (bench/freshness.bench.ts
 * runs its baseline too, standalone). `--quick` leaves the `ship-by` run out: each run waits
 * for the worker's cycles, and three do not fit in its three minutes.
 */
export async function freshnessSection(sizes: BenchSizes, quick: boolean): Promise<Section[]> {
  const options = { backlog: sizes.freshnessBacklog, fresh: sizes.freshnessOrders, spacingMs: 2_000, tailMs: quick ? 12_000 : TAIL_MS };
  const today = await freshnessRun('new', false, options);
  const checked = await freshnessRun('new', true, options);
  const shipBy = quick ? null : await freshnessRun('ship-by', true, options);
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const callsRatio = checked.callsPerHour / today.callsPerHour;
  const latency = (name: string, r: FreshnessRun, baseline: FreshnessRun | null): Row => ({
    name: `${name}: median / p95 (${r.waitsMs.length} orders${r.unread ? `, ${r.unread} not read in time` : ''})`,
    value: `${s(r.p50Ms)} / ${s(r.p95Ms)}`,
    baseline: baseline ? `${s(baseline.p50Ms)} / ${s(baseline.p95Ms)} today's scheduling` : '',
    ratio: baseline ? `× ${(r.p95Ms / baseline.p95Ms).toFixed(2)} (p95)` : '',
    target: 'p95 ≤ 20 s',
    met: r.unread === 0 && r.p95Ms <= TARGET_P95_MS,
  });
  const calls = (r: FreshnessRun) => `${r.callsPerHour.toFixed(0)} (${r.calls} in ${r.seconds.toFixed(0)} s, ${r.cycles} cycles${r.refused ? `, ${r.refused} refused` : ''})`;
  return [
    {
      title: `Freshness: new orders readable through the API while a worker keeps ${sizes.freshnessBacklog.toLocaleString('en')} orders fresh (1 request/s, SQLite)`,
      note:
        `Each new order is placed in the sandbox ${options.spacingMs / 1000} s apart on average and asked for (GET /api/orders/:n) every 200 ms until it answers. ` +
        `Calls per hour from the sandbox ledger over whole worker periods (first cycle's end to last cycle's end). ` +
        `Today's scheduling: new orders only at each cycle's start (newOrderCheckIntervalMs 0, interval 30 s). ` +
        (shipBy ? `With a ${shipBy.queuedOperations.toLocaleString('en')}-operation 出荷予定日 backlog queued, ${shipBy.openOperations} were still open at the end. ` : '') +
        `Load average at the end of each run: ${[today, checked, shipBy].flatMap((r) => (r ? [r.load] : [])).join('; ')}.`,
      rows: [
        latency(`${sizes.freshnessBacklog.toLocaleString('en')} orders in 新規受付`, checked, today),
        {
          name: 'RMS calls per hour (sandbox ledger)',
          value: calls(checked),
          baseline: `${calls(today)} today's scheduling`,
          ratio: `× ${callsRatio.toFixed(2)}`,
          target: '≤ × 1.00',
          met: callsRatio <= 1,
        },
        ...(shipBy
          ? [
              latency(`${shipBy.queuedOperations.toLocaleString('en')} 出荷予定日 pushes queued`, shipBy, null),
              { name: 'RMS calls per hour with the push backlog', value: calls(shipBy), baseline: '', ratio: '', target: '', met: null },
            ]
          : []),
      ],
    },
  ];
}
