import { GATEWAY_UNAUTHORISED } from '../../rms/wire/index.ts';
import type { SandboxShop } from '../shop.ts';
import type { SandboxState } from '../state.ts';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * The shop behind an `Authorization: ESA base64(serviceSecret:licenseKey)` header, if the
 * pair is known and the key has not expired; strict Base64 only (no line breaks).
 */
export function authenticate(state: SandboxState, header: string | undefined, now: Date): { shop: SandboxShop; licenseKey: string } | undefined {
  const match = /^ESA (\S+)$/.exec(header ?? '');
  if (!match || !BASE64.test(match[1] as string)) return undefined;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const serviceSecret = decoded.slice(0, colon);
  const licenseKey = decoded.slice(colon + 1);
  const shop = state.findShopByCredentials(serviceSecret, licenseKey);
  const license = shop?.licenses.find((l) => l.licenseKey === licenseKey);
  if (!shop || !license || license.expiresAt.getTime() <= now.getTime()) return undefined;
  return { shop, licenseKey };
}

export function gatewayUnauthorised(state: SandboxState): { status: number; body: Record<string, unknown> } {
  return {
    status: state.settings.gatewayErrorStatus,
    body: { Results: { errorCode: GATEWAY_UNAUTHORISED.errorCode, [state.settings.gatewayMessageKey]: GATEWAY_UNAUTHORISED.message } },
  };
}
