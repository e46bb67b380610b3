import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/history.ts';
import type { Role } from '../roles.ts';

/**
 * Who asks an administrative service for something, as the services check it: the role, the
 * shops they may see, and what the audit log records about them. The server builds it from
 * the session or token; the CLI, which runs on the server with its keys, is an admin.
 */
export interface Requester {
  readonly actor: Actor;
  readonly role: Role;
  /** Every shop, or these. */
  readonly shops: 'all' | readonly string[];
  /** The signed-in user's id; null for a token or the CLI. */
  readonly userId: string | null;
  /** `user:<id>`, `token:<id>` or `cli`: who created a token, as stored. */
  readonly ref: string;
  readonly clientAddress: string | null;
}

export const CLI_REQUESTER: Requester = {
  actor: { kind: 'system', name: 'cli' },
  role: 'admin',
  shops: 'all',
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

export function maySeeShop(requester: Requester, shopCode: string): boolean {
  return requester.shops === 'all' || requester.shops.includes(shopCode);
}

/** A shop the requester may not see answers as if it did not exist: its code is not confirmed to strangers. */
export function requireShop(requester: Requester, shopCode: string): void {
  if (!maySeeShop(requester, shopCode)) {
    throw new DomainError('NOT_FOUND', { shopCode }, `shop ${shopCode} not found`, '店舗が見つかりません。');
  }
}

/** A refused field with a Japanese sentence saying what to change. */
export function invalidInput(field: string, reason: string, messageJa: string): DomainError {
  return new DomainError('VALIDATION_FAILED', { field, reason }, `${field}: ${reason}`, messageJa);
}
