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
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import { SYSTEM_CALLER } from '../src/app/caller.ts';
import { createApp } from '../src/app/app.ts';
import { PaperworkService } from '../src/app/paperwork/paperwork-service.ts';
import { PaperworkSources } from '../src/app/paperwork/sources.ts';
import { systemClock } from '../src/ports/clock.ts';
import { randomIds } from '../src/ports/ids.ts';
import { argon2idHasher } from '../src/ports/password-hasher.ts';
import { createSecretBox } from '../src/ports/secret-box.ts';
import { openDatabase } from '../src/store/database.ts';

async function slips(databaseUrl: string, shop: string, out: string): Promise<Record<string, number>> {
  const db = await openDatabase(databaseUrl);
  const box = createSecretBox('paperwork-bench-secret-0123456789');
  const app = createApp(db, { clock: systemClock, ids: randomIds, hasher: argon2idHasher, secrets: () => box });
  const service = new PaperworkService({ db, clock: systemClock, sources: new PaperworkSources({ db, clock: systemClock, settings: app.settings }) });
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
process.stdout.write(`${JSON.stringify({ ...result, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
