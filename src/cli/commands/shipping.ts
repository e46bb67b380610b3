import { InvalidArgumentError, Option } from 'commander';
import type { Command } from 'commander';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, stat, unlink } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { SYSTEM_CALLER } from '../../app/caller.ts';
import { emptyExportSummary } from '../../app/shipping/label-export.ts';
import type { PlannedPackage } from '../../app/shipping/label-export.ts';
import { TrackingFileError } from '../../app/shipping/tracking-file.ts';
import type { PreviewRow } from '../../store/shipping/shipping-repository.ts';
import { jstDate } from '../../domain/jst.ts';
import { CARRIER_PROFILE_IDS, shipByOn } from '../../domain/shipping/index.ts';
import type { CarrierProfileId } from '../../domain/shipping/index.ts';
import { isOrderStatus, ORDER_STATUSES } from '../../domain/status.ts';
import type { OrderStatus } from '../../domain/status.ts';
import { CLI_ACTOR, withApp } from './with-app.ts';

/**
 * `juchu labels export` and `juchu tracking import` (docs/SHIPPING.md). Exit code 1 when a
 * 送付先, a row or the file is refused; 2 only for bad arguments.
 */
interface ExportOptions {
  shop: string;
  carrier?: CarrierProfileId;
  filter?: string;
  status: OrderStatus[];
  exported: 'any' | 'no' | 'yes';
  shipDate?: string;
  shipBy?: string;
  out: string;
}

interface ImportOptions {
  carrier?: CarrierProfileId | 'simple';
  dryRun?: boolean;
}

function statuses(value: string, previous: OrderStatus[] = []): OrderStatus[] {
  const list = value.split(',').map((s) => s.trim());
  for (const s of list) if (!isOrderStatus(s)) throw new InvalidArgumentError(`must be one of ${ORDER_STATUSES.join(', ')}`);
  return [...previous, ...(list as OrderStatus[])];
}

function localDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new InvalidArgumentError('must be a date YYYY-MM-DD');
  return value;
}

