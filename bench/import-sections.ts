import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate, openDatabase } from '../src/store/database.ts';
import { runImportProcess, type ImportProcessResult } from './import-process.ts';
import { measureRawInsert, type RawInsertResult } from './raw-insert.ts';
import type { Row, Section } from './report.ts';
import type { BenchSizes } from './run.ts';

/**
 * Import figures: throughput into SQLite and PostgreSQL beside the raw insert rate of the same
 * rows, RMS calls against the minimum, the worker's peak RSS, and the time to import under
 * Rakuten's 1 request/s against the API-bound minimum.
 */
export async function importSections(sizes: BenchSizes, pgUrl: string): Promise<Section[]> {
  const sqlite = await importWithBaseline(sqliteDatabases(), sizes.memoryOrders, 0);
  const postgres = await importWithBaseline(postgresDatabases(pgUrl), sizes.pgImportOrders, 0);
  const limited = await importWithBaseline(sqliteDatabases(), sizes.rateLimitedOrders, 1, false);
  const i = sqlite.imported;
  return [
    {
      title: 'Import throughput (sandbox, rate limiter off)',
      note: 'Import rate from the run record (first RMS call to last commit); raw = the same order rows re-inserted with plain 100-row INSERTs, 10,000 per transaction, through the same driver.',
      rows: [throughputRow('SQLite', sqlite), throughputRow('PostgreSQL', postgres)],
    },
    {
      title: `RMS calls for ${i.orders.toLocaleString('en')} orders (sandbox ledger)`,
      rows: [
        {
          name: 'getOrder + searchOrder (other calls)',
          value: `${i.calls.getOrder} + ${i.calls.searchOrder} = ${i.calls.getOrder + i.calls.searchOrder} (${i.calls.other})`,
          baseline: `${i.minimumCalls} = ceil(N/100) + ceil(N/1000)`,
          ratio: ratio((i.calls.getOrder + i.calls.searchOrder) / i.minimumCalls),
          target: 'within 1%',
          met: i.calls.getOrder + i.calls.searchOrder <= i.minimumCalls * 1.01,
        },
      ],
    },
    {
      title: 'Memory',
      rows: [
        {
          name: `juchu import peak RSS, ${i.orders.toLocaleString('en')} orders (SQLite)`,
          value: `${i.peakRssMiB.toFixed(0)} MiB`,
          baseline: '',
          ratio: '',
          target: '≤ 300 MB',
          met: i.peakRssMiB * 1.048576 <= 300,
        },
      ],
    },
    {
      title: 'Import under the RMS rate limit (1 request/s, SQLite)',
      rows: [rateLimitedRow(limited.imported)],
    },
  ];
}

/**
 * RMS calls for the same number of orders placed three ways over a 2-day search: evenly, all
 * in the last 20 minutes, and as a shop's day goes. A window over RMS's 15,000 reachable hits
 * is continued from the last order time reached, so the calls should stay at the minimum
 * however the orders fall.
 */
export async function searchShapeSections(sizes: BenchSizes): Promise<Section[]> {
  const placements = [
    ['evenly over 2 days', { spreadDays: 2, shape: 'even' }],
    ['in the last 20 minutes', { spreadDays: 20 / 1440, shape: 'even' }],
    ['over a day, peaking in the evening', { spreadDays: 1, shape: 'daytime' }],
  ] as const;
  const rows: Row[] = [];
  for (const [name, placement] of placements) {
    const databases = sqliteDatabases();
    try {
      const i = await runImportProcess({ databaseUrl: await databases.fresh(), orders: sizes.shapeOrders, rateLimitPerSecond: 0, placement });
      const calls = i.calls.getOrder + i.calls.searchOrder;
      rows.push({
        name: `${i.orders.toLocaleString('en')} orders ${name}: getOrder + searchOrder (stored ${i.stored.toLocaleString('en')})`,
        value: `${i.calls.getOrder} + ${i.calls.searchOrder} = ${calls}`,
        baseline: `${i.minimumCalls} = ceil(N/100) + ceil(N/1000)`,
        ratio: ratio(calls / i.minimumCalls),
        target: '≤ × 1.02',
        met: calls <= i.minimumCalls * 1.02 && i.stored === i.orders,
      });
    } finally {
      await databases.drop();
    }
  }
  return [{ title: 'RMS calls however orders fall in the search window (sandbox ledger, SQLite)', rows }];
}

