import type { z } from 'zod';
import {
  BAD_FORMAT,
  formatMessageText,
  messageCode,
  REQUIRED_MISSING,
  requiredMessageText,
  type MessageModel,
  type OperationName,
} from '../rms/wire/index.ts';

/** Extra MessageModel fields for an issue at a path (e.g. dataNumber of a shipping row). */
export type IssueDecorator = (path: readonly PropertyKey[]) => Partial<MessageModel>;

export type Validated<T> = { ok: true; value: T } | { ok: false; messages: MessageModel[] };

/** The parameter a message names: the innermost field name of the path. */
export function parameterName(path: readonly PropertyKey[]): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const key = path[i];
    if (typeof key === 'string') return key;
  }
  return 'request';
}

/** Schemas flag conditionally required items with a custom issue carrying `params.missing`. */
function isMissing(issue: z.core.$ZodIssue): boolean {
  if (issue.code === 'custom') return issue.params?.missing === true;
  // With reportInput, only an absent (or null) value comes without an input.
  return issue.input === undefined || issue.input === null;
}

export function errorMessage(operation: OperationName, missing: boolean, parameter: string, extra: Partial<MessageModel> = {}): MessageModel {
  return {
    messageType: 'ERROR',
    messageCode: messageCode(operation, 'ERROR', missing ? REQUIRED_MISSING : BAD_FORMAT),
    message: missing ? requiredMessageText(parameter) : formatMessageText(parameter),
    ...extra,
  };
}

/**
 * Validates a request body against its wire schema and turns every problem into RMS's
 * ERROR_009 (required item missing) or ERROR_011 (bad format) message, in parameter order.
 */
export function validate<S extends z.ZodType>(
  schema: S,
  body: unknown,
  operation: OperationName,
  decorate: IssueDecorator = () => ({}),
): Validated<z.output<S>> {
  const parsed = schema.safeParse(body, { reportInput: true });
  if (parsed.success) return { ok: true, value: parsed.data };
  const seen = new Set<string>();
  const messages: MessageModel[] = [];
  for (const issue of parsed.error.issues) {
    const message = errorMessage(operation, isMissing(issue), parameterName(issue.path), decorate(issue.path));
    const key = JSON.stringify(message);
    if (!seen.has(key)) {
      seen.add(key);
      messages.push(message);
    }
  }
  return { ok: false, messages };
}