export function registerShipping(program: Command): void {
  program
    .command('labels')
    .description('carrier label data (出荷データ出力)')
    .command('export')
    .description('write the label CSV for one carrier (CP932, CRLF, one row per parcel)')
    .requiredOption('--shop <code>', 'shop code')
    .addOption(new Option('--carrier <id>', 'carrier profile (required unless --filter names one)').choices(CARRIER_PROFILE_IDS))
    .option('--filter <name>', 'a filter saved on the 出荷作業 page (the shop’s own, else an every-shop one); options given here override its fields')
    .addOption(new Option('--status <status>', 'order status to export, repeatable or comma-separated (default new = 新規受付)').argParser(statuses))
    .addOption(new Option('--exported <which>', '送付先 already exported: any, no (leave out), yes (only those)').choices(['any', 'no', 'yes']).default('any'))
    .addOption(new Option('--ship-date <date>', '出荷予定日 on the labels, YYYY-MM-DD (default: the planned ship date, else today)').argParser(localDate))
    .addOption(new Option('--ship-by <date>', 'only orders whose 出荷予定日 is on or before this day, YYYY-MM-DD').argParser(localDate))
    .requiredOption('--out <file>', 'where to write the CSV')
    .action((opts: ExportOptions, command: Command) =>
      withApp({ shopCode: '--shop' }, async (app) => {
        const saved = opts.filter === undefined ? null : (await app.shipping.filters.byName(SYSTEM_CALLER, opts.shop, opts.filter)).selection;
        const carrier = opts.carrier ?? saved?.carrier;
        if (!carrier) {
          process.stderr.write('error: give --carrier or a --filter that names one\n');
          process.exitCode = 2;
          return;
        }
        // A saved ship-by is days from the day of use (JST), like on the page.
        const shipBy = opts.shipBy ?? (saved && shipByOn(saved, jstDate(app.clock.now())));
        const selection = {
          shopCode: opts.shop,
          profileId: carrier,
          statuses: opts.status ?? (saved ? [...saved.statuses] : ['new' as const]),
          exported: saved && command.getOptionValueSource('exported') === 'default' ? saved.exported : opts.exported,
          ...(opts.shipDate && { shipDate: opts.shipDate }),
          ...(shipBy && { shipBy }),
        };
        const summary = emptyExportSummary();
        const partial = `${opts.out}.partial`;
        try {
          await pipeline(Readable.from(await app.shipping.exportLabels(SYSTEM_CALLER, selection, summary)), createWriteStream(partial));
          await rename(partial, opts.out);
        } catch (err) {
          await unlink(partial).catch(() => undefined);
          throw err;
        }
        for (const p of summary.skipped) process.stderr.write(`left out ${describe(p)}\n`);
        for (const p of summary.warnings) process.stderr.write(`warning ${describe(p)}\n`);
        if (summary.reExported > 0) process.stderr.write(`warning: ${summary.reExported} 送付先 had label data exported before (same shipment keys)\n`);
        process.stdout.write(`${summary.packages} 送付先, ${summary.rows} rows → ${opts.out}\n`);
        if (summary.skipped.length > 0) process.exitCode = 1;
      }),
    );

  program
    .command('tracking')
    .description('tracking numbers back from the carrier (送り状番号取込)')
    .command('import')
    .description('read a tracking file, print the preview, and register its parcels (the format is told by the heading row)')
    .argument('<file>', 'B2 発行済データ, e飛伝, ゆうプリR 発送履歴, or the simple CSV (order_number,basket_id,delivery_company,shipping_number,shipping_date)')
    .addOption(new Option('--carrier <id>', 'refuse the file unless it has this layout').choices([...CARRIER_PROFILE_IDS, 'simple']))
    .option('--dry-run', 'print the preview only; register nothing')
    .action((file: string, opts: ImportOptions) =>
      withApp({}, async (app) => {
        const found = await stat(file).catch(() => null);
        if (!found?.isFile()) {
          process.stderr.write(`error: <file>: ${file} is not a readable file\n`);
          process.exitCode = 2;
          return;
        }
        let preview;
        try {
          preview = await app.shipping.previewTracking(SYSTEM_CALLER, createReadStream(file), {
            fileName: file,
            actor: CLI_ACTOR,
            ...(opts.carrier && { carrier: opts.carrier }),
          });
        } catch (err) {
          if (!(err instanceof TrackingFileError)) throw err;
          process.stderr.write(`refused: ${err.message} (${err.problem}); nothing was registered\n`);
          process.exitCode = 1;
          return;
        }
        process.stdout.write(`${preview.format}: ${preview.rows} rows — ${preview.add} to register, ${preview.exists} already registered, ${preview.refused} refused\n`);
        process.stdout.write(`${['line', 'key', 'order', 'basket', 'carrier', 'number', 'date', 'result', 'reason'].join('\t')}\n`);
        for (let offset = 0; offset < preview.rows; offset += 500) {
          for (const row of await app.shipping.trackingRows(SYSTEM_CALLER, preview.id, { offset, limit: 500 })) process.stdout.write(`${tableRow(row)}\n`);
        }
        if (!opts.dryRun) {
          const result = await app.shipping.commitTracking(SYSTEM_CALLER, preview.id, CLI_ACTOR);
          process.stdout.write(`registered ${result.added} parcels on ${result.orders} orders; ${result.exists} already registered; ${result.refused.length} refused\n`);
          if (result.refused.length > 0) process.exitCode = 1;
        } else if (preview.refused > 0) process.exitCode = 1;
      }),
    );
}

function describe(p: PlannedPackage): string {
  return `${p.orderNumber} basket ${p.basketId}: ${p.notes.map((n) => `${n.code}${n.column ? ` [${n.column}]` : ''} ${n.detail}`).join('; ')}`;
}

function tableRow(r: PreviewRow): string {
  return [r.line, r.key, r.order_number ?? '-', r.basket_id ?? '-', r.delivery_company ?? '-', r.shipping_number, r.shipping_date ?? '-', r.outcome, r.reason ? `${r.reason}: ${r.detail ?? ''}` : ''].join('\t');
}