export interface EngineDatabases {
  readonly engine: string;
  /** A fresh, empty database URL; `drop` removes everything made. */
  fresh(): Promise<string>;
  drop(): Promise<void>;
}

interface ImportMeasurement {
  readonly imported: ImportProcessResult & { readonly runSeconds: number };
  readonly raw: RawInsertResult | null;
}

async function importWithBaseline(databases: EngineDatabases, orders: number, rateLimitPerSecond: number, withRaw = true): Promise<ImportMeasurement> {
  try {
    const sourceUrl = await databases.fresh();
    const imported = await runImportProcess({ databaseUrl: sourceUrl, orders, rateLimitPerSecond });
    const source = await openDatabase(sourceUrl);
    try {
      const runSeconds = await importRunSeconds(source);
      if (!withRaw) return { imported: { ...imported, runSeconds }, raw: null };
      const target = await openDatabase(await databases.fresh());
      try {
        await migrate(target);
        return { imported: { ...imported, runSeconds }, raw: await measureRawInsert(source, target) };
      } finally {
        await target.close();
      }
    } finally {
      await source.close();
    }
  } finally {
    await databases.drop();
  }
}

/** How long the import run took by its own record (without process start-up). */
async function importRunSeconds(db: Awaited<ReturnType<typeof openDatabase>>): Promise<number> {
  const runs = await db.kysely.selectFrom('sync_runs').select(['started_at', 'finished_at']).where('trigger', '=', 'import').execute();
  const run = runs.find((r) => r.finished_at !== null);
  if (!run?.finished_at) throw new Error('the import left no finished run record');
  return (Date.parse(run.finished_at) - Date.parse(run.started_at)) / 1000;
}

function throughputRow(engine: string, m: ImportMeasurement): Row {
  const rate = m.imported.orders / m.imported.runSeconds;
  const raw = m.raw?.rowsPerSecond ?? Number.NaN;
  const share = rate / raw;
  const floor = engine === 'SQLite' ? 2000 : 0;
  return {
    name: `${engine}: ${m.imported.orders.toLocaleString('en')} orders (stored ${m.imported.stored.toLocaleString('en')})`,
    value: `${rate.toFixed(0)} orders/s`,
    baseline: `${raw.toFixed(0)} rows/s raw`,
    ratio: `${(share * 100).toFixed(0)}% of raw`,
    target: engine === 'SQLite' ? '≥ 2,000/s and ≥ 30%' : '≥ 30%',
    met: rate >= floor && share >= 0.3 && m.imported.stored === m.imported.orders,
  };
}

function rateLimitedRow(i: ImportProcessResult & { readonly runSeconds: number }): Row {
  // The first call goes at once; each further one waits its 1 s slot.
  const minimum = i.calls.getOrder + i.calls.searchOrder > 0 ? i.minimumCalls - 1 : Number.NaN;
  return {
    name: `${i.orders.toLocaleString('en')} orders, ${i.calls.getOrder + i.calls.searchOrder} calls (stored ${i.stored.toLocaleString('en')})`,
    value: `${i.runSeconds.toFixed(1)} s`,
    baseline: `${minimum} s API-bound minimum`,
    ratio: ratio(i.runSeconds / minimum),
    target: 'near the minimum',
    met: i.runSeconds <= minimum * 1.1 + 2 && i.stored === i.orders,
  };
}

function ratio(value: number): string {
  return `× ${value.toFixed(3)}`;
}

function sqliteDatabases(): EngineDatabases {
  let dir: string | null = null;
  let n = 0;
  return {
    engine: 'sqlite',
    fresh: async () => {
      dir ??= mkdtempSync(join(tmpdir(), 'juchu-bench-'));
      return `file:${join(dir, `db${n++}.sqlite`)}`;
    },
    drop: async () => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function postgresDatabases(baseUrl: string): EngineDatabases {
  const made: string[] = [];
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: baseUrl, connectionTimeoutMillis: 5_000 });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  return {
    engine: 'postgres',
    fresh: async () => {
      const name = `juchu_bench_${randomBytes(5).toString('hex')}`;
      await admin(`create database ${name}`);
      made.push(name);
      const url = new URL(baseUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    drop: async () => {
      for (const name of made.splice(0)) await admin(`drop database if exists ${name} with (force)`);
    },
  };
}
