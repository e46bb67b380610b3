import { toJstIso } from '../../../domain/jst.ts';
import {
  IdParamsSchema,
  InvitationInputSchema,
  InvitedSchema,
  LinkInfoSchema,
  LinkSchema,
  LinkTokenParamsSchema,
  LinkUsedSchema,
  LinkUseSchema,
  PasswordChangeSchema,
  UserListSchema,
  UserSchema,
  UserUpdateSchema,
} from '../../api/admin-schemas.ts';
import { OkSchema } from '../../api/schemas.ts';
import type { ServerContext } from '../../context.ts';
import { defineRoute } from '../../route.ts';
import type { AnyRoute } from '../../route.ts';
import { presentLink, presentUser, requesterOf } from './present.ts';

/** People: admins manage accounts and hand out one-time links; everyone changes their own password. */
export function peopleRoutes(ctx: ServerContext): AnyRoute[] {
  const people = ctx.admin.people;
  return [
    defineRoute({
      method: 'GET',
      url: '/api/users',
      summary: 'Every account with role, shops, disabled flag and last login',
      tag: 'admin',
      access: 'admin',
      response: UserListSchema,
      handler: async ({ principal, request }) => (await people.list(requesterOf(principal, request))).map(presentUser),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/users',
      summary: 'Invite someone: the account and a one-time link (JUCHU_PUBLIC_URL) where they set their password',
      tag: 'admin',
      access: 'admin',
      body: InvitationInputSchema,
      response: InvitedSchema,
      handler: async ({ body, principal, request }) => {
        const { user, link } = await people.invite({ email: body.email, role: body.role, ...(body.name !== undefined && { name: body.name }), shopCodes: body.shops ?? [] }, requesterOf(principal, request));
        return { user: presentUser(user), link: presentLink(ctx, request, link) };
      },
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/users/:id',
      summary: 'Change role, shops or name, or disable (sessions and tokens end at once); never the last admin, never oneself',
      tag: 'admin',
      access: 'admin',
      params: IdParamsSchema,
      body: UserUpdateSchema,
      response: UserSchema,
      errors: ['NOT_FOUND', 'LAST_ADMIN', 'OWN_ROLE'],
      handler: async ({ params, body, principal, request }) => {
        const { shops, ...rest } = body;
        return presentUser(await people.update(params.id, { ...rest, ...(shops !== undefined && { shopCodes: shops }) }, requesterOf(principal, request)));
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/users/:id/invitations',
      summary: 'A new one-time link for the user: an invitation again, or a password reset; older links end',
      tag: 'admin',
      access: 'admin',
      params: IdParamsSchema,
      response: LinkSchema,
      errors: ['NOT_FOUND'],
      handler: async ({ params, principal, request }) => presentLink(ctx, request, await people.issueLink(params.id, requesterOf(principal, request))),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/invitations/:token',
      summary: 'What a one-time link is for (setup of the first admin, invitation, reset), before it is used',
      tag: 'auth',
      access: 'public',
      params: LinkTokenParamsSchema,
      response: LinkInfoSchema,
      errors: ['LINK_INVALID'],
      handler: async ({ params }) => {
        const info = await people.linkInfo(params.token);
        return { ...info, expiresAt: toJstIso(info.expiresAt) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/invitations/:token',
      summary: 'Use a one-time link: set the password (the setup link also creates the first admin); then log in',
      tag: 'auth',
      access: 'public',
      params: LinkTokenParamsSchema,
      body: LinkUseSchema,
      response: LinkUsedSchema,
      errors: ['LINK_INVALID'],
      handler: async ({ params, body, request }) => {
        const account = await people.useLink(params.token, body, request.ip);
        return { email: account.email };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/auth/password',
      summary: 'Change your own password; your other sessions end',
      tag: 'auth',
      access: 'reader',
      body: PasswordChangeSchema,
      response: OkSchema,
      errors: ['WRONG_PASSWORD'],
      handler: async ({ body, principal, request }) => {
        await people.changeOwnPassword(requesterOf(principal, request), body.currentPassword, body.newPassword, principal.kind === 'session' ? principal.sessionIdHash : undefined);
        return { ok: true as const };
      },
    }),
  ];
}
