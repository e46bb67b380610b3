import { DomainError } from '../../domain/errors.ts';
import type { Clock } from '../../ports/clock.ts';
import type { IdGenerator } from '../../ports/ids.ts';
import type { PasswordHasher } from '../../ports/password-hasher.ts';
import { hashToken } from '../../ports/token-hash.ts';
import type { OneTimeLinkPurpose } from '../../store/admin/tables.ts';
import type { Store } from '../../store/store.ts';
import type { ApiTokenCache } from '../token-service.ts';
import { isRole } from '../roles.ts';
import { MIN_PASSWORD_LENGTH, normaliseEmail, toAccount } from '../user-service.ts';
import type { UserAccount } from '../user-service.ts';
import { invalidInput, requireAdmin } from './requester.ts';
import type { Requester } from './requester.ts';

const DAY_MS = 86_400_000;
/** How long each kind of link stays usable. */
const LINK_LIFETIME_MS: Readonly<Record<OneTimeLinkPurpose, number>> = {
  setup: 7 * DAY_MS,
  invite: 7 * DAY_MS,
  reset: 1 * DAY_MS,
};

/** A link to hand over: the path carries the token, which is stored only as a hash. */
export interface IssuedLink {
  readonly purpose: OneTimeLinkPurpose;
  /** `/setup/<token>`, `/invite/<token>` or `/reset/<token>`: the server puts JUCHU_PUBLIC_URL in front. */
  readonly path: string;
  readonly expiresAt: Date;
}

export interface LinkInfo {
  readonly purpose: OneTimeLinkPurpose;
  /** The account the link is for; null for the setup link, which creates it. */
  readonly email: string | null;
  readonly name: string | null;
  readonly expiresAt: Date;
}

export interface Invitation {
  readonly email: string;
  readonly role: string;
  readonly name?: string;
  readonly shopCodes?: readonly string[];
}

export interface UserUpdate {
  readonly name?: string;
  readonly role?: string;
  readonly shopCodes?: readonly string[];
  readonly disabled?: boolean;
}

/**
 * People: accounts, their roles and shops, one-time links that set a password (the first
 * admin's setup, an invitation, a reset), disabling, and the rule that at least one active
 * admin remains. Only admins manage others; anyone changes their own password.
 */
export class PeopleService {
  constructor(
    private readonly deps: {
      readonly store: Store;
      readonly clock: Clock;
      readonly ids: IdGenerator;
      readonly hasher: PasswordHasher;
      /** The token cache the server's requests are checked against: a disabled user's tokens leave it at once. */
      readonly tokenCache?: ApiTokenCache;
    },
  ) {}

  async list(requester: Requester): Promise<UserAccount[]> {
    requireAdmin(requester);
    return (await this.deps.store.users.list()).map(toAccount);
  }

  /** A new account without a usable password, and the link that lets its owner set one. */
  async invite(input: Invitation, requester: Requester): Promise<{ user: UserAccount; link: IssuedLink }> {
    requireAdmin(requester);
    const email = normaliseEmail(input.email);
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw invalidInput('email', 'not an email address', 'メールアドレスの形式が正しくありません。');
    const role = checkRole(input.role);
    const shopCodes = role === 'admin' ? [] : [...new Set(input.shopCodes ?? [])];
    const now = this.deps.clock.now();
    // Nobody knows this password: the account can be used only once its owner sets one through the link.
    const passwordHash = await this.deps.hasher.hash(this.deps.ids.newToken());
    const user = { id: this.deps.ids.newId(), email, name: input.name?.trim() || email, passwordHash, role, shopCodes, createdAt: now };
    const link = await this.deps.store.transaction(async (tx) => {
      await checkShops(tx, shopCodes);
      if (!(await tx.users.insert(user))) {
        throw invalidInput('email', `${email} is already registered`, `${email} はすでに登録されています。`);
      }
      await this.audit(tx, requester, 'user.invite', email, { userId: user.id, role, shopCodes });
      return this.issue(tx, 'invite', user.id, requester.ref, now);
    });
    return { user: toAccount({ ...user, disabledAt: null, lastLoginAt: null }), link };
  }

