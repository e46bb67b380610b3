import * as initial from './0001_initial.ts';
import type { NamedMigration } from './schema.ts';

/** Every migration, oldest first. Append new ones at the end; never reorder or edit applied ones. */
export const migrations: readonly NamedMigration[] = [initial];
