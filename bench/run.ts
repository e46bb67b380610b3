/**
 * `npm run bench`: juchu against its limits on this machine. Prints a table and writes
 * docs/PERFORMANCE.md. Each figure stands beside a baseline measured in the same run.
 *
 *   npm run bench                 default sizes (each section has a time budget, SECTION_BUDGETS; 15 minutes in all)
 *   npm run bench -- --quick      small sizes, to check the harness (figures not comparable; under 3 minutes)
 *   npm run bench -- --memory-orders 20000   any size below, in kebab case
 *   npm run bench -- --only latency   re-measure one part (SECTION_NAMES); the
 *                                     report takes the other parts from their last run
 *
 * PostgreSQL figures use JUCHU_BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/test);
 * the benchmark creates and drops its own databases next to it.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { benchApiLatency } from './api-latency.ts';
import { ROOT } from './processes.ts';
import { renderReport, spliceSections, type Section } from './report.ts';
import { benchImport } from './import.bench.ts';
import { benchMail, mailSection } from './mail.bench.ts';
import { benchSandbox } from './sandbox.bench.ts';
import { importSections, searchShapeSections } from './import-sections.ts';
import { scaleOutSections } from './scale-out.bench.ts';
import { paperworkSections } from './paperwork.bench.ts';
import { shippingSections } from './shipping.bench.ts';
import { benchAutomation } from './automation.bench.ts';
import { freshnessSection } from './freshness-section.ts';

export interface BenchSizes {
  readonly memoryOrders: number;
  readonly pgImportOrders: number;
  readonly rateLimitedOrders: number;
  /** benchImport's in-process import, where juchu's own time per order shows apart from RMS's. */
  readonly inProcessImportOrders: number;
  readonly latencyOrders: number;
  readonly latencyShops: number;
  readonly latencyConcurrency: number;
  readonly latencyWarmupMs: number;
  readonly latencyDurationMs: number;
  readonly latencyRounds: number;
  readonly latencySyncOrders: number;
  /** Orders over `scaleOutShops` shops imported by 1, 2 and 3 worker processes. */
  readonly scaleOutOrders: number;
  readonly scaleOutShops: number;
  /** The sandbox's answer time, standing in for the round trip to Rakuten. */
  readonly scaleOutLatencyMs: number;
  /** Orders of the run where Rakuten's 1 request/s binds. */
  readonly scaleOutLimitedOrders: number;
  /** Orders exported as label data and tracking rows imported back (docs/SHIPPING.md). */
  readonly shippingOrders: number;
  /** Orders imported once per placement (even, bunched, daytime) to count RMS calls. */
  readonly shapeOrders: number;
  /** 新規受付 orders printed as one PDF of 納品書. */
  readonly paperworkSlips: number;
  /** Buyer mails sent through the sandbox SMTP relay, by juchu and by plain nodemailer. */
  readonly mails: number;
  /** Orders imported without and with `automationRules` sorting rules (docs/AUTOMATION.md). */
  readonly automationOrders: number;
  readonly automationRules: number;
  /** Orders in 新規受付 (or with a 出荷予定日 push queued) that the worker keeps fresh. */
  readonly freshnessBacklog: number;
  /** New orders placed one at a time while it does, in each freshness run. */
  readonly freshnessOrders: number;
}

const DEFAULT_SIZES: BenchSizes = {
  memoryOrders: 100_000,
  pgImportOrders: 20_000,
  rateLimitedOrders: 2_500,
  inProcessImportOrders: 5_000,
  latencyOrders: 1_000_000,
  latencyShops: 10,
  latencyConcurrency: 50,
  latencyWarmupMs: 5_000,
  latencyDurationMs: 30_000,
  latencyRounds: 3,
  latencySyncOrders: 20_000,
  scaleOutOrders: 600,
  scaleOutShops: 12,
  scaleOutLatencyMs: 250,
  scaleOutLimitedOrders: 600,
  shippingOrders: 5_000,
  shapeOrders: 20_000,
  paperworkSlips: 500,
  mails: 1_000,
  automationOrders: 20_000,
  automationRules: 50,
  freshnessBacklog: 1_000,
  freshnessOrders: 20,
};

