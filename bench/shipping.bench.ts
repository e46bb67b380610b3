import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createApp } from '../src/composition/compose.ts';
import { SYSTEM_CALLER } from '../src/app/caller.ts';
import { saveActionResults } from '../src/app/persist-action.ts';
import { emptyExportSummary } from '../src/app/shipping/label-export.ts';
import { applyRmsSnapshot } from '../src/domain/actions.ts';
import { withCheckDigit } from '../src/domain/shipping/check-digit.ts';
import { randomIds } from '../src/ports/ids.ts';
import { argon2idHasher } from '../src/ports/password-hasher.ts';
import { createSecretBox } from '../src/ports/secret-box.ts';
import { toDomainOrder } from '../src/rms/mapping.ts';
import { orderModelSchema } from '../src/rms/wire/order-model.ts';
import { Sandbox } from '../src/sandbox/index.ts';
import { migrate, openDatabase } from '../src/store/database.ts';
import type { Section } from './report.ts';
import { Store } from '../src/store/store.ts';

/**
 * The shipping day at size: exporting N orders' B2 label data, and previewing plus committing
 * the N-row 発行済データ that comes back, on SQLite, each beside a plain CSV encode / parse of
 * the same rows (csv-stringify + iconv-lite, csv-parse) in the same run. Memory is the growth
 * of the heap's peak while each step runs, at N/5 and at N, to show whether it follows N.
 */
const SYSTEM = { kind: 'system', name: 'bench' } as const;
const CHUNK = 64 * 1024;

interface Run {
  readonly exportMs: number;
  readonly previewMs: number;
  readonly commitMs: number;
  readonly encodeMs: number;
  readonly parseMs: number;
  readonly exportHeapMiB: number;
  readonly importHeapMiB: number;
  readonly importLiveMiB: number;
  readonly rows: number;
}

/**
 * Peak heap growth while `body` runs, sampled every 20 ms. With `live` (and node's
 * --expose-gc) each sample follows a full collection, so it counts what the step holds, not
 * the garbage a lazy collector has yet to sweep — which grows with a longer run whatever is kept.
 */
