import { IdParamsSchema, TokenCreatedSchema, TokenInputSchema, TokenListSchema, TokenSchema } from '../../api/admin-schemas.ts';
import type { ServerContext } from '../../context.ts';
import { defineRoute } from '../../route.ts';
import type { AnyRoute } from '../../route.ts';
import { presentToken, requesterOf } from './present.ts';

/** API tokens: created (shown once) with a role and the shops they may see, listed, revoked. Admins only. */
export function tokenRoutes(ctx: ServerContext): AnyRoute[] {
  const tokens = ctx.admin.tokens;
  return [
    defineRoute({
      method: 'GET',
      url: '/api/tokens',
      summary: 'Every API token with role, shops, creator, creation, last use and revocation (never the token)',
      tag: 'admin',
      access: 'admin',
      response: TokenListSchema,
      handler: async ({ principal, request }) => (await tokens.list(requesterOf(principal, request))).map(presentToken),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/tokens',
      summary: 'Create an API token; the token is in this answer only',
      tag: 'admin',
      access: 'admin',
      body: TokenInputSchema,
      response: TokenCreatedSchema,
      handler: async ({ body, principal, request }) => {
        const requester = requesterOf(principal, request);
        const { token, identity } = await tokens.create({ name: body.name, role: body.role, shopCodes: body.shops ?? null }, requester);
        const listed = (await tokens.list(requester)).find((t) => t.id === identity.id)!;
        return { token, info: presentToken(listed) };
      },
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/tokens/:id',
      summary: 'Revoke an API token; its next request is refused',
      tag: 'admin',
      access: 'admin',
      params: IdParamsSchema,
      response: TokenSchema,
      errors: ['NOT_FOUND'],
      handler: async ({ params, principal, request }) => presentToken(await tokens.revoke(params.id, requesterOf(principal, request))),
    }),
  ];
}
