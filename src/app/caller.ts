import { DomainError } from '../domain/errors.ts';
import type { Store } from '../store/store.ts';
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

/** A shop the caller may not see answers as if it did not exist: its code is not confirmed to strangers. */
export function requireCallerShop(caller: Caller, shopCode: string): string {
  if (!callerSeesShop(caller, shopCode)) throw shopNotFound(shopCode);
  return shopCode;
}

/** requireCallerShop, for a shop that must also exist (an admin sees every code, registered or not). */
export async function requireExistingShop(store: Pick<Store, 'shops'>, caller: Caller, shopCode: string): Promise<void> {
  requireCallerShop(caller, shopCode);
  if (!(await store.shops.get(shopCode))) throw shopNotFound(shopCode);
}

/** The order, when there is one and the caller may see its shop; another shop's order is as missing as one that does not exist. */
export function requireCallerOrder<T extends { readonly shopCode: string }>(caller: Caller, orderNumber: string, order: T | null): T {
  if (!order || !callerSeesShop(caller, order.shopCode)) throw new DomainError('NOT_FOUND', { orderNumber }, `order ${orderNumber} not found`);
  return order;
}

function shopNotFound(shopCode: string): DomainError {
  return new DomainError('NOT_FOUND', { shopCode }, `shop ${shopCode} not found`, '店舗が見つかりません。');
}

/**
 * The shops a list or count covers: those asked for that the caller may see (possibly none),
 * or, when none were asked for, all of the caller's (undefined: every shop).
 */
export function callerShopCodes(caller: Caller, requested?: readonly string[]): readonly string[] | undefined {
  if (requested !== undefined) return requested.filter((code) => callerSeesShop(caller, code));
  return caller.shops.all ? undefined : caller.shops.codes;
}
