import { InvalidArgumentError, Option } from 'commander';
import type { Command } from 'commander';
import type { ShopListing } from '../../app/shop-service.ts';
import { toJstIso } from '../../domain/jst.ts';
import { RMS_BASE_URL } from '../../rms/wire/operations.ts';
import type { App } from '../../composition/compose.ts';
import { invalid } from '../../app/validation.ts';
import { CLI_REQUESTER } from '../../app/admin/requester.ts';
import { SYSTEM_CALLER } from '../../app/caller.ts';
import type { ImportProgressView } from '../../app/admin/import-progress.ts';
import { CLI_ACTOR, withApp } from './with-app.ts';
import { jstDayStart, wholeNumber } from './options.ts';

interface ShopAddOptions {
  code: string;
  name: string;
  serviceSecret: string;
  licenseKey: string;
  rmsUrl: string;
  autoConfirm?: boolean;
  cancelViaApi?: boolean;
  rateLimit: number;
  licenseExpires?: Date;
}

const SHOP_ADD_OPTIONS = {
  code: '--code',
  name: '--name',
  serviceSecret: '--service-secret',
  licenseKey: '--license-key',
  rmsUrl: '--rms-url',
  rateLimitPerSecond: '--rate-limit',
};

export function registerShop(program: Command): void {
  const shop = program.command('shop').description('shops and their RMS credentials');

  shop
    .command('add')
    .description('register a shop (credentials are stored encrypted with JUCHU_SECRET)')
    .requiredOption('--code <code>', 'shop code used in juchu (letters, digits, - and _)')
    .requiredOption('--name <name>', 'shop name')
    .requiredOption('--service-secret <secret>', 'RMS serviceSecret')
    .requiredOption('--license-key <key>', 'RMS licenseKey')
    .option('--rms-url <url>', 'RMS API base URL (the sandbox for tests)', RMS_BASE_URL)
    .option('--auto-confirm', '自動注文確認 is ON for this shop in RMS')
    .option('--cancel-via-api', 'send shop-side cancellations to RMS (cancelOrder) instead of telling staff to cancel in RMS')
    .addOption(new Option('--rate-limit <n>', 'RMS requests per second for this license (0 = unlimited)').argParser(wholeNumber).default(1))
    .addOption(new Option('--license-expires <date>', 'license key expiry, YYYY-MM-DD (JST); default 90 days from now').argParser(jstDayStart))
    .action((opts: ShopAddOptions) =>
      withApp(SHOP_ADD_OPTIONS, async (app) => {
        const added = await app.shops.add(
          {
            code: opts.code,
            name: opts.name,
            serviceSecret: opts.serviceSecret,
            licenseKey: opts.licenseKey,
            rmsUrl: opts.rmsUrl,
            autoConfirm: opts.autoConfirm ?? false,
            cancelViaApi: opts.cancelViaApi ?? false,
            rateLimitPerSecond: opts.rateLimit,
            ...(opts.licenseExpires && { licenseKeyExpiresAt: opts.licenseExpires }),
          },
          CLI_ACTOR,
        );
        const expiry = added.licenseKeyExpiresAt ? toJstIso(added.licenseKeyExpiresAt).slice(0, 10) : '-';
        process.stdout.write(`shop ${added.code} added (${added.rmsUrl}); license key expires ${expiry}\n`);
      }),
    );

  shop
    .command('update')
    .description('change 自動注文確認, the rate limit or the name, or renew the license key (verified against RMS before it replaces the old one)')
    .argument('<code>', 'shop code')
    .addOption(new Option('--auto-confirm <on|off>', '自動注文確認 as set in RMS').argParser(onOff))
    .addOption(new Option('--rate-limit <n>', 'RMS requests per second for this license (0 = unlimited)').argParser(wholeNumber))
    .option('--name <name>', 'shop name')
    .option('--license-key <key>', 'the renewed RMS licenseKey')
    .action((code: string, opts: { autoConfirm?: boolean; rateLimit?: number; name?: string; licenseKey?: string }) =>
      withApp({ ...SHOP_ADD_OPTIONS, autoConfirm: '--auto-confirm' }, async (app) => {
        const admin = await shopAdmin(app);
        const settings = {
          ...(opts.autoConfirm !== undefined && { autoConfirm: opts.autoConfirm }),
          ...(opts.rateLimit !== undefined && { rateLimitPerSecond: opts.rateLimit }),
          ...(opts.name !== undefined && { name: opts.name }),
        };
        if (Object.keys(settings).length === 0 && opts.licenseKey === undefined) {
          throw invalid('options', 'nothing to change: give --auto-confirm, --rate-limit, --name or --license-key');
        }
        if (Object.keys(settings).length > 0) await admin.update(code, settings, CLI_REQUESTER);
        if (opts.licenseKey !== undefined) {
          const { shop, trimmed } = await admin.replaceLicenseKey(code, { licenseKey: opts.licenseKey }, CLI_REQUESTER);
          if (trimmed.length > 0) process.stdout.write(`note: spaces or line breaks around ${trimmed.join(', ')} were removed\n`);
          const expiry = shop.licenseKeyExpiresAt ? toJstIso(shop.licenseKeyExpiresAt).slice(0, 10) : '-';
          process.stdout.write(`license key of ${code} verified with RMS and replaced; it expires ${expiry}\n`);
        }
        process.stdout.write(`shop ${code} updated\n`);
      }),
    );

  shop
    .command('status')
    .description("the first import's progress: orders found, imported, elapsed, estimated time left")
    .option('--shop <code>', 'only this shop')
    .option('--follow', 'print again every 2 seconds until every import shown has finished')
    .action((opts: { shop?: string; follow?: boolean }) =>
      withApp({}, async (app) => {
        const admin = await shopAdmin(app);
        const codes = opts.shop ? [opts.shop] : (await app.shops.list(SYSTEM_CALLER)).map((l) => l.shop.code);
        for (;;) {
          const views = await Promise.all(codes.map(async (code) => ({ code, p: (await admin.get(code, CLI_REQUESTER)).firstImport })));
          for (const { code, p } of views) process.stdout.write(`${describeProgress(code, p)}\n`);
          if (!opts.follow || views.every(({ p }) => !p || p.state === 'finished')) return;
          await new Promise((resolve) => setTimeout(resolve, FOLLOW_EVERY_MS));
        }
      }),
    );

  shop
    .command('list')
    .description('shops with license-key expiry warnings and last sync')
    .action(() =>
      withApp({}, async (app) => {
        const listings = await app.shops.list(SYSTEM_CALLER);
        if (listings.length === 0) {
          process.stdout.write('no shops yet: add one with `juchu shop add`\n');
          return;
        }
        process.stdout.write(formatTable(['code', 'name', 'auto-confirm', 'rate', 'license key expires', 'last sync'], listings.map(row)));
      }),
    );
}

