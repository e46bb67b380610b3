/**
 * One measured print, in a process of its own so that its peak RSS is the print's alone:
 *
 *   node --import tsx bench/paperwork-child.ts slips <database-url> <shop> <out.pdf>
 *   node --import tsx bench/paperwork-child.ts baseline <pages> <out.pdf>
 *
 * `slips` prints every 新規受付 order of the shop as juchu does (selection, streaming, shipment
 * keys, the print records); `baseline` has pdfkit write the same number of pages of plain text
 * in its built-in Helvetica, with no data, font subsetting or barcodes. Prints one JSON line.
 */
import { createWriteStream, readFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import { SYSTEM_CALLER } from '../src/app/caller.ts';
import { createApp, realPorts } from '../src/composition/compose.ts';
import { systemClock } from '../src/ports/clock.ts';
import { openDatabase } from '../src/store/database.ts';

async function slips(databaseUrl: string, shop: string, out: string): Promise<Record<string, number>> {
  const db = await openDatabase(databaseUrl);
  const app = createApp(db, realPorts(systemClock, () => 'paperwork-bench-secret-0123456789'));
  const service = app.paperwork;
  const started = performance.now();
  const selection = await service.select(SYSTEM_CALLER, { shopCode: shop, status: 'new' });
  const job = await service.slips(selection);
  await Promise.all([pipeline(job.stream, createWriteStream(out)), job.done]);
  await service.recordPrinted(selection, 'bench');
  const ms = performance.now() - started;
  await db.close();
  return { orders: selection.orderNumbers.length, ms };
}

async function baseline(pages: number, out: string): Promise<Record<string, number>> {
  const started = performance.now();
  const doc = new PDFDocument({ size: 'A4', autoFirstPage: false });
  const written = pipeline(doc, createWriteStream(out));
  for (let page = 1; page <= pages; page++) {
    doc.addPage();
    for (let line = 0; line < 40; line++) doc.text(`Page ${page}, line ${line}: the quick brown fox jumps over the lazy dog 0123456789`);
  }
  doc.end();
  await written;
  return { ms: performance.now() - started };
}

const [mode, ...args] = process.argv.slice(2);
const result = mode === 'slips' ? await slips(args[0]!, args[1]!, args[2]!) : await baseline(Number(args[0]), args[1]!);
process.stdout.write(`${JSON.stringify({ ...result, peakRssMb: peakRssKiB() / 1024 })}\n`);

/**
 * This process's own peak resident set (VmHWM). Not `resourceUsage().maxRSS`: Linux carries that
 * figure across exec, so a child started by a large bench process (after the 1M-order latency
 * data was built, ≈ 1 GB) reported its parent's peak.
 */
function peakRssKiB(): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  if (!match) throw new Error('no VmHWM in /proc/self/status');
  return Number(match[1]);
}
