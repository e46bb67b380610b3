import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Option } from 'commander';
import type { Command } from 'commander';
import type { App } from '../../composition/compose.ts';
import type { PaperworkService } from '../../app/paperwork/paperwork-service.ts';
import type { PdfJob, Selection } from '../../app/paperwork/paperwork-service.ts';
import { SYSTEM_CALLER } from '../../app/caller.ts';
import { ORDER_STATUSES } from '../../domain/status.ts';
import type { OrderStatus } from '../../domain/status.ts';
import { collect } from './options.ts';
import { CLI_ACTOR, withApp } from './with-app.ts';

interface PrintOptions {
  shop: string;
  status?: OrderStatus;
  order?: string[];
  out: string;
  perOrder?: boolean;
}

const OPTION_NAMES = { shop: '--shop', status: '--status', orderNumbers: '--order', out: '--out' };

/**
 * `juchu print slips|picking`: the same PDFs as the API, into a file. The selection is checked
 * first (a cancelled or unknown order: exit 1 naming them, no file); the PDF is written beside
 * the target and renamed into place only once complete, so FILE.pdf is never half a PDF.
 */
export function registerPrint(program: Command): void {
  const print = program.command('print').description('納品書 and picking lists as PDF');
  const common = (command: Command): Command =>
    command
      .requiredOption('--shop <code>', 'shop code')
      .addOption(new Option('--status <status>', 'every order of the shop in this status (default new) when no --order is given').choices(ORDER_STATUSES))
      .option('--order <orderNumber>', 'an order to print (repeatable)', collect)
      .requiredOption('--out <file>', 'the PDF to write');

  common(print.command('slips').description('納品書, one per 送付先; records each order as printed'))
    .action((opts: PrintOptions) =>
      withApp(OPTION_NAMES, async (app) => {
        const service = serviceOf(app);
        const selection = await service.select(SYSTEM_CALLER, selectionRequest(opts));
        await writePdf(await service.slips(selection), opts.out, selection);
        await service.recordPrinted(selection, CLI_ACTOR.name);
      }),
    );

  common(print.command('picking').description('picking list grouped by 管理番号 and SKU, or one sheet per order'))
    .option('--per-order', 'one picking sheet per order')
    .action((opts: PrintOptions) =>
      withApp(OPTION_NAMES, async (app) => {
        const service = serviceOf(app);
        const selection = await service.select(SYSTEM_CALLER, selectionRequest(opts));
        await writePdf(await service.picking(selection, opts.perOrder ?? false), opts.out, selection);
      }),
    );
}

function serviceOf(app: App): PaperworkService {
  return app.paperwork;
}

function selectionRequest(opts: PrintOptions) {
  return { shopCode: opts.shop, ...(opts.status && { status: opts.status }), ...(opts.order && { orderNumbers: opts.order }) };
}

async function writePdf(job: PdfJob, out: string, selection: Selection): Promise<void> {
  const partial = `${out}.part`;
  try {
    await Promise.all([pipeline(job.stream, createWriteStream(partial)), job.done]);
    await rename(partial, out);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
  const substituted = await job.done;
  for (const s of substituted) process.stderr.write(`warning: ${s.where}: printed as 〓: ${s.codePoints.join(' ')}\n`);
  process.stdout.write(`${out}: ${selection.orderNumbers.length} orders\n`);
}
