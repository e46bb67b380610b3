import { toJstIso } from '../../../domain/jst.ts';
import {
  ConnectionInputSchema,
  ConnectionTestSchema,
  ImportProgressResultSchema,
  LicenseKeyInputSchema,
  ShopCodeParamsSchema,
  ShopConnectInputSchema,
  ShopDetailSchema,
  ShopSavedSchema,
  ShopUpdateSchema,
} from '../../api/admin-schemas.ts';
import type { ConnectionTest } from '../../api/admin-schemas.ts';
import type { ConnectionTestResult } from '../../../app/admin/connection.ts';
import type { TrimmedFields } from '../../../app/admin/shop-admin-service.ts';
import type { Requester } from '../../../app/admin/requester.ts';
import type { ServerContext } from '../../context.ts';
import { defineRoute } from '../../route.ts';
import type { AnyRoute } from '../../route.ts';
import { presentImport, presentShop, requesterOf } from './present.ts';

/** Connecting a shop to RMS and keeping the connection: admins; the first import's progress: anyone who sees the shop. */
export function shopAdminRoutes(ctx: ServerContext): AnyRoute[] {
  const detail = async (code: string, requester: Requester) => {
    const { shop, firstImport, syncAlert } = await ctx.admin.shops.get(code, requester);
    return presentShop(shop, syncAlert, firstImport, ctx.clock.now());
  };
  /** After a shop is connected its first import starts at once when this server runs sync; a worker elsewhere takes it at its next cycle. */
  const startFirstImport = (code: string) => {
    ctx.runSync?.({ shopCode: code }).catch(() => {
      // The run records its own failure (run log, import progress); nobody waits for this promise.
    });
  };

  return [
    defineRoute({
      method: 'POST',
      url: '/api/shops/test-connection',
      summary: 'Call RMS with these credentials (license expiry, one search) and show its answer; saves nothing',
      tag: 'admin',
      access: 'admin',
      body: ConnectionInputSchema,
      response: ConnectionTestSchema,
      handler: async ({ body, principal, request }) => {
        const { result, trimmed } = await ctx.admin.shops.testConnection(body, requesterOf(principal, request));
        return presentTest(result, trimmed);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/shops',
      summary: 'Connect a shop: tested against RMS, then saved with sealed credentials; its first import starts',
      tag: 'admin',
      access: 'admin',
      body: ShopConnectInputSchema,
      response: ShopSavedSchema,
      errors: ['RMS_CONNECTION_FAILED'],
      handler: async ({ body, principal, request }) => {
        const requester = requesterOf(principal, request);
        const { shop, trimmed } = await ctx.admin.shops.connect(body, requester);
        startFirstImport(shop.code);
        return { shop: await detail(shop.code, requester), trimmed };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/shops/:code',
      summary: "A shop's connection settings, license key expiry, sync alert and first import",
      tag: 'admin',
      access: 'reader',
      params: ShopCodeParamsSchema,
      response: ShopDetailSchema,
      errors: ['NOT_FOUND'],
      handler: async ({ params, principal, request }) => detail(params.code, requesterOf(principal, request)),
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/shops/:code',
      summary: '自動注文確認, rate limit, name, RMS URL or shop-side cancellation',
      tag: 'admin',
      access: 'admin',
      params: ShopCodeParamsSchema,
      body: ShopUpdateSchema,
      response: ShopDetailSchema,
      errors: ['NOT_FOUND'],
      handler: async ({ params, body, principal, request }) => {
        const requester = requesterOf(principal, request);
        await ctx.admin.shops.update(params.code, body, requester);
        return detail(params.code, requester);
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/shops/:code/license-key',
      summary: 'Renew the license key: verified against RMS first; the old key works until then',
      tag: 'admin',
      access: 'admin',
      params: ShopCodeParamsSchema,
      body: LicenseKeyInputSchema,
      response: ShopSavedSchema,
      errors: ['NOT_FOUND', 'RMS_CONNECTION_FAILED'],
      handler: async ({ params, body, principal, request }) => {
        const requester = requesterOf(principal, request);
        const { trimmed } = await ctx.admin.shops.replaceLicenseKey(params.code, body, requester);
        return { shop: await detail(params.code, requester), trimmed };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/shops/:code/import',
      summary: "The first import's progress: found, imported, elapsed, estimated time left",
      tag: 'admin',
      access: 'reader',
      params: ShopCodeParamsSchema,
      response: ImportProgressResultSchema,
      errors: ['NOT_FOUND'],
      handler: async ({ params, principal, request }) => ({ firstImport: presentImport((await ctx.admin.shops.get(params.code, requesterOf(principal, request))).firstImport) }),
    }),
  ];
}

function presentTest(result: ConnectionTestResult, trimmed: TrimmedFields): ConnectionTest {
  return {
    ok: result.ok,
    step: result.step,
    answer: result.answer,
    licenseNote: result.licenseNote,
    licenseKeyExpiresAt: result.licenseKeyExpiresAt && toJstIso(result.licenseKeyExpiresAt),
    ordersInLastHour: result.ok ? result.ordersInLastHour : null,
    trimmed: [...trimmed],
  };
}
