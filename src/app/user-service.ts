import type { Actor } from '../domain/history.ts';
import type { Clock } from '../ports/clock.ts';
import type { IdGenerator } from '../ports/ids.ts';
import type { PasswordHasher } from '../ports/password-hasher.ts';
import type { Store } from '../store/store.ts';
import type { StoredUser } from '../store/user-repository.ts';
import { isRole } from './roles.ts';
import type { Role } from './roles.ts';
import { invalid } from './validation.ts';

export const MIN_PASSWORD_LENGTH = 12;

export interface UserAccount {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly shopCodes: readonly string[];
  readonly disabledAt: Date | null;
  readonly lastLoginAt: Date | null;
  readonly createdAt: Date;
}

export interface NewUser {
  readonly email: string;
  readonly password: string;
  readonly role: string;
  readonly name?: string;
  readonly shopCodes?: readonly string[];
}

/** Staff accounts: argon2id password hashes, a role, and the shops each may work on. */
export class UserService {
  constructor(
    private readonly deps: { readonly store: Store; readonly clock: Clock; readonly ids: IdGenerator; readonly hasher: PasswordHasher },
  ) {}

  async add(input: NewUser, actor: Actor): Promise<UserAccount> {
    const email = normaliseEmail(input.email);
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw invalid('email', 'not an email address');
    if (input.password.length < MIN_PASSWORD_LENGTH) throw invalid('password', `must be at least ${MIN_PASSWORD_LENGTH} characters`);
    if (!isRole(input.role)) throw invalid('role', 'must be admin, staff or viewer');
    const shopCodes = [...new Set(input.shopCodes ?? [])];
    const now = this.deps.clock.now();
    const user = {
      id: this.deps.ids.newId(),
      email,
      name: input.name?.trim() || email,
      passwordHash: await this.deps.hasher.hash(input.password),
      role: input.role,
      shopCodes,
      createdAt: now,
      disabledAt: null,
      lastLoginAt: null,
    } satisfies StoredUser;
    await this.deps.store.transaction(async (tx) => {
      const shops = tx.shops;
      for (const code of shopCodes) {
        if (!(await shops.get(code))) throw invalid('shop', `no shop ${code}`);
      }
      if (!(await tx.users.insert(user))) throw invalid('email', `${email} is already registered`);
      await tx.auditLog.append({ at: now, actor, action: 'user.add', target: email, details: { role: user.role, shopCodes } });
    });
    return toAccount(user);
  }

  /** The account for these credentials, or null (same answer for unknown email, wrong password and a disabled account). */
  async authenticate(email: string, password: string): Promise<UserAccount | null> {
    const user = await this.deps.store.users.findByEmail(normaliseEmail(email));
    if (!user || user.disabledAt) return null;
    return (await this.deps.hasher.verify(user.passwordHash, password)) ? toAccount(user) : null;
  }

  async get(id: string): Promise<UserAccount | null> {
    const user = await this.deps.store.users.get(id);
    return user ? toAccount(user) : null;
  }
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function toAccount(user: StoredUser): UserAccount {
  if (!isRole(user.role)) throw new Error(`user ${user.id} has an unknown role ${user.role}`);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    shopCodes: user.shopCodes,
    disabledAt: user.disabledAt,
    lastLoginAt: user.lastLoginAt,
    createdAt: user.createdAt,
  };
}
