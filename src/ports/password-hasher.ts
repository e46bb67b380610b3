export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(passwordHash: string, password: string): Promise<boolean>;
}

/** The native argon2 module loads with the first password, not in processes that never see one (`juchu import`, the worker). */
const argon2 = () => import('@node-rs/argon2');

/** Argon2id with the library's defaults (its default algorithm; the PHC string starts `$argon2id$`). */
export const argon2idHasher: PasswordHasher = {
  hash: async (password) => (await argon2()).hash(password),
  verify: async (passwordHash, password) => (await argon2()).verify(passwordHash, password),
};
