import { isIP } from 'node:net';

/**
 * The environment juchu reads (INTERFACE §3), checked once at start so that a bad value is
 * one clear line, not a failure deep inside a request.
 */
export interface Config {
  readonly databaseUrl: string;
  /** Null when unset: `demo` generates one; commands that seal credentials require it. */
  readonly secret: string | null;
  readonly port: number;
  readonly logLevel: LogLevel;
  /** A sandbox clock to take "now" from; null means the system clock. */
  readonly clockUrl: string | null;
  /** The reverse proxies whose X-Forwarded-* headers are believed (JUCHU_TRUST_PROXY). */
  readonly trustProxy: TrustProxy;
}

/**
 * false: no proxy, the connecting address is the client. A number: that many proxies in front,
 * whatever their addresses. A list: the proxies' addresses or CIDR ranges (or proxy-addr's
 * names `loopback`, `linklocal`, `uniquelocal`).
 */
export type TrustProxy = false | number | readonly string[];

const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULT_DATABASE_URL = 'file:./data/juchu.db';
export const MIN_SECRET_LENGTH = 16;

/** A configuration problem the operator must fix; the CLI prints it as one line, exit 2. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = nonEmpty(env.JUCHU_DATABASE_URL) ?? DEFAULT_DATABASE_URL;
  if (!/^(file:.+|postgres(ql)?:\/\/.+)$/.test(databaseUrl)) {
    throw new ConfigError(`JUCHU_DATABASE_URL must be file:PATH or postgres://…, not "${databaseUrl}"`);
  }
  const secret = nonEmpty(env.JUCHU_SECRET);
  if (secret !== null && secret.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(`JUCHU_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  const portText = nonEmpty(env.JUCHU_PORT) ?? '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65_535) {
    throw new ConfigError(`JUCHU_PORT must be a port number (1–65535), not "${portText}"`);
  }
  const logLevel = nonEmpty(env.JUCHU_LOG_LEVEL) ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError(`JUCHU_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${logLevel}"`);
  }
  const clockUrl = nonEmpty(env.JUCHU_CLOCK_URL);
  if (clockUrl !== null && !/^https?:\/\/.+/.test(clockUrl)) {
    throw new ConfigError(`JUCHU_CLOCK_URL must be an http(s) URL, not "${clockUrl}"`);
  }
  return { databaseUrl, secret, port, logLevel: logLevel as LogLevel, clockUrl, trustProxy: trustProxyOf(nonEmpty(env.JUCHU_TRUST_PROXY)) };
}

function trustProxyOf(text: string | null): TrustProxy {
  if (text === null) return false;
  if (/^\d+$/.test(text.trim())) {
    const hops = Number(text.trim());
    if (hops < 1 || hops > 10) throw new ConfigError(`JUCHU_TRUST_PROXY as a hop count must be 1–10, not "${text}"`);
    return hops;
  }
  const entries = text.split(',').map((e) => e.trim());
  for (const entry of entries) {
    if (!isAddressOrRange(entry)) {
      throw new ConfigError(`JUCHU_TRUST_PROXY must be a hop count or proxy addresses/CIDR ranges separated by commas; "${entry}" is neither`);
    }
  }
  return entries;
}

function isAddressOrRange(entry: string): boolean {
  if (PROXY_RANGE_NAMES.includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** For commands that seal or open RMS credentials or sign sessions. */
export function requireSecret(config: Config): string {
  if (config.secret === null) {
    throw new ConfigError('JUCHU_SECRET is not set: it encrypts stored RMS credentials (at least 16 characters)');
  }
  return config.secret;
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value.trim() === '' ? null : value;
}
