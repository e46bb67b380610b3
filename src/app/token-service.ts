import { DomainError } from '../domain/errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { IdGenerator } from '../ports/ids.ts';
import { hashToken } from '../ports/token-hash.ts';
import type { StoredApiToken } from '../store/api-token-repository.ts';
import type { Store } from '../store/store.ts';
import { asRequester, invalidInput, requireAdmin } from './admin/requester.ts';
import type { Actor } from '../domain/history.ts';
import type { Requester } from './admin/requester.ts';
import { isRole } from './roles.ts';
import type { Role } from './roles.ts';

export interface ApiTokenIdentity {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  /** The shops the token may see; null for every shop. */
  readonly shopCodes: readonly string[] | null;
}

/** A token as the list shows it: never the token itself. */
export interface ApiTokenListing extends ApiTokenIdentity {
  readonly createdBy: string | null;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
  readonly revokedAt: Date | null;
}

export interface NewApiToken {
  readonly name: string;
  readonly role: string;
  /** Omitted or null: every shop (as every token did before shops could be given). */
  readonly shopCodes?: readonly string[] | null;
}

const LAST_USED_RESOLUTION_MS = 60_000;

/** How long a server trusts a token it has looked up without looking again. */
export const TOKEN_CACHE_TTL_MS = 5_000;

/**
 * Tokens looked up in the last `TOKEN_CACHE_TTL_MS`, by hash: a script's requests come in
 * bursts, and looking the token up for each was a query (with its compile) per request beside
 * the request's own. A revocation through this server forgets the token at once; one made by
 * another process (another `serve`, the CLI) is seen within the TTL.
 */
export class ApiTokenCache {
  private readonly entries = new Map<string, { readonly identity: ApiTokenIdentity; readonly until: number }>();

  get(hash: string, nowMs: number): ApiTokenIdentity | null {
    const entry = this.entries.get(hash);
    if (!entry) return null;
    if (entry.until > nowMs) return entry.identity;
    this.entries.delete(hash);
    return null;
  }

  set(hash: string, identity: ApiTokenIdentity, nowMs: number): void {
    this.entries.set(hash, { identity, until: nowMs + TOKEN_CACHE_TTL_MS });
  }

  forget(id: string): void {
    for (const [hash, entry] of this.entries) if (entry.identity.id === id) this.entries.delete(hash);
  }
}

/** API tokens for scripts: shown once when created, stored only as a SHA-256 hash, revoked for good. */
export class TokenService {
  constructor(private readonly deps: { readonly store: Store; readonly clock: Clock; readonly ids: IdGenerator; readonly cache?: ApiTokenCache }) {}

  async create(input: NewApiToken, who: Requester | Actor): Promise<{ token: string; identity: ApiTokenIdentity }> {
    const requester = asRequester(who);
    requireAdmin(requester);
    const name = input.name.trim();
    if (name === '') throw invalidInput('name', 'must not be empty', 'トークンの名前を入力してください。');
    if (!isRole(input.role)) throw invalidInput('role', 'must be admin, staff or viewer', '権限は管理者・スタッフ・閲覧者から選んでください。');
    // An admin token sees every shop, as an admin does; a list of shops would mislead.
    const shopCodes = input.role === 'admin' || input.shopCodes == null ? null : [...new Set(input.shopCodes)];
    if (shopCodes !== null && shopCodes.length === 0) {
      throw invalidInput('shops', 'give at least one shop, or none for every shop', '店舗を1つ以上選ぶか、「すべての店舗」を選んでください。');
    }
    const token = this.deps.ids.newToken();
    const now = this.deps.clock.now();
    const identity: ApiTokenIdentity = { id: this.deps.ids.newId(), name, role: input.role, shopCodes };
    await this.deps.store.transaction(async (tx) => {
      const shops = tx.shops;
      for (const code of shopCodes ?? []) {
        if (!(await shops.get(code))) throw invalidInput('shops', `no shop ${code}`, `店舗「${code}」はありません。`);
      }
      await tx.apiTokens.insert({ ...identity, tokenHash: hashToken(token), createdAt: now, lastUsedAt: null, createdBy: requester.ref, revokedAt: null });
      await tx.auditLog.append({
        at: now,
        actor: requester.actor,
        action: 'token.create',
        target: name,
        details: { id: identity.id, role: identity.role, shops: shopCodes ?? 'all' },
        clientAddress: requester.clientAddress,
      });
    });
    return { token, identity };
  }

  async list(requester: Requester): Promise<ApiTokenListing[]> {
    requireAdmin(requester);
    return (await this.deps.store.apiTokens.list()).map(toListing);
  }

  /** Ends the token at once; its next request is refused. */
  async revoke(id: string, requester: Requester): Promise<ApiTokenListing> {
    requireAdmin(requester);
    const now = this.deps.clock.now();
    const listing = await this.deps.store.transaction(async (tx) => {
      const repo = tx.apiTokens;
      const stored = await repo.get(id);
      if (!stored) throw new DomainError('NOT_FOUND', { tokenId: id }, `token ${id} not found`, 'APIトークンが見つかりません。');
      if (stored.revokedAt) return toListing(stored);
      await repo.revoke(id, now);
      await tx.auditLog.append({ at: now, actor: requester.actor, action: 'token.revoke', target: stored.name, details: { id }, clientAddress: requester.clientAddress });
      return toListing({ ...stored, revokedAt: now });
    });
    // After the commit: a request looking the token up meanwhile would cache it as still live.
    this.deps.cache?.forget(id);
    return listing;
  }

  /** Who a bearer token belongs to, or null (unknown or revoked); records when it was last used (to the minute, to spare a write per request). */
  async authenticate(token: string): Promise<ApiTokenIdentity | null> {
    const hash = hashToken(token);
    const now = this.deps.clock.now();
    const cached = this.deps.cache?.get(hash, now.getTime());
    if (cached) return cached;
    const stored = await this.deps.store.apiTokens.findByHash(hash);
    if (!stored || stored.revokedAt || !isRole(stored.role)) return null;
    if (!stored.lastUsedAt || now.getTime() - stored.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      await this.deps.store.transaction((tx) => tx.apiTokens.touch(stored.id, now));
    }
    const identity = { id: stored.id, name: stored.name, role: stored.role, shopCodes: stored.shopCodes };
    this.deps.cache?.set(hash, identity, now.getTime());
    return identity;
  }
}

function toListing(stored: StoredApiToken): ApiTokenListing {
  if (!isRole(stored.role)) throw new Error(`token ${stored.id} has an unknown role ${stored.role}`);
  return {
    id: stored.id,
    name: stored.name,
    role: stored.role,
    shopCodes: stored.shopCodes,
    createdBy: stored.createdBy,
    createdAt: stored.createdAt,
    lastUsedAt: stored.lastUsedAt,
    revokedAt: stored.revokedAt,
  };
}
