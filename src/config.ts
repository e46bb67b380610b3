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
  /** JUCHU_PUBLIC_URL: where links that leave the server (setup, invitation, reset) point; null: http://localhost:PORT. */
  readonly publicUrl: string | null;
}

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
  const publicUrl = nonEmpty(env.JUCHU_PUBLIC_URL);
  if (publicUrl !== null && !/^https?:\/\/[^\s/]+(\/\S*)?$/.test(publicUrl)) {
    throw new ConfigError(`JUCHU_PUBLIC_URL must be an http(s) URL, not "${publicUrl}"`);
  }
  return { databaseUrl, secret, port, logLevel: logLevel as LogLevel, clockUrl, publicUrl: publicUrl?.replace(/\/+$/, '') ?? null };
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
