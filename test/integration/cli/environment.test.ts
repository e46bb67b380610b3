import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, requireSecret } from '../../../src/config.ts';
import { createLogger } from '../../../src/logger.ts';

describe('environment (INTERFACE §3)', () => {
  it('defaults to embedded SQLite in ./data, port 3000, info logs, the system clock and no secret', () => {
    expect(loadConfig({})).toEqual({ databaseUrl: 'file:./data/juchu.db', secret: null, port: 3000, logLevel: 'info', clockUrl: null, trustProxy: false });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      JUCHU_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/juchu',
      JUCHU_SECRET: 'sixteen chars ok',
      JUCHU_PORT: '8080',
      JUCHU_LOG_LEVEL: 'debug',
      JUCHU_CLOCK_URL: 'http://127.0.0.1:8081/sandbox/clock',
      JUCHU_TRUST_PROXY: '10.0.0.1, 192.168.0.0/16,::1',
    });
    expect(config).toEqual({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/juchu',
      secret: 'sixteen chars ok',
      port: 8080,
      logLevel: 'debug',
      clockUrl: 'http://127.0.0.1:8081/sandbox/clock',
      trustProxy: ['10.0.0.1', '192.168.0.0/16', '::1'],
    });
    expect(requireSecret(config)).toBe('sixteen chars ok');
  });

  it.each([
    ['JUCHU_DATABASE_URL', 'mysql://x'],
    ['JUCHU_SECRET', 'too short'],
    ['JUCHU_PORT', '70000'],
    ['JUCHU_PORT', '80a'],
    ['JUCHU_LOG_LEVEL', 'verbose'],
    ['JUCHU_CLOCK_URL', 'sandbox'],
    ['JUCHU_TRUST_PROXY', 'true'],
    ['JUCHU_TRUST_PROXY', '0'],
    ['JUCHU_TRUST_PROXY', '10.0.0.1/33'],
    ['JUCHU_TRUST_PROXY', '10.0.0.1,proxy.example.jp'],
  ])('refuses %s=%s with a message naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });

  it('reads JUCHU_TRUST_PROXY as a hop count or as addresses, ranges and range names', () => {
    expect(loadConfig({ JUCHU_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ JUCHU_TRUST_PROXY: 'loopback,fd00::/8' }).trustProxy).toEqual(['loopback', 'fd00::/8']);
  });

  it('requires JUCHU_SECRET where credentials are sealed', () => {
    expect(() => requireSecret(loadConfig({}))).toThrow(/JUCHU_SECRET/);
  });
});

describe('logger', () => {
  it('never writes credentials, passwords or tokens, at the top level or one level down', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = createLogger('info', sink);
    log.info({ shop: { code: 'tea-shop', serviceSecret: 'SP-raw', licenseKey: 'SL-raw' }, password: 'pw-raw', token: 'tk-raw' }, 'shop added');
    log.info({ req: { headers: { authorization: 'Bearer tk-raw2' } } }, 'request');
    const output = lines.join('');
    expect(output).toContain('tea-shop');
    expect(output).toContain('[redacted]');
    for (const raw of ['SP-raw', 'SL-raw', 'pw-raw', 'tk-raw']) expect(output).not.toContain(raw);
  });
});
