import { InvalidArgumentError, type Command } from 'commander';
import type { RegisterCommand } from './index.ts';

function integer(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be an integer from ${min} to ${max}`);
    return n;
  };
}

/** `juchu sandbox`: the RMS sandbox alone, with one ready-made shop and a few orders. */
export const registerSandboxCommand: RegisterCommand = (program: Command) => {
  program
    .command('sandbox')
    .description('run the RMS sandbox (RakutenPayOrderAPI simulator)')
    .option('--port <port>', 'port to listen on', integer('--port', 0, 65_535), 8081)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--seed <n>', 'seed for generated data and faults', integer('--seed', 0, 2 ** 31 - 1), 1)
    .option('--smtp-port <port>', 'port of the SMTP relay (Rakuten\'s buyer-mail relay); 0 picks a free one', integer('--smtp-port', 0, 65_535), 2525)
    .option('--orders <n>', 'orders to generate for the ready-made shop', integer('--orders', 0, 200_000), 20)
    .action(async (opts: { port: number; host: string; seed: number; orders: number; smtpPort: number }) => {
      const { startSandbox } = await import('../../sandbox/index.ts');
      const running = await startSandbox({ port: opts.port, host: opts.host, seed: opts.seed, smtp: { port: opts.smtpPort } });
      const shop = running.createShop({ name: 'サンドボックス店' });
      const license = shop.licenses[0];
      if (opts.orders > 0) running.generateOrders({ shopId: shop.shopId, count: opts.orders, scenario: 'mixed', spreadDays: 1 });
      process.stdout.write(
        [
          `RMS sandbox listening on ${running.url}`,
          `  shop:          ${shop.shopId} (${shop.name})`,
          `  serviceSecret: ${shop.serviceSecret}`,
          `  licenseKey:    ${license?.licenseKey ?? ''}`,
          `  orders:        ${opts.orders}`,
          `  control API:   ${running.url}/sandbox/…  (docs/SANDBOX.md)`,
          `SMTP relay on ${running.mail?.host}:${running.mail?.port} (STARTTLS, AUTH required; docs/MAIL.md)`,
          `  CA file:       ${running.mail?.caFile}`,
          `  SMTP AUTH:     ${shop.mail.smtpUser} / ${shop.mail.smtpPassword}`,
          `  sender:        ${shop.mail.registeredSenders.join(', ')}`,
          '',
        ].join('\n'),
      );
      const stop = () => void running.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
};
