import type { Role } from './roles.ts';

/** The shops a caller may act on; admins and system work see every shop. */
export type ShopScope = { readonly all: true } | { readonly all: false; readonly codes: readonly string[] };

/**
 * Who asks a service to do something: a signed-in user, an API token, or juchu itself (the
 * CLI on the server, the sync worker). Services check a caller's shop and role themselves, so
 * no route or command can forget to.
 */
export interface Caller {
  readonly role: Role;
  readonly shops: ShopScope;
}

/** The CLI run on the server and the sync worker: whoever can run them already holds the database. */
export const SYSTEM_CALLER: Caller = { role: 'admin', shops: { all: true } };

export function callerSeesShop(caller: Caller, shopCode: string): boolean {
  return caller.shops.all || caller.shops.codes.includes(shopCode);
}