  /** Role, shops, name or disabled. Disabling ends the user's sessions and tokens at once. */
  async update(id: string, change: UserUpdate, requester: Requester): Promise<UserAccount> {
    requireAdmin(requester);
    const role = change.role === undefined ? undefined : checkRole(change.role);
    const name = change.name?.trim();
    if (name === '') throw invalidInput('name', 'must not be empty', '名前を入力してください。');
    const now = this.deps.clock.now();
    let revokedTokens: readonly string[] = [];
    const account = await this.deps.store.transaction(async (tx) => {
      const users = tx.users;
      const before = await users.get(id);
      if (!before) throw userNotFound(id);
      const self = requester.userId === id;
      if (self && ((role !== undefined && role !== before.role) || change.disabled === true)) {
        throw new DomainError('OWN_ROLE', { userId: id });
      }
      if (change.shopCodes !== undefined) await checkShops(tx, change.shopCodes);
      const disabledAt = change.disabled === undefined ? undefined : change.disabled ? (before.disabledAt ?? now) : null;
      await users.update(id, {
        ...(name !== undefined && { name }),
        ...(role !== undefined && { role }),
        ...(change.shopCodes !== undefined && { shopCodes: [...new Set(change.shopCodes)] }),
        ...(disabledAt !== undefined && { disabledAt }),
      });
      if ((await users.countActiveAdmins()) === 0) throw new DomainError('LAST_ADMIN', { userId: id });
      if (disabledAt && !before.disabledAt) {
        await tx.sessions.deleteForUser(id);
        revokedTokens = await tx.apiTokens.revokeCreatedBy(`user:${id}`, now);
        await tx.oneTimeLinks.expireForUser(id, now);
      }
      await this.audit(tx, requester, change.disabled ? 'user.disable' : 'user.update', before.email, { userId: id, ...change });
      return toAccount((await users.get(id))!);
    });
    for (const tokenId of revokedTokens) this.deps.tokenCache?.forget(tokenId);
    return account;
  }

  /** A fresh link for a user to set a password: an invitation again, or a reset. Older open links end. */
  async issueLink(id: string, requester: Requester): Promise<IssuedLink> {
    requireAdmin(requester);
    const now = this.deps.clock.now();
    return this.deps.store.transaction(async (tx) => {
      const user = await tx.users.get(id);
      if (!user) throw userNotFound(id);
      if (user.disabledAt) throw invalidInput('user', 'user is disabled', '無効化されたユーザーにはリンクを発行できません。先に有効にしてください。');
      await tx.oneTimeLinks.expireForUser(id, now);
      const purpose = user.lastLoginAt === null ? 'invite' : 'reset';
      await this.audit(tx, requester, `user.${purpose}Link`, user.email, { userId: id });
      return this.issue(tx, purpose, id, requester.ref, now);
    });
  }

  /** The signed-in user's own password; their other sessions end. */
  async changeOwnPassword(requester: Requester, current: string, next: string, keepSessionIdHash?: string): Promise<void> {
    if (requester.userId === null) throw new DomainError('FORBIDDEN', {}, 'only a signed-in user has a password', 'パスワードはログインしたユーザー本人だけが変更できます。');
    const users = this.deps.store.users;
    const user = await users.get(requester.userId);
    if (!user || !(await this.deps.hasher.verify(user.passwordHash, current))) throw new DomainError('WRONG_PASSWORD', { field: 'currentPassword' });
    const passwordHash = await this.deps.hasher.hash(checkPassword(next));
    await this.deps.store.transaction(async (tx) => {
      await tx.users.update(user.id, { passwordHash });
      await tx.sessions.deleteForUser(user.id, keepSessionIdHash);
      await this.audit(tx, requester, 'user.passwordChange', user.email, { userId: user.id });
    });
  }

  /** What a link is for, before its owner fills in the form. */
  async linkInfo(token: string): Promise<LinkInfo> {
    const link = await this.openLink(this.deps.store, token);
    const user = link.userId ? await this.deps.store.users.get(link.userId) : null;
    return { purpose: link.purpose, email: user?.email ?? null, name: user?.name ?? null, expiresAt: link.expiresAt };
  }

