import type { App } from '../../composition/compose.ts';
import { ConfigError, loadConfig } from '../../config.ts';
import { DomainError } from '../../domain/errors.ts';
import { SecretBoxError } from '../../ports/secret-box.ts';
import { DatabaseUrlError } from '../../store/database-url.ts';

/** Which command-line option carries each service field, to name it in an error. */
export type OptionNames = Readonly<Record<string, string>>;

/**
 * Runs a command body with the configured app and closes it after. Problems the operator
 * can fix (configuration, a refused value) become one line on stderr and exit code 2.
 */
export function withApp(options: OptionNames, body: (app: App) => Promise<void>): Promise<void> {
  return reportingOperatorErrors(options, async () => {
    const { openApp } = await import('../../composition/compose.ts');
    const app = await openApp(loadConfig());
    try {
      await body(app);
    } finally {
      await app.close();
    }
  });
}

export async function reportingOperatorErrors(options: OptionNames, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (err) {
    const line = operatorMessage(err, options);
    if (line === null) throw err;
    process.stderr.write(`${line.text}\n`);
    process.exitCode = line.exitCode;
  }
}

function operatorMessage(err: unknown, options: OptionNames): { text: string; exitCode: number } | null {
  if (err instanceof ConfigError || err instanceof DatabaseUrlError || err instanceof SecretBoxError) {
    return { text: `error: ${err.message}`, exitCode: 2 };
  }
  if (err instanceof DomainError) {
    const { field, reason } = (err.details ?? {}) as { field?: string; reason?: string };
    if (err.code === 'VALIDATION_FAILED' && field !== undefined) {
      return { text: `error: ${options[field] ?? field}: ${reason ?? err.message}`, exitCode: 2 };
    }
    return { text: `error: ${err.message}`, exitCode: err.code === 'NOT_FOUND' ? 2 : 1 };
  }
  return null;
}

export const CLI_ACTOR = { kind: 'system', name: 'cli' } as const;
