/**
 * 納品書 at batch size: N 新規受付 orders printed as one PDF, timed and with the printing
 * process's peak RSS, beside pdfkit writing the same number of pages of plain text in the same
 * run. The orders are the sandbox's own (1–3 lines, some with options, gifts, coupons), stored
 * through the domain as an import would, in a fresh SQLite file.
 *
 *   node --import tsx bench/paperwork.bench.ts [orders]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { createApp } from '../src/composition/compose.ts';
import { saveActionResults } from '../src/app/persist-action.ts';
import { applyRmsSnapshot } from '../src/domain/actions.ts';
import { ManualClock } from '../src/ports/clock.ts';
import { randomIds } from '../src/ports/ids.ts';
import { argon2idHasher } from '../src/ports/password-hasher.ts';
import { createSecretBox } from '../src/ports/secret-box.ts';
import { toDomainOrder } from '../src/rms/mapping.ts';
import { orderModelSchema } from '../src/rms/wire/order-model.ts';
import { Sandbox } from '../src/sandbox/index.ts';
import { migrate, openDatabase } from '../src/store/database.ts';
import { ROOT, runChild } from './processes.ts';
import type { Section } from './report.ts';
import { Store } from '../src/store/store.ts';

const START = new Date('2026-11-02T01:00:00Z');
const SHOP = 'bench-paper';
/** The targets for 500 slips on this machine. */
const TARGET_SECONDS = 10;
const TARGET_RSS_MB = 300;

export async function seed(databaseUrl: string, orders: number): Promise<void> {
  const db = await openDatabase(databaseUrl);
  await migrate(db);
  const clock = new ManualClock(START);
  const box = createSecretBox('paperwork-bench-secret-0123456789');
  const app = createApp(db, { clock, ids: randomIds, hasher: argon2idHasher, secrets: () => box });
  const sandbox = new Sandbox({ seed: 7, clock: 'frozen', startAt: START });
  const rms = sandbox.createShop({ name: SHOP });
  const licenseKey = rms.licenses.at(-1)!.licenseKey;
  const actor = { kind: 'system', name: 'bench' } as const;
  await app.shops.add({ code: SHOP, name: 'ベンチ店', serviceSecret: rms.serviceSecret, licenseKey, rmsUrl: 'http://127.0.0.1:1', autoConfirm: false }, actor);
  const shop = (await Store.open(db).shops.get(SHOP))!.shop;
  const numbers = sandbox.generateOrders({ licenseKey, count: orders, scenario: 'card_ok' });
  await Store.open(db).transaction(async (tx) => {
    const writes = numbers.map((n) => {
      // 発送待ち (300): the orders a shipping day prints, 新規受付 in juchu.
      const snapshot = { ...toDomainOrder(orderModelSchema.parse(sandbox.findOrder(n).model), SHOP), rmsProgress: 300 as const };
      return { result: applyRmsSnapshot(null, snapshot, { now: clock.now(), actor, shop }), mode: 'insert' as const };
    });
    await saveActionResults(tx, writes, clock.now());
  });
  await db.close();
}

async function child(args: string[]): Promise<Record<string, number>> {
  const run = await runChild(['--import', 'tsx', join(ROOT, 'bench/paperwork-child.ts'), ...args], {});
  if (run.code !== 0) throw new Error(`paperwork-child ${args[0]} exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout.split('\n').at(-1)!) as Record<string, number>;
}

function pagesOf(pdf: string): number {
  return Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
}

export async function paperworkSections(orders: number): Promise<Section[]> {
  const dir = mkdtempSync(join(tmpdir(), 'juchu-bench-paperwork-'));
  try {
    const databaseUrl = `file:${join(dir, 'bench.db')}`;
    await seed(databaseUrl, orders);
    const slipsPdf = join(dir, 'slips.pdf');
    const printed = await child(['slips', databaseUrl, SHOP, slipsPdf]);
    const pages = pagesOf(slipsPdf);
    const plain = await child(['baseline', String(pages), join(dir, 'plain.pdf')]);
    const seconds = printed.ms! / 1000;
    const baseSeconds = plain.ms! / 1000;
    return [
      {
        title: `納品書: ${printed.orders} orders in one PDF (${pages} pages, ${(statSync(slipsPdf).size / 1024).toFixed(0)} KiB)`,
        note: 'baseline: pdfkit writing the same number of pages of plain text (Helvetica, 40 lines a page) in a process of its own',
        rows: [
          { name: 'time to the last byte', value: `${seconds.toFixed(2)} s`, baseline: `${baseSeconds.toFixed(2)} s`, ratio: `${(seconds / baseSeconds).toFixed(1)}×`, target: `≤ ${TARGET_SECONDS} s`, met: seconds <= TARGET_SECONDS },
          {
            name: 'peak RSS of the printing process',
            value: `${printed.peakRssMb!.toFixed(0)} MB`,
            baseline: `${plain.peakRssMb!.toFixed(0)} MB`,
            ratio: `${(printed.peakRssMb! / plain.peakRssMb!).toFixed(1)}×`,
            target: `≤ ${TARGET_RSS_MB} MB`,
            met: printed.peakRssMb! <= TARGET_RSS_MB,
          },
        ],
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const sections = await paperworkSections(Number(process.argv[2] ?? 500));
  process.stdout.write(`${JSON.stringify(sections, null, 2)}\n`);
}