  /**
   * Sets the password a link is for, once. The setup link also creates the first admin, and
   * only while there is no active admin: a setup link printed twice cannot make a second one.
   */
  async useLink(token: string, input: { password: string; email?: string; name?: string }, clientAddress: string | null): Promise<UserAccount> {
    const passwordHash = await this.deps.hasher.hash(checkPassword(input.password));
    const now = this.deps.clock.now();
    return this.deps.store.transaction(async (tx) => {
      const link = await this.openLink(tx, token);
      const links = tx.oneTimeLinks;
      const users = tx.users;
      if (!(await links.use(link.tokenHash, now))) throw new DomainError('LINK_INVALID');
      let userId = link.userId;
      if (link.purpose === 'setup') {
        if ((await users.countActiveAdmins()) > 0) throw new DomainError('LINK_INVALID', { reason: 'an admin exists already' });
        const email = normaliseEmail(input.email ?? '');
        if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw invalidInput('email', 'not an email address', 'メールアドレスの形式が正しくありません。');
        userId = this.deps.ids.newId();
        const created = await users.insert({ id: userId, email, name: input.name?.trim() || email, passwordHash, role: 'admin', shopCodes: [], createdAt: now });
        if (!created) throw invalidInput('email', `${email} is already registered`, `${email} はすでに登録されています。`);
      } else {
        const user = userId ? await users.get(userId) : null;
        if (!user || user.disabledAt) throw new DomainError('LINK_INVALID');
        await users.update(user.id, { passwordHash });
        await tx.sessions.deleteForUser(user.id);
      }
      const account = toAccount((await users.get(userId!))!);
      await tx.auditLog.append({
        at: now,
        actor: { kind: 'user', userId: account.id, name: account.name },
        action: `user.${link.purpose}Complete`,
        target: account.email,
        details: { userId: account.id },
        clientAddress,
      });
      return account;
    });
  }

  /**
   * On a database with no active admin, a link that creates the first one (`juchu serve` prints
   * it); null when there is an admin already.
   */
  async setupLinkIfNoAdmin(): Promise<IssuedLink | null> {
    const now = this.deps.clock.now();
    return this.deps.store.transaction(async (tx) => {
      if ((await tx.users.countActiveAdmins()) > 0) return null;
      return this.issue(tx, 'setup', null, 'serve', now);
    });
  }

  private async issue(tx: Store, purpose: OneTimeLinkPurpose, userId: string | null, createdBy: string, now: Date): Promise<IssuedLink> {
    const token = this.deps.ids.newToken();
    const expiresAt = new Date(now.getTime() + LINK_LIFETIME_MS[purpose]);
    await tx.oneTimeLinks.insert({ tokenHash: hashToken(token), purpose, userId, createdBy, createdAt: now, expiresAt });
    return { purpose, path: `/${purpose}/${token}`, expiresAt };
  }

  private async openLink(db: Store, token: string) {
    const link = await db.oneTimeLinks.find(hashToken(token));
    if (!link || link.usedAt || link.expiresAt <= this.deps.clock.now()) throw new DomainError('LINK_INVALID');
    return link;
  }

  private async audit(tx: Store, requester: Requester, action: string, target: string, details: unknown): Promise<void> {
    await tx.auditLog.append({ at: this.deps.clock.now(), actor: requester.actor, action, target, details, clientAddress: requester.clientAddress });
  }
}

function checkRole(role: string) {
  if (!isRole(role)) throw invalidInput('role', 'must be admin, staff or viewer', '権限は管理者・スタッフ・閲覧者から選んでください。');
  return role;
}

function checkPassword(password: string): string {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw invalidInput('password', `must be at least ${MIN_PASSWORD_LENGTH} characters`, `パスワードは${MIN_PASSWORD_LENGTH}文字以上にしてください。`);
  }
  return password;
}

async function checkShops(tx: Store, shopCodes: readonly string[]): Promise<void> {
  const shops = tx.shops;
  for (const code of shopCodes) {
    if (!(await shops.get(code))) throw invalidInput('shops', `no shop ${code}`, `店舗「${code}」はありません。`);
  }
}

function userNotFound(id: string): DomainError {
  return new DomainError('NOT_FOUND', { userId: id }, `user ${id} not found`, 'ユーザーが見つかりません。');
}
