import type { z } from 'zod';

/** Who may change a concern: admins only (credentials, people), or also the shop's own staff. */
export type SettingsEditors = 'admin' | 'shop-staff';

/**
 * One page of a shop's settings: its id (the URL segment), the shape of its document, the
 * document a shop starts with, and who may edit it. A capability that needs settings defines
 * one of these and adds it to the registry (registry.ts); storage, versioning, the audit log,
 * the HTTP routes and access checks come with it.
 */
export interface SettingsConcern<S extends z.ZodObject = z.ZodObject> {
  readonly id: string;
  /** An object schema: each top-level field is checked on its own when an old document is read. */
  readonly schema: S;
  readonly defaults: () => z.output<S>;
  readonly editors: SettingsEditors;
  /**
   * Top-level string fields sealed at rest (SecretBox) and never answered by the API; a save
   * that leaves one out keeps it, an empty string clears it.
   */
  readonly secretFields?: readonly (keyof z.output<S> & string)[];
}

/** The document type of a concern. */
export type SettingsOf<C> = C extends SettingsConcern<infer S> ? z.output<S> : never;

/** Lets TypeScript check a concern's defaults against its schema where it is defined. */
export function defineConcern<S extends z.ZodObject>(concern: SettingsConcern<S>): SettingsConcern<S> {
  return concern;
}
