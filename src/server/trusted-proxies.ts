import { BlockList, isIP } from 'node:net';
import type { TrustProxy } from '../config.ts';

/** Which peer Fastify may believe about the client (X-Forwarded-For, X-Forwarded-Proto): `(address, hop) => trusted`. */
export type TrustProxyFunction = (address: string, hop: number) => boolean;

/** The address ranges JUCHU_TRUST_PROXY may name in words. */
const NAMED_RANGES: Readonly<Record<string, readonly string[]>> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/**
 * JUCHU_TRUST_PROXY as Fastify's trustProxy: false when no proxy is declared; otherwise a
 * function, for a hop count (the nearest `hops` peers are proxies) or for a list of addresses
 * and ranges (a peer is a proxy when it is in the list, however far along the chain).
 */
export function trustProxyFunction(trust: TrustProxy): TrustProxyFunction | false {
  if (trust === false) return false;
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  const list = new BlockList();
  for (const entry of trust.flatMap((e) => NAMED_RANGES[e] ?? [e])) {
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return (address) => {
    // A dual-stack socket reports an IPv4 peer as ::ffff:a.b.c.d.
    const plain = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
    const family = isIP(plain);
    return family !== 0 && list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
  };
}