const QUICK_SIZES: BenchSizes = {
  memoryOrders: 3_000,
  pgImportOrders: 2_000,
  rateLimitedOrders: 300,
  inProcessImportOrders: 500,
  latencyOrders: 20_000,
  latencyShops: 4,
  latencyConcurrency: 50,
  latencyWarmupMs: 1_000,
  latencyDurationMs: 5_000,
  latencyRounds: 1,
  latencySyncOrders: 1_000,
  scaleOutOrders: 120,
  scaleOutShops: 6,
  scaleOutLatencyMs: 100,
  scaleOutLimitedOrders: 200,
  shippingOrders: 500,
  shapeOrders: 2_000,
  paperworkSlips: 100,
  mails: 200,
  automationOrders: 2_000,
  automationRules: 50,
  freshnessBacklog: 200,
  freshnessOrders: 4,
};

const SECTION_NAMES = ['sandbox', 'import', 'search-shapes', 'import-cost', 'latency', 'scale-out', 'shipping', 'paperwork', 'mail', 'automation', 'freshness'] as const;
type SectionName = (typeof SECTION_NAMES)[number];

/**
 * Seconds each section may take on this 2-core machine (default sizes, then --quick): about 15
 * minutes in all (907 s), 3 with --quick. A section over its budget is reported (console, docs/PERFORMANCE.md)
 * and makes the run fail, like a missed target. The latency budget assumes the 1M-order
 * database is cached in data/bench/ (building it takes about 2–3 minutes more, once). Set from
 * a whole run on the quiet machine (2026-12-02, load < 1: 823 s in all, each section 3–30%
 * under its budget; --quick about 160 s since its freshness section left the ship-by run out,
 * its budgets adding up to a little over 3 minutes so that one section's noise does not fail a
 * harness check); a loaded machine overruns them. The rules section imports 20,000 orders twice
 * since 2026-12-02 (38–50 s); the small sections gave up what that run left unused. The
 * machine's own speed varies too: a later whole run at load ≈ 1.5 measured the raw insert
 * baseline 26% slower and overran import (236 s) and scale-out (76 s).
 */
