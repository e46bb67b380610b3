import { z } from 'zod';
import type { SettingsView } from '../../app/settings/settings-service.ts';
import type { Actor } from '../../domain/history.ts';
import { toJstIso } from '../../domain/jst.ts';
import { actorOf } from '../auth/principal.ts';
import { ConcernParamsSchema, SettingsSaveSchema, SettingsSchema, ShopCodeParamsSchema } from '../api/settings-schemas.ts';
import type { Settings } from '../api/settings-schemas.ts';
import type { ServerContext } from '../context.ts';
import { defineRoute } from '../route.ts';
import type { AnyRoute } from '../route.ts';

/** Per-shop settings pages (app/settings): read by anyone who sees the shop, saved per the concern's editors. */
export function settingsRoutes(ctx: ServerContext): AnyRoute[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/shops/:code/settings',
      summary: "Every settings page of a shop, with its version and whether the caller may edit it",
      tag: 'settings',
      access: 'reader',
      params: ShopCodeParamsSchema,
      response: z.array(SettingsSchema).meta({ id: 'SettingsList' }),
      errors: ['NOT_FOUND'],
      handler: async ({ params, principal }) => (await ctx.settings.list(principal, params.code)).map(present),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/shops/:code/settings/:concern',
      summary: 'One settings page of a shop (write-only fields left out)',
      tag: 'settings',
      access: 'reader',
      params: ConcernParamsSchema,
      response: SettingsSchema,
      errors: ['NOT_FOUND'],
      handler: async ({ params, principal }) => present(await ctx.settings.view(principal, params.code, params.concern)),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/shops/:code/settings/:concern',
      summary: 'Save one settings page of a shop, from the version it was read at',
      tag: 'settings',
      access: 'writer',
      params: ConcernParamsSchema,
      body: SettingsSaveSchema,
      response: SettingsSchema,
      errors: ['NOT_FOUND', 'FORBIDDEN', 'SETTINGS_CONFLICT'],
      handler: async ({ params, body, principal }) =>
        present(await ctx.settings.save(principal, params.code, params.concern, body.document, body.version, actorOf(principal))),
    }),
  ];
}

function present(view: SettingsView): Settings {
  return { ...view, updatedAt: view.updatedAt && toJstIso(view.updatedAt), updatedBy: view.updatedBy && actorName(view.updatedBy) };
}

function actorName(actor: Actor): string {
  return actor.kind === 'rms' ? 'RMS' : actor.name;
}
