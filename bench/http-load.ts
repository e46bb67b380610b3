import { Agent, request } from 'node:http';
import { summarise, type LatencySummary } from './stats.ts';

/** One kind of request the load mixes in; `path` is asked afresh for every request. */
export interface RequestKind {
  readonly name: string;
  readonly path: () => string;
}

export interface LoadOptions {
  readonly baseUrl: string;
  readonly token: string;
  readonly kinds: readonly RequestKind[];
  /** Clients, each with its own keep-alive connection, sending one request after another. */
  readonly concurrency: number;
  readonly warmupMs: number;
  readonly durationMs: number;
}

export interface LoadResult {
  readonly byKind: Readonly<Record<string, LatencySummary>>;
  readonly requestsPerSecond: number;
  /** Answers other than 200 and failed connections, by kind and status or error code. */
  readonly errors: Readonly<Record<string, number>>;
}

export interface AlternatingOptions extends Omit<LoadOptions, 'baseUrl'> {
  /** The servers compared, each loaded in turn. */
  readonly baseUrls: readonly string[];
  /** How many turns each server gets; `durationMs` is shared among them. */
  readonly rounds: number;
  /** Warm-up before each later turn, to open the clients' connections again. */
  readonly turnWarmupMs: number;
}

/**
 * Closed-loop load: `concurrency` clients each send a request, wait for the whole answer, and
 * send the next, cycling through the kinds from a different starting point each. Latency is
 * measured from sending to the last byte; only requests started after a turn's warm-up count.
 *
 * The same load goes to several servers in alternating turns (A B A B …), one result per server.
 * Whatever else runs on the machine (a sync's import, another process) changes over a run;
 * turns spread that change over every server alike, where one run after another would put
 * it all on one of them.
 */
export async function runAlternatingLoad(options: AlternatingOptions): Promise<LoadResult[]> {
  const turns: RawLoad[][] = options.baseUrls.map(() => []);
  const durationMs = options.durationMs / options.rounds;
  for (let round = 0; round < options.rounds; round++) {
    for (const [i, baseUrl] of options.baseUrls.entries()) {
      const warmupMs = round === 0 ? options.warmupMs : options.turnWarmupMs;
      turns[i]!.push(await collectLoad({ ...options, baseUrl, warmupMs, durationMs }));
    }
  }
  return turns.map(summariseLoad);
}

/** What one load measured, before it is summarised. */
interface RawLoad {
  readonly samples: ReadonlyMap<string, readonly number[]>;
  readonly measured: number;
  readonly durationMs: number;
  readonly errors: Readonly<Record<string, number>>;
}

async function collectLoad(options: LoadOptions): Promise<RawLoad> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const samples = new Map<string, number[]>(options.kinds.map((k) => [k.name, []]));
  const errors: Record<string, number> = {};
  const start = performance.now();
  const measureFrom = start + options.warmupMs;
  const end = measureFrom + options.durationMs;
  let measured = 0;

  const client = async (offset: number) => {
    for (let n = offset; performance.now() < end; n++) {
      const kind = options.kinds[n % options.kinds.length]!;
      const sent = performance.now();
      const status = await get(agent, options.baseUrl + kind.path(), options.token).catch((err: NodeJS.ErrnoException) => err.code ?? 'error');
      const took = performance.now() - sent;
      if (sent < measureFrom) continue;
      measured++;
      if (status === 200) samples.get(kind.name)!.push(took);
      else errors[`${kind.name} ${status}`] = (errors[`${kind.name} ${status}`] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, i) => client(i)));
  agent.destroy();
  return { samples, measured, durationMs: options.durationMs, errors };
}

function summariseLoad(loads: readonly RawLoad[]): LoadResult {
  const samples = new Map<string, number[]>();
  const errors: Record<string, number> = {};
  for (const load of loads) {
    for (const [name, s] of load.samples) samples.set(name, [...(samples.get(name) ?? []), ...s]);
    for (const [key, n] of Object.entries(load.errors)) errors[key] = (errors[key] ?? 0) + n;
  }
  const measured = loads.reduce((n, load) => n + load.measured, 0);
  const seconds = loads.reduce((ms, load) => ms + load.durationMs, 0) / 1000;
  const byKind = Object.fromEntries([...samples].map(([name, s]) => [name, summarise(s)]));
  return { byKind, requestsPerSecond: measured / seconds, errors };
}

function get(agent: Agent, url: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
