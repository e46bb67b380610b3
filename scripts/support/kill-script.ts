/**
 * What the kill-and-restart scripts (crash, recovery, mail crash) share: a seeded random source,
 * so a failing run's kill moments can be replayed from its seed, and their command-line half,
 * so each script is also a plain function its reliability test calls at a smaller size.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** mulberry32: small, fast and repeatable from a 32-bit seed; nothing here needs more. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface KillReport {
  readonly problems: readonly string[];
}

/**
 * When `metaUrl` is the script node was started with: reads `--name value` numeric options over
 * `defaults` (plus `--seed`, default from the wall clock), runs, prints the report with its seed
 * as JSON and exits 1 when it lists any problem.
 */
export async function runWhenStarted<Name extends string>(
  metaUrl: string,
  defaults: Readonly<Record<Name, number>>,
  run: (options: Readonly<Record<Name, number>> & { readonly seed: number }) => Promise<KillReport>,
): Promise<void> {
  if (metaUrl !== pathToFileURL(process.argv[1] ?? '').href) return;
  const names = [...Object.keys(defaults), 'seed'];
  const { values } = parseArgs({ options: Object.fromEntries(names.map((name) => [name, { type: 'string' as const }])) });
  const read = (name: string, fallback: number): number => {
    const given = values[name];
    const value = typeof given === 'string' ? Number(given) : fallback;
    if (!Number.isFinite(value)) throw new Error(`--${name} takes a number, got ${String(given)}`);
    return value;
  };
  const options = Object.fromEntries(Object.entries<number>(defaults).map(([name, fallback]) => [name, read(name, fallback)])) as Record<Name, number>;
  const seed = read('seed', Date.now() % 100_000);
  const report = await run({ ...options, seed });
  console.log(JSON.stringify({ ...report, seed }, null, 2));
  process.exit(report.problems.length === 0 ? 0 : 1);
}
