import type { z } from 'zod';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/history.ts';
import type { Clock } from '../../ports/clock.ts';
import type { SecretBox } from '../../ports/secret-box.ts';
import type { Store } from '../../store/store.ts';
import { requireExistingShop } from '../caller.ts';
import type { Caller } from '../caller.ts';
import { invalid } from '../validation.ts';
import type { SettingsConcern } from './concern.ts';
import { SETTINGS_CONCERNS } from './registry.ts';

/** A concern's settings as the API answers them: secrets left out, saying only whether each is set. */
export interface SettingsView {
  readonly concern: string;
  readonly editors: SettingsConcern['editors'];
  /** 0 while the shop still runs on the defaults. */
  readonly version: number;
  readonly document: Record<string, unknown>;
  readonly secretsSet: Record<string, boolean>;
  readonly mayEdit: boolean;
  readonly updatedAt: Date | null;
  readonly updatedBy: Actor | null;
}

/**
 * Per-shop settings, one versioned document per concern. A save names the version it was
 * made from and is refused when someone saved in between, so nobody overwrites a colleague's
 * change without seeing it. Reading never fails on an old document: a field that no longer
 * fits its schema reads as its default.
 */
export class SettingsService {
  private readonly concerns: readonly SettingsConcern[];

  constructor(
    private readonly deps: {
      readonly store: Store;
      readonly clock: Clock;
      readonly secrets: () => SecretBox;
      /** Every concern (registry.ts) unless a test gives its own. */
      readonly concerns?: readonly SettingsConcern[];
    },
  ) {
    this.concerns = deps.concerns ?? SETTINGS_CONCERNS;
  }

  /** The concerns of one shop, for the settings navigation. */
  async list(caller: Caller, shopCode: string): Promise<SettingsView[]> {
    await this.checkShop(caller, shopCode);
    return Promise.all(this.concerns.map((concern) => this.viewOf(caller, shopCode, concern)));
  }

  async view(caller: Caller, shopCode: string, concernId: string): Promise<SettingsView> {
    await this.checkShop(caller, shopCode);
    return this.viewOf(caller, shopCode, this.concernOf(concernId));
  }

