import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatDatetime } from '../../../src/rms/wire/index.ts';

const BIN = fileURLToPath(new URL('../../../bin/juchu.js', import.meta.url));

describe('juchu sandbox', () => {
  it('prints its URL and a ready-made shop whose credentials work', async () => {
    const child = spawn(process.execPath, [BIN, 'sandbox', '--port', '0', '--smtp-port', '0', '--seed', '3', '--orders', '5'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const output = await new Promise<string>((resolve, reject) => {
        let text = '';
        child.stdout.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('sender:')) resolve(text);
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}: ${text}`)));
      });
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1] as string;
      const serviceSecret = /serviceSecret: (\S+)/.exec(output)?.[1] as string;
      const licenseKey = /licenseKey: +(\S+)/.exec(output)?.[1] as string;
      const res = await fetch(`${url}/es/2.0/order/searchOrder/`, {
        method: 'POST',
        headers: { authorization: `ESA ${Buffer.from(`${serviceSecret}:${licenseKey}`).toString('base64')}`, 'content-type': 'application/json' },
        body: JSON.stringify({ dateType: 1, startDatetime: formatDatetime(new Date(Date.now() - 2 * 86_400_000)), endDatetime: formatDatetime(new Date(Date.now() + 60_000)) }),
      });
      expect(res.status).toBe(200);
      expect((await res.json()).PaginationResponseModel.totalRecordsAmount).toBe(5);
      // The SMTP relay: its address, the CA file to trust, the shop's SMTP AUTH account.
      expect(output).toMatch(/SMTP relay on 127\.0\.0\.1:\d+ /);
      expect(output).toMatch(/CA file: +\S+sandbox-relay-ca\.pem/);
      expect(output).toMatch(/SMTP AUTH: +smtp\d+ \/ [0-9a-f]{16}/);
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);

  it('refuses a bad port with exit code 2', async () => {
    const child = spawn(process.execPath, [BIN, 'sandbox', '--port', 'abc'], { stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
  }, 60_000);
});
