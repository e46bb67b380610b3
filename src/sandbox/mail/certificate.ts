import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface RelayCertificate {
  readonly key: string;
  readonly cert: string;
  /** The certificate written out, for a client to name as the CA it trusts. */
  readonly caFile: string;
}

/**
 * A certificate made afresh at every start, for 127.0.0.1 and localhost. It signs itself, so
 * the same file is the CA a client trusts: juchu names it in the shop's mail settings and
 * verifies the relay as it would Rakuten's, with no switch that turns verification off.
 */
export async function makeRelayCertificate(directory?: string): Promise<RelayCertificate> {
  const now = Date.now();
  const pems = await generate([{ name: 'commonName', value: 'juchu sandbox SMTP relay' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 60_000),
    notAfterDate: new Date(now + 365 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
    ],
  });
  const dir = directory ?? mkdtempSync(join(tmpdir(), 'juchu-sandbox-relay-'));
  const caFile = join(dir, 'sandbox-relay-ca.pem');
  writeFileSync(caFile, pems.cert);
  return { key: pems.private, cert: pems.cert, caFile };
}
