import pino from 'pino';
import type { Logger } from 'pino';
import type { LogLevel } from './config.ts';

export type { Logger };

/**
 * Credentials, passwords, tokens and session cookies never reach a log line, wherever they
 * sit in the logged object (top level or one level down, e.g. `{ shop: { licenseKey } }`).
 */
const SECRET_KEYS = ['serviceSecret', 'licenseKey', 'password', 'passwordHash', 'token', 'secret', 'authorization', 'cookie'];

export const REDACTED_PATHS = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((key) => `*.${key}`),
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination);
}