  async save(caller: Caller, shopCode: string, concernId: string, input: unknown, replaces: number, actor: Actor): Promise<SettingsView> {
    await this.checkShop(caller, shopCode);
    const concern = this.concernOf(concernId);
    if (!mayEdit(caller, concern)) throw new DomainError('FORBIDDEN', { role: caller.role, concern: concern.id });
    const parsed = concern.schema.safeParse(withoutSecrets(concern, input));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw invalid(issue.path.join('.') || 'document', issue.message);
    }
    const now = this.deps.clock.now();
    await this.deps.store.transaction(async (tx) => {
      const repo = tx.settings;
      const stored = await repo.get(shopCode, concern.id);
      if ((stored?.version ?? 0) !== replaces) throw settingsConflict(concern.id, stored?.version ?? 0);
      const document = { ...parsed.data, ...this.sealedSecrets(concern, input, stored?.document) };
      if (!(await repo.put(shopCode, concern.id, document, replaces, now, actor))) throw settingsConflict(concern.id, replaces + 1);
      const changed = Object.keys(document).filter((k) => JSON.stringify(document[k]) !== JSON.stringify((stored?.document as Record<string, unknown> | undefined)?.[k]));
      await tx.auditLog.append({ at: now, actor, action: 'settings.save', target: `${shopCode}/${concern.id}`, details: { version: replaces + 1, changed } });
    });
    return this.viewOf(caller, shopCode, concern);
  }

  /**
   * A concern's document for the code that acts on it (export, printing, mail), without an
   * access check: the caller has already been checked for what it does with it. Secret fields
   * read as empty; `openSecret` gives them.
   */
  async read<S extends z.ZodObject>(shopCode: string, concern: SettingsConcern<S>): Promise<z.output<S>> {
    const stored = await this.deps.store.settings.get(shopCode, concern.id);
    return readDocument(concern, stored?.document) as z.output<S>;
  }

  /** A sealed field in plain text, for the one adapter that needs it (e.g. SMTP AUTH); null when unset. */
  async openSecret(shopCode: string, concern: SettingsConcern, field: string): Promise<string | null> {
    if (!concern.secretFields?.includes(field)) throw new Error(`${concern.id}.${field} is not a secret field`);
    const stored = await this.deps.store.settings.get(shopCode, concern.id);
    const sealed = (stored?.document as Record<string, unknown> | undefined)?.[field];
    return typeof sealed === 'string' && sealed !== '' ? this.deps.secrets().open(sealed) : null;
  }

  private async viewOf(caller: Caller, shopCode: string, concern: SettingsConcern): Promise<SettingsView> {
    const stored = await this.deps.store.settings.get(shopCode, concern.id);
    const raw = (stored?.document ?? {}) as Record<string, unknown>;
    return {
      concern: concern.id,
      editors: concern.editors,
      version: stored?.version ?? 0,
      document: readDocument(concern, stored?.document),
      secretsSet: Object.fromEntries((concern.secretFields ?? []).map((f) => [f, typeof raw[f] === 'string' && raw[f] !== ''])),
      mayEdit: mayEdit(caller, concern),
      updatedAt: stored?.updatedAt ?? null,
      updatedBy: stored?.updatedBy ?? null,
    };
  }

  /** New secrets sealed, omitted ones kept as stored, empty ones cleared. */
  private sealedSecrets(concern: SettingsConcern, input: unknown, stored: unknown): Record<string, string> {
    const given = (input ?? {}) as Record<string, unknown>;
    const previous = (stored ?? {}) as Record<string, unknown>;
    const out: Record<string, string> = {};
    for (const field of concern.secretFields ?? []) {
      const value = given[field];
      if (value === undefined || value === null) out[field] = typeof previous[field] === 'string' ? (previous[field] as string) : '';
      else if (typeof value !== 'string') throw invalid(field, 'must be text');
      else out[field] = value.trim() === '' ? '' : this.deps.secrets().seal(value.trim());
    }
    return out;
  }

  private concernOf(id: string): SettingsConcern {
    const concern = this.concerns.find((c) => c.id === id);
    if (!concern) throw new DomainError('NOT_FOUND', { concern: id }, `no settings called ${id}`);
    return concern;
  }

  private checkShop(caller: Caller, shopCode: string): Promise<void> {
    return requireExistingShop(this.deps.store, caller, shopCode);
  }
}


function mayEdit(caller: Caller, concern: SettingsConcern): boolean {
  return concern.editors === 'admin' ? caller.role === 'admin' : caller.role !== 'viewer';
}

function settingsConflict(concern: string, current: number): DomainError {
  return new DomainError('SETTINGS_CONFLICT', { concern, currentVersion: current });
}

/** The stored document over the defaults, field by field, secrets blanked. */
function readDocument(concern: SettingsConcern, stored: unknown): Record<string, unknown> {
  const document: Record<string, unknown> = { ...concern.defaults() };
  const raw = (stored ?? {}) as Record<string, unknown>;
  for (const [field, schema] of Object.entries(concern.schema.shape)) {
    if (concern.secretFields?.includes(field)) {
      document[field] = '';
      continue;
    }
    const parsed = (schema as z.ZodType).safeParse(raw[field]);
    if (field in raw && parsed.success) document[field] = parsed.data;
  }
  return document;
}

/** What the schema validates: secrets are sealed separately and never pass through it. */
function withoutSecrets(concern: SettingsConcern, input: unknown): unknown {
  if (!concern.secretFields?.length || typeof input !== 'object' || input === null) return input;
  const rest: Record<string, unknown> = { ...(input as Record<string, unknown>) };
  for (const field of concern.secretFields) rest[field] = '';
  return rest;
}