async function shopAdmin(app: App) {
  return app.admin.shops;
}

function onOff(value: string): boolean {
  if (value === 'on') return true;
  if (value === 'off') return false;
  throw new InvalidArgumentError('must be on or off');
}

/** How often `juchu shop status --follow` reads the progress again. */
const FOLLOW_EVERY_MS = 2_000;

function describeProgress(code: string, p: ImportProgressView | null): string {
  if (!p) return `${code}: no first import recorded (the shop was syncing before imports were counted)`;
  const left = p.remainingSeconds === null ? 'unknown' : `${p.remainingSeconds} s`;
  const state = { waiting: 'waiting for the sync worker', running: 'importing', finished: 'finished', stalled: `stalled: ${p.error ?? ''}` }[p.state];
  return `${code}: ${state}; found ${p.found}, imported ${p.imported}, elapsed ${p.elapsedSeconds} s, left ${left}`;
}

function row({ shop, licenseWarning, sync }: ShopListing): string[] {
  const expiry = shop.licenseKeyExpiresAt ? toJstIso(shop.licenseKeyExpiresAt).slice(0, 10) : '-';
  const warning =
    licenseWarning.level === 'expired'
      ? ' EXPIRED 期限切れ'
      : licenseWarning.level === 'ok'
        ? ''
        : ` WARNING ${licenseWarning.daysLeft} days left 残り${licenseWarning.daysLeft}日`;
  const lastSync = sync.lastRunAt ? `${toJstIso(sync.lastRunAt).slice(0, 16).replace('T', ' ')}${sync.alert ? ` ALERT ${sync.alert.code}` : ''}` : '-';
  return [shop.code, shop.name, shop.autoConfirm ? 'on' : 'off', shop.rateLimitPerSecond === 0 ? 'unlimited' : `${shop.rateLimitPerSecond}/s`, `${expiry}${warning}`, lastSync];
}

export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => c + ' '.repeat(widths[i]! - width(c))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

/** Terminal columns: CJK characters take two. */
function width(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return w;
}