export const SECTION_BUDGETS: Readonly<Record<SectionName, { readonly default: number; readonly quick: number }>> = {
  sandbox: { default: 5, quick: 5 },
  import: { default: 205, quick: 25 },
  'search-shapes': { default: 75, quick: 18 },
  'import-cost': { default: 12, quick: 5 },
  latency: { default: 90, quick: 20 },
  'scale-out': { default: 65, quick: 38 },
  shipping: { default: 18, quick: 5 },
  paperwork: { default: 12, quick: 5 },
  mail: { default: 10, quick: 4 },
  automation: { default: 50, quick: 5 },
  freshness: { default: 365, quick: 62 },
};

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const onlyArg = args[args.indexOf('--only') + 1];
  const only = args.includes('--only') && onlyArg ? new Set(onlyArg.split(',')) : new Set<string>(SECTION_NAMES);
  const sizes = withOverrides(quick ? QUICK_SIZES : DEFAULT_SIZES, args);
  const pgUrl = process.env.JUCHU_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const cacheDir = join(ROOT, 'data/bench');
  const started = new Date();
  const loadBefore = loadavg();
  const runStarted = performance.now();

  const profile = quick ? 'quick' : 'default';
  const resultsFile = join(cacheDir, `results-${profile}.json`);
  // The last measurement of every part, so that re-measuring one part still gives a whole report.
  const results: Record<string, Section[]> = existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, Section[]>) : {};
  const run = async (name: SectionName, produce: () => Promise<Section[]>) => {
    if (!only.has(name)) return;
    const t = performance.now();
    const budgetSeconds = SECTION_BUDGETS[name][quick ? 'quick' : 'default'];
    process.stderr.write(`bench: ${name} (budget ${budgetSeconds} s)…\n`);
    let produced: Section[];
    try {
      produced = await produce();
    } catch (err) {
      produced = [{ title: name, rows: [], failure: err instanceof Error ? err.message : String(err) }];
    }
    const measuredAt = new Date().toISOString();
    const setupSeconds = Math.round(Math.max(0, ...produced.map((section) => section.setupSeconds ?? 0)));
    const seconds = Math.round((performance.now() - t) / 1000) - setupSeconds;
    const load = loadavg()[0]!.toFixed(1);
    results[name] = produced.map((section) => ({ ...section, measuredAt, profile, time: { seconds, budgetSeconds, load, setupSeconds } }));
    process.stderr.write(`bench: ${name} done in ${seconds} s of ${budgetSeconds} s${seconds > budgetSeconds ? ' — OVER BUDGET' : ''} (load ${load})\n`);
  };

  await run('sandbox', async () => [figuresSection('Sandbox (so nobody mistakes it for the bottleneck)', await benchSandbox())]);
  await run('import', () => importSections(sizes, pgUrl));
  await run('search-shapes', () => searchShapeSections(sizes));
  await run('import-cost', async () => [
    figuresSection('In-process import cost, SQLite (benchImport)', await benchImport({ orders: sizes.inProcessImportOrders })),
    figuresSection('In-process import cost, PostgreSQL (benchImport)', await benchImport({ orders: sizes.inProcessImportOrders, postgresUrl: pgUrl })),
  ]);
  await run('latency', async () => [
    latencySection(
      await benchApiLatency({
        orders: sizes.latencyOrders,
        shops: sizes.latencyShops,
        concurrency: sizes.latencyConcurrency,
        warmupMs: sizes.latencyWarmupMs,
        durationMs: sizes.latencyDurationMs,
        rounds: sizes.latencyRounds,
        syncOrders: sizes.latencySyncOrders,
        cacheDir,
      }),
    ),
  ]);

  await run('scale-out', () => scaleOutSections(sizes, pgUrl));
  await run('paperwork', () => paperworkSections(sizes.paperworkSlips));
  await run('shipping', () => shippingSections(sizes));
  await run('mail', async () => [mailSection(await benchMail({ mails: sizes.mails }))]);
  await run('automation', async () => {
    const a = await benchAutomation({ orders: sizes.automationOrders, rules: sizes.automationRules });
    return [
      {
        title: `Sorting rules on import (SQLite, in-process, ${a.orders.toLocaleString('en')} orders)`,
        note: 'The same import (benchImport) without rules and with the rules, one after the other in this run; the rules are varied like a shop’s and half of them set a work state.',
        rows: [
          {
            name: `orders/s with ${a.rules} rules`,
            value: a.withRulesPerSecond.toFixed(0),
            baseline: `${a.withoutRulesPerSecond.toFixed(0)} without rules`,
            ratio: `${(a.ratio * 100).toFixed(0)}%`,
            target: '≥ 80%',
            met: a.ratio >= 0.8,
          },
        ],
      },
    ];
  });

  await run('freshness', async () => freshnessSection(sizes, quick));

  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(resultsFile, JSON.stringify(results, null, 2));
  const sections = SECTION_NAMES.flatMap((name) => results[name] ?? []);
  const report = renderReport({
    date: started,
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${process.platform}`,
    load: `load average ${loadBefore.map((l) => l.toFixed(1)).join(' / ')} at the start, ${loadavg().map((l) => l.toFixed(1)).join(' / ')} at the end (1/5/15 min)`,
    profile: quick ? 'quick (harness check; not comparable)' : 'default',
    sizes,
    totalSeconds: (performance.now() - runStarted) / 1000,
    measured: [...only].join(', '),
    sections,
  });
  process.stdout.write(report.table);
  const reportFile = quick ? join(cacheDir, 'PERFORMANCE.quick.md') : join(ROOT, 'docs/PERFORMANCE.md');
  // Parts neither measured now nor cached keep what the file says about them.
  const uncached = SECTION_NAMES.some((name) => !results[name]);
  const measuredNow = SECTION_NAMES.filter((name) => only.has(name)).flatMap((name) => results[name] ?? []);
  writeFileSync(reportFile, uncached && existsSync(reportFile) ? spliceSections(readFileSync(reportFile, 'utf8'), measuredNow) : report.markdown);
  const overBudget = sections.filter((s) => s.time && s.profile === profile && s.time.seconds > s.time.budgetSeconds);
  return sections.some((s) => s.failure || s.rows.some((r) => r.met === false)) || overBudget.length > 0 ? 1 : 0;
}

/** `--latency-orders 200000` overrides `latencyOrders`, and so on for every size. */
function withOverrides(sizes: BenchSizes, args: readonly string[]): BenchSizes {
  const out: Record<string, number> = { ...sizes };
  for (const key of Object.keys(sizes)) {
    const flag = `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    const at = args.indexOf(flag);
    if (at < 0) continue;
    const value = Number(args[at + 1]);
    if (!Number.isInteger(value) || value <= 0) throw new Error(`${flag} needs a positive whole number`);
    out[key] = value;
  }
  return out as unknown as BenchSizes;
}

