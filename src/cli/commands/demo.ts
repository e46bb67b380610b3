import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import type { RegisterCommand } from './index.ts';

/** A commander parser for a port option; 0 lets the system pick a free port. */
export function portOption(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65_535) throw new InvalidArgumentError('must be a port number (0–65535)');
  return n;
}

/** `juchu demo`: sandbox, server, worker and a stream of orders; prints where to log in. */
export const registerDemo: RegisterCommand = (program: Command) => {
  program
    .command('demo')
    .description('run the RMS sandbox, juchu and its worker in one process, with two demo shops and orders arriving')
    .option('--port <port>', 'HTTP port of the web app and API', portOption, 3000)
    .option('--sandbox-port <port>', 'HTTP port of the RMS sandbox', portOption, 8081)
    .option('--smtp-port <port>', 'port of the sandbox SMTP relay the demo shops send buyer mail through', portOption, 2525)
    .option('--data <dir>', 'directory for the demo database and its generated JUCHU_SECRET', './data')
    .action(async (opts: { port: number; sandboxPort: number; smtpPort: number; data: string }) => {
      const { startDemo } = await import('../../demo/start-demo.ts');
      const demo = await startDemo({ port: opts.port, sandboxPort: opts.sandboxPort, smtpPort: opts.smtpPort, dataDir: opts.data });
      const line = (label: string, login: { email: string; password: string }) => `  ${login.email}  /  ${login.password}    ${label}`;
      process.stdout.write(
        [
          '',
          `juchu デモ: ${demo.url}`,
          '',
          'ログイン (メールアドレス / パスワード):',
          line('東京店スタッフ', demo.login),
          line('管理者 (全店舗)', demo.adminLogin),
          line('大阪店スタッフ', demo.otherShopLogin),
          line('閲覧のみ', demo.viewerLogin),
          '',
          `RMS sandbox: ${demo.sandboxUrl}  (control API: ${demo.sandboxUrl}/sandbox/…)`,
          '',
          `未接続の店舗 (設定 › 店舗の接続 で試せます): ${demo.spareShop.name}, 受注 ${demo.spareShop.orders} 件`,
          `  RMSのURL:            ${demo.spareShop.rmsUrl}`,
          `  serviceSecret:       ${demo.spareShop.serviceSecret}`,
          `  licenseKey:          ${demo.spareShop.licenseKey}`,
          '',
          `SMTP relay:  ${demo.smtp.host}:${demo.smtp.port}  (CA file ${demo.smtp.caFile}; mailbox: ${demo.sandboxUrl}/sandbox/mail)`,
          'Ctrl+C で終了します。',
          '',
        ].join('\n'),
      );
      const stop = () => void demo.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
};
