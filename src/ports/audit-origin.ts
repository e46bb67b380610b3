import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Where the request being served came from, for every audit record written while serving it
 * (order actions, logins, settings), without threading the address through each service. The
 * server runs each route handler inside `withAuditOrigin`; outside a request there is none.
 */
const origin = new AsyncLocalStorage<{ readonly clientAddress: string }>();

export function withAuditOrigin<T>(clientAddress: string, fn: () => T): T {
  return origin.run({ clientAddress }, fn);
}

export function currentClientAddress(): string | null {
  return origin.getStore()?.clientAddress ?? null;
}
