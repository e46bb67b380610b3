import { Option } from 'commander';
import type { Command } from 'commander';
import type { ShopListing } from '../../app/shop-service.ts';
import { toJstIso } from '../../domain/jst.ts';
import { RMS_BASE_URL } from '../../rms/wire/operations.ts';
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
    .command('list')
    .description('shops with license-key expiry warnings and last sync')
    .action(() =>
      withApp({}, async (app) => {
        const listings = await app.shops.list();
        if (listings.length === 0) {
          process.stdout.write('no shops yet: add one with `juchu shop add`\n');
          return;
        }
        process.stdout.write(formatTable(['code', 'name', 'auto-confirm', 'rate', 'license key expires', 'last sync'], listings.map(row)));
      }),
    );
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

function formatTable(header: string[], rows: string[][]): string {
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