/** Named figures from another engineer's benchmark, shown as they come. */
function figuresSection(title: string, figures: Record<string, number>): Section {
  return {
    title,
    rows: Object.entries(figures).map(([name, value]) => ({ name, value: String(value), baseline: '', ratio: '', target: '', met: null })),
  };
}

function latencySection(r: Awaited<ReturnType<typeof benchApiLatency>>): Section {
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const gated = new Set(['list', 'counts', 'detail']);
  // The p95 target counts only where the bare route reaches 2,000 requests/s; the share always does.
  const p95Counts = r.bare.requestsPerSecond >= 2_000;
  const share = r.requestsPerSecond / r.bare.requestsPerSecond;
  return {
    setupSeconds: r.reusedSeed ? 0 : r.seededSeconds,
    title: `API latency at ${r.orders.toLocaleString('en')} orders, ${r.concurrency} concurrent clients, sync running`,
    note:
      `Baseline: the same requests on bench/bare-server-process.ts (a bare Fastify route per page running the same repositories' SQL through the same driver, no session, token, validation or presenter, sending the stored fields juchu's pages are made of), in ${r.rounds} alternating turn(s) with juchu's server under the same sync. ` +
      `${r.requestsPerSecond.toFixed(0)} requests/s in all; sync: ${r.syncCycles} cycle(s) ended during the load, ${r.syncImported} orders imported` +
      (r.syncErrors.length ? `, errors: ${r.syncErrors.join('; ')}` : '') +
      (Object.keys(r.errors).length ? `; non-200 answers: ${JSON.stringify(r.errors)}` : '') +
      `; seed ${r.reusedSeed ? 'reused from data/bench/' : `built in ${r.seededSeconds.toFixed(0)} s`}.`,
    rows: [
      {
        name: 'requests/s, all kinds',
        value: r.requestsPerSecond.toFixed(0),
        baseline: `${r.bare.requestsPerSecond.toFixed(0)} bare Fastify route`,
        ratio: `${(share * 100).toFixed(0)}%`,
        target: '≥ 50%',
        met: share >= 0.5,
      },
      ...Object.entries(r.byKind).map(([kind, s]) => {
        const bare = r.bare.byKind[kind];
        return {
          name: `${kind}: p50 / p95 / p99 (n=${s.count})`,
          value: `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)}`,
          baseline: bare ? `${ms(bare.p50)} / ${ms(bare.p95)} / ${ms(bare.p99)} bare (n=${bare.count})` : '',
          // Both loads last as long: answered requests compare as requests/s.
          ratio: bare ? `${((s.count / bare.count) * 100).toFixed(0)}% of its requests/s` : '',
          target: gated.has(kind) ? `p95 ≤ 50 ms${p95Counts ? '' : ' (reported: bare < 2,000/s)'}` : '',
          met: gated.has(kind) && p95Counts ? s.p95 <= 50 : null,
        };
      }),
    ],
  };
}

process.exitCode = await main();
