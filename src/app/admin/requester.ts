import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/history.ts';
import { requireCallerShop, SYSTEM_CALLER } from '../caller.ts';
import type { Caller } from '../caller.ts';

/**
 * A caller of an administrative service: its role and shops (checked by the services), and
 * what the audit log records about it. The server builds it from the session or token; the
 * CLI, which runs on the server with its keys, is the system caller.
 */
export interface Requester extends Caller {
  readonly actor: Actor;
  /** The signed-in user's id; null for a token or the CLI. */
  readonly userId: string | null;
  /** `user:<id>`, `token:<id>` or `cli`: who created a token, as stored. */
  readonly ref: string;
  readonly clientAddress: string | null;
}

export const CLI_REQUESTER: Requester = {
  ...SYSTEM_CALLER,
  actor: { kind: 'system', name: 'cli' },
  userId: null,
  ref: 'cli',
  clientAddress: null,
};

/**
 * Code that runs with the database in hand (the CLI, the demo, tests) says only who it is, as an
 * Actor: it is trusted as an admin. Requests from outside always come as a Requester.
 */
export function asRequester(who: Requester | Actor): Requester {
  if (!('kind' in who)) return who;
  return { ...CLI_REQUESTER, actor: who, ref: who.kind === 'user' ? `user:${who.userId}` : who.kind === 'system' ? who.name : who.kind };
}

export function requireAdmin(requester: Requester): void {
  if (requester.role !== 'admin') {
    throw new DomainError('FORBIDDEN', { role: requester.role }, 'admins only', 'この操作は管理者だけができます。');
  }
}

/** A shop the requester may not see answers as if it did not exist: its code is not confirmed to strangers. */
export function requireShop(requester: Requester, shopCode: string): void {
  requireCallerShop(requester, shopCode);
}

/** A refused field with a Japanese sentence saying what to change. */
export function invalidInput(field: string, reason: string, messageJa: string): DomainError {
  return new DomainError('VALIDATION_FAILED', { field, reason }, `${field}: ${reason}`, messageJa);
}
