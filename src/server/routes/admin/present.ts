import type { FastifyRequest } from 'fastify';
import type { ImportProgressView } from '../../../app/admin/import-progress.ts';
import type { IssuedLink } from '../../../app/admin/people-service.ts';
import type { Requester } from '../../../app/admin/requester.ts';
import type { ApiTokenListing } from '../../../app/token-service.ts';
import type { UserAccount } from '../../../app/user-service.ts';
import { toJstIso } from '../../../domain/jst.ts';
import { licenseExpiryWarning } from '../../../domain/shop.ts';
import type { Shop } from '../../../domain/shop.ts';
import { actorLabel } from '../../../app/admin/audit-service.ts';
import type { StoredAuditRecord } from '../../../app/admin/audit-service.ts';
import type { ApiToken, AuditRecord, ImportProgress, OneTimeLink, ShopDetail, User } from '../../api/admin-schemas.ts';
import { actorOf, auditActorOf } from '../../auth/principal.ts';
import type { Principal } from '../../auth/principal.ts';
import type { ServerContext } from '../../context.ts';
import { syncAlertFields } from '../../sync-alert.ts';
import type { ShopSyncAlert } from '../../sync-alert.ts';

/** The caller as the administrative services check it, with the address the request came from. */
export function requesterOf(principal: Principal, request: FastifyRequest): Requester {
  return {
    actor: actorOf(principal),
    role: principal.role,
    shops: principal.shops,
    userId: principal.kind === 'session' ? principal.userId : null,
    ref: auditActorOf(principal),
    clientAddress: request.ip,
  };
}

export function presentImport(view: ImportProgressView | null): ImportProgress | null {
  return (
    view && {
      ...view,
      startedAt: toJstIso(view.startedAt),
      finishedAt: view.finishedAt && toJstIso(view.finishedAt),
    }
  );
}

export function presentShop(shop: Shop, syncAlert: ShopSyncAlert, firstImport: ImportProgressView | null, now: Date): ShopDetail {
  return {
    code: shop.code,
    name: shop.name,
    autoConfirm: shop.autoConfirm,
    cancelViaApi: shop.cancelViaApi,
    rmsUrl: shop.rmsUrl,
    rateLimitPerSecond: shop.rateLimitPerSecond,
    licenseKeyExpiresAt: shop.licenseKeyExpiresAt && toJstIso(shop.licenseKeyExpiresAt),
    licenseWarning: licenseExpiryWarning(shop, now),
    ...syncAlertFields(syncAlert),
    firstImport: presentImport(firstImport),
  };
}

export function presentUser(user: UserAccount): User {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    shops: [...user.shopCodes],
    disabled: user.disabledAt !== null,
    lastLoginAt: user.lastLoginAt && toJstIso(user.lastLoginAt),
    createdAt: toJstIso(user.createdAt),
  };
}

export function presentToken(token: ApiTokenListing): ApiToken {
  return {
    id: token.id,
    name: token.name,
    role: token.role,
    shops: token.shopCodes && [...token.shopCodes],
    createdBy: token.createdBy,
    createdAt: toJstIso(token.createdAt),
    lastUsedAt: token.lastUsedAt && toJstIso(token.lastUsedAt),
    revokedAt: token.revokedAt && toJstIso(token.revokedAt),
  };
}

export function presentAudit(record: StoredAuditRecord): AuditRecord {
  return {
    id: record.id,
    at: toJstIso(record.at),
    actor: actorLabel(record),
    actorId: record.actor.kind === 'user' ? record.actor.userId : null,
    action: record.action,
    target: record.target,
    shop: record.shopCode,
    clientAddress: record.clientAddress,
    details: record.details,
  };
}

/** A one-time link spelt out with JUCHU_PUBLIC_URL, or the address the request came to. */
export function presentLink(ctx: ServerContext, request: FastifyRequest, link: IssuedLink): OneTimeLink {
  const base = ctx.publicUrl ?? `${request.protocol}://${request.host}`;
  return { purpose: link.purpose, url: `${base.replace(/\/+$/, '')}${link.path}`, expiresAt: toJstIso(link.expiresAt) };
}
