import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import type { SettingsView } from '../../api/types.ts';
import { formatDateTime } from '../../app/format.ts';
import { useApiAction, useResource } from '../../app/use-resource.ts';
import { ErrorMessage, Loading, Notice } from '../../components/common.tsx';
import { useLanguage } from '../../i18n/language.tsx';

export type Draft = Record<string, unknown>;

export interface SettingsFormBody {
  readonly draft: Draft;
  /** Replaces one top-level field of the draft. */
  readonly set: (field: string, value: unknown) => void;
  readonly view: SettingsView;
}

/**
 * One settings page's load → edit → save cycle: the document is read with its version, edited
 * as a draft, and saved from that version, so a colleague's save in between comes back as
 * SETTINGS_CONFLICT with a button that reloads instead of silently overwriting it.
 */
export function SettingsForm(props: { shop: string; concern: string; children: (body: SettingsFormBody) => ReactNode }) {
  // Reloading after a conflict starts the form afresh: new document, new version, no old error.
  // So does another shop or concern: nothing of the last one's draft, version or late save
  // answer can reach the new one's form.
  const [generation, setGeneration] = useState(0);
  return <LoadedSettingsForm key={`${generation}|${props.shop}|${props.concern}`} {...props} onReload={() => setGeneration((g) => g + 1)} />;
}

function LoadedSettingsForm({ shop, concern, children, onReload }: { shop: string; concern: string; children: (body: SettingsFormBody) => ReactNode; onReload: () => void }) {
  const { t } = useLanguage();
  const loaded = useResource(() => endpoints.settings(shop, concern), [shop, concern]);
  const [view, setView] = useState<SettingsView | null>(null);
  const [draft, setDraft] = useState<Draft>({});
  const [saved, setSaved] = useState(false);
  const { busy, error, run } = useApiAction();

  useEffect(() => {
    if (!loaded.data) return;
    setView(loaded.data);
    setDraft(loaded.data.document);
    setSaved(false);
  }, [loaded.data]);

  if (loaded.error) return <ErrorMessage error={loaded.error} />;
  if (!view) return <Loading />;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    await run(async () => {
      const next = await endpoints.saveSettings(shop, concern, view!.version, draft);
      setView(next);
      setDraft(next.document);
      setSaved(true);
    });
  }

  const set = (field: string, value: unknown) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [field]: value }));
  };

  return (
    <form className="settings-form" onSubmit={(e) => void onSubmit(e)}>
      <p className="muted small">
        {view.version === 0 ? t('settings.defaults') : t('settings.lastSaved', { at: formatDateTime(view.updatedAt), by: view.updatedBy ?? '—', version: view.version })}
      </p>
      {!view.mayEdit ? <Notice>{t('settings.readOnly')}</Notice> : null}
      <fieldset disabled={!view.mayEdit || busy} className="settings-form__fields">
        {children({ draft, set, view })}
      </fieldset>
      {error ? <ErrorMessage error={error} onReload={onReload} /> : null}
      {saved ? <Notice kind="success">{t('settings.saved')}</Notice> : null}
      {view.mayEdit ? (
        <div className="settings-form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('settings.saving') : t('settings.save')}
          </button>
        </div>
      ) : null}
    </form>
  );
}

/** A labelled text input bound to one string of the draft. */
export function TextField({
  label,
  value,
  onChange,
  hint,
  placeholder,
  name,
  type = 'text',
}: {
  label: string;
  value: unknown;
  onChange: (value: string) => void;
  hint?: string;
  placeholder?: string;
  name: string;
  type?: 'text' | 'email' | 'tel' | 'password';
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <input type={type} name={name} value={typeof value === 'string' ? value : ''} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} />
      {hint ? <small className="muted">{hint}</small> : null}
    </label>
  );
}
