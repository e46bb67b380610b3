import type { Actor } from '../../domain/history.ts';
import type { ShopScope } from '../../app/caller.ts';
import type { Role } from '../api/schemas.ts';

/** Who is calling: a staff member through the web session, or a script with an API token. */
export type Principal =
  | {
      readonly kind: 'session';
      readonly userId: string;
      readonly email: string;
      readonly name: string;
      readonly role: Role;
      /** Shop codes this user may see; admins see every shop. */
      readonly shops: ShopScope;
      readonly sessionIdHash: string;
      readonly csrfToken: string;
    }
  | { readonly kind: 'token'; readonly tokenId: string; readonly name: string; readonly role: Role; readonly shops: ShopScope };

export const ALL_SHOPS: ShopScope = { all: true };

/** Viewers read; staff and admins act on orders. */
export function mayChangeOrders(principal: Principal): boolean {
  return principal.role !== 'viewer';
}

/** How the principal appears in order history and the audit log. */
export function actorOf(principal: Principal): Actor {
  return principal.kind === 'session'
    ? { kind: 'user', userId: principal.userId, name: principal.name }
    : { kind: 'user', userId: `token:${principal.tokenId}`, name: `API: ${principal.name}` };
}

/** The audit log's actor column. */
export function auditActorOf(principal: Principal): string {
  return principal.kind === 'session' ? `user:${principal.userId}` : `token:${principal.tokenId}`;
}
