import type { Actor } from '../domain/history.ts';
import type { Clock } from '../ports/clock.ts';
import type { IdGenerator } from '../ports/ids.ts';
import { hashToken } from '../ports/token-hash.ts';
import { ApiTokenRepository } from '../store/api-token-repository.ts';
import { AuditLogRepository } from '../store/audit-log-repository.ts';
import type { Database } from '../store/database.ts';
import { isRole } from './roles.ts';
import type { Role } from './roles.ts';
import { invalid } from './validation.ts';

export interface ApiTokenIdentity {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
}

const LAST_USED_RESOLUTION_MS = 60_000;

/** API tokens for scripts: shown once when created, stored only as a SHA-256 hash. */
export class TokenService {
  constructor(private readonly deps: { readonly db: Database; readonly clock: Clock; readonly ids: IdGenerator }) {}

  async create(input: { name: string; role: string }, actor: Actor): Promise<{ token: string; identity: ApiTokenIdentity }> {
    const name = input.name.trim();
    if (name === '') throw invalid('name', 'must not be empty');
    if (!isRole(input.role)) throw invalid('role', 'must be admin, staff or viewer');
    const token = this.deps.ids.newToken();
    const now = this.deps.clock.now();
    const identity: ApiTokenIdentity = { id: this.deps.ids.newId(), name, role: input.role };
    await this.deps.db.transaction(async (tx) => {
      await new ApiTokenRepository(tx).insert({ ...identity, tokenHash: hashToken(token), createdAt: now, lastUsedAt: null });
      await new AuditLogRepository(tx).append({ at: now, actor, action: 'token.create', target: name, details: { id: identity.id, role: identity.role } });
    });
    return { token, identity };
  }

  /** Who a bearer token belongs to, or null; records when it was last used (to the minute, to spare a write per request). */
  async authenticate(token: string): Promise<ApiTokenIdentity | null> {
    const stored = await new ApiTokenRepository(this.deps.db.kysely).findByHash(hashToken(token));
    if (!stored || !isRole(stored.role)) return null;
    const now = this.deps.clock.now();
    if (!stored.lastUsedAt || now.getTime() - stored.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      await this.deps.db.transaction((tx) => new ApiTokenRepository(tx).touch(stored.id, now));
    }
    return { id: stored.id, name: stored.name, role: stored.role };
  }
}
