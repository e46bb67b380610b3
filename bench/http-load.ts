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

/**
 * Closed-loop load: `concurrency` clients each send a request, wait for the whole answer, and
 * send the next, cycling through the kinds from a different starting point each. Latency is
 * measured from sending to the last byte; only requests started after the warm-up count.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
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
  const byKind = Object.fromEntries([...samples].map(([name, s]) => [name, summarise(s)]));
  return { byKind, requestsPerSecond: measured / (options.durationMs / 1000), errors };
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