async function peakHeap<T>(body: () => Promise<T>, live = false): Promise<{ result: T; mib: number }> {
  if (live && !global.gc) throw new Error('run with node --expose-gc to measure the live heap');
  global.gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const sample = () => {
    if (live) global.gc!();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  };
  const timer = setInterval(sample, 20);
  try {
    const result = await body();
    sample();
    return { result, mib: (peak - base) / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

async function once(orders: number): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'juchu-bench-shipping-'));
  const db = await openDatabase(`file:${join(dir, 'bench.db')}`);
  try {
    await migrate(db);
    const start = new Date('2026-11-02T01:00:00Z');
    const box = createSecretBox('bench-shipping-secret-0001');
    const app = createApp(db, { clock: { now: () => start }, ids: randomIds, hasher: argon2idHasher, secrets: () => box });
    const sandbox = new Sandbox({ seed: 5, clock: 'frozen', startAt: start });
    const rms = sandbox.createShop({ autoConfirm: false, name: 'bench' });
    await app.shops.add({ code: 'bench', name: 'ベンチ店', serviceSecret: rms.serviceSecret, licenseKey: rms.licenses[0]!.licenseKey, rmsUrl: 'http://127.0.0.1:1', autoConfirm: false }, SYSTEM);
    await app.settings.save(SYSTEM_CALLER, 'bench', 'profile', { displayName: 'ベンチ店', postalCode: '150-0001', address1: '東京都渋谷区神宮前1-2-3', address2: '', phone: '03-1234-5678', email: '', invoiceRegistrationNumber: '', logo: '', sender: { name: '', postalCode: '', address1: '', address2: '', phone: '' } }, 0, SYSTEM);
    const shipping = await app.settings.view(SYSTEM_CALLER, 'bench', 'shipping');
    // Every order to B2, whatever its 購入時配送会社.
    await app.settings.save(SYSTEM_CALLER, 'bench', 'shipping', { ...shipping.document, methods: { rules: [{ profileId: 'yamato-b2' }], defaultProfileId: 'yamato-b2' } }, 0, SYSTEM);
    const stored = (await Store.open(db).shops.get('bench'))!;
    for (let done = 0; done < orders; done += 500) {
      const numbers = sandbox.generateOrders({ licenseKey: rms.licenses[0]!.licenseKey, count: Math.min(500, orders - done), scenario: 'card_ok' });
      const writes = numbers.map((n) => {
        const snapshot = { ...toDomainOrder(orderModelSchema.parse(sandbox.findOrder(n).model), 'bench'), rmsProgress: 300 as const };
        return { result: applyRmsSnapshot(null, snapshot, { now: start, actor: SYSTEM, shop: stored.shop }), mode: 'insert' as const };
      });
      await Store.open(db).transaction((tx) => saveActionResults(tx, writes, start));
    }

    const selection = { shopCode: 'bench', profileId: 'yamato-b2' as const };
    let t = performance.now();
    const exported = await peakHeap(async () => {
      const summary = emptyExportSummary();
      let bytes = 0;
      const kept: Buffer[] = [];
      for await (const chunk of await app.shipping.exportLabels(SYSTEM_CALLER, selection, summary)) {
        bytes += chunk.length;
        kept.push(chunk);
      }
      return { summary, bytes, file: Buffer.concat(kept) };
    });
    const exportMs = performance.now() - t;
    const rows = parse(iconv.decode(exported.result.file, 'cp932')) as string[][];

    t = performance.now();
    iconv.encode(stringify(rows, { record_delimiter: '\r\n' }), 'cp932');
    const encodeMs = performance.now() - t;

    const issued = iconv.encode(stringify(rows.map((r, i) => (i === 0 ? r : r.map((c, j) => (j === 3 ? withCheckDigit(String(10_000_000_000 + i)) : c)))), { record_delimiter: '\r\n' }), 'cp932');
    // Chunks arrive one event-loop turn apart, as an upload's do: otherwise the whole preview
    // runs in microtasks and the heap sampler's timer never fires until it is over.
    const chunks = () =>
      Readable.from(
        (async function* () {
          for (let at = 0; at < issued.length; at += CHUNK) {
            await new Promise((resolve) => setImmediate(resolve));
            yield issued.subarray(at, at + CHUNK);
          }
        })(),
      );
    t = performance.now();
    parse(iconv.decode(issued, 'cp932'));
    const parseMs = performance.now() - t;

    t = performance.now();
    const previewed = await peakHeap(() => app.shipping.previewTracking(SYSTEM_CALLER, chunks(), { fileName: 'b2.csv', actor: SYSTEM }));
    const previewMs = performance.now() - t;
    if (previewed.result.add !== rows.length - 1) throw new Error(`preview registers ${previewed.result.add} of ${rows.length - 1} rows`);
    // The same file previewed again (nothing is committed yet, so it classifies alike), its heap sampled after full collections: not timed.
    const liveHeap = await peakHeap(() => app.shipping.previewTracking(SYSTEM_CALLER, chunks(), { fileName: 'b2.csv', actor: SYSTEM }), true);
    t = performance.now();
    const committed = await app.shipping.commitTracking(SYSTEM_CALLER, previewed.result.id, SYSTEM);
    const commitMs = performance.now() - t;
    if (committed.added !== rows.length - 1) throw new Error(`commit registered ${committed.added}`);
    await app.close();
    return { exportMs, previewMs, commitMs, encodeMs, parseMs, exportHeapMiB: exported.mib, importHeapMiB: previewed.mib, importLiveMiB: liveHeap.mib, rows: rows.length - 1 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function shippingSections(sizes: { readonly shippingOrders: number }): Promise<Section[]> {
  const small = await once(Math.max(100, Math.floor(sizes.shippingOrders / 5)));
  const full = await once(sizes.shippingOrders);
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const rate = (rows: number, ms: number) => Math.round(rows / (ms / 1000));
  const row = (name: string, ms: number, baselineMs: number, baselineName: string) => ({
    name,
    value: `${s(ms)} (${rate(full.rows, ms).toLocaleString('en')} rows/s)`,
    baseline: `${s(baselineMs)} ${baselineName}`,
    ratio: `× ${(ms / baselineMs).toFixed(1)}`,
    target: '≤ 5 s, ≥ 1,000 rows/s',
    met: ms <= 5000 && rate(full.rows, ms) >= 1000,
  });
  return [
    {
      title: `Shipping day, SQLite (${full.rows.toLocaleString('en')} orders → B2 label rows → 発行済データ back)`,
      note:
        `Export reads the orders 200 at a time, gives each 送付先 its shipment key, records the export and encodes CP932 page by page; ` +
        `the preview streams the file in 64 KiB chunks and classifies rows 500 at a time; the commit registers every parcel (history and outbox) in one transaction. ` +
        `Peak heap growth at ${small.rows.toLocaleString('en')} / ${full.rows.toLocaleString('en')} rows: export ${small.exportHeapMiB.toFixed(0)} / ${full.exportHeapMiB.toFixed(0)} MiB (the bench keeps the file to check it), preview ${small.importHeapMiB.toFixed(0)} / ${full.importHeapMiB.toFixed(0)} MiB; ` +
        `live heap (sampled after full collections) while previewing ${small.importLiveMiB.toFixed(1)} / ${full.importLiveMiB.toFixed(1)} MiB.`,
      rows: [
        row('label export', full.exportMs, full.encodeMs, 'plain csv-stringify + CP932 of the same rows'),
        row('tracking preview', full.previewMs, full.parseMs, 'plain csv-parse of the same file'),
        row('tracking commit', full.commitMs, full.parseMs, 'plain csv-parse of the same file'),
      ],
    },
  ];
}
