import { useState } from 'react';
import { mailEndpoints } from '../../api/mail-endpoints.ts';
import type { MailTestResult } from '../../api/mail-types.ts';
import { useUser } from '../../app/session.tsx';
import { useApiAction } from '../../app/use-resource.ts';
import { ErrorMessage, Notice } from '../../components/common.tsx';
import { useLanguage } from '../../i18n/language.tsx';
import { SettingsForm, TextField } from '../settings/settings-form.tsx';
import type { SettingsFormBody } from '../settings/settings-form.tsx';

/** 設定 → メール設定: Rakuten's relay, the registered sender, the signature, the test button. */
export function MailSettingsPage({ shopCode }: { shopCode: string; shopName: string }) {
  return (
    <>
      <SettingsForm shop={shopCode} concern="mail">
        {(body) => <MailSettingsFields {...body} />}
      </SettingsForm>
      <TestMail shopCode={shopCode} />
    </>
  );
}

function NumberField({ name, label, value, onChange }: { name: string; label: string; value: unknown; onChange: (n: number) => void }) {
  return (
    <label className="field">
      <span>{label}</span>
      <input type="number" name={name} value={typeof value === 'number' ? value : ''} onChange={(e) => onChange(Number(e.target.value))} />
    </label>
  );
}

function MailSettingsFields({ draft, set, view }: SettingsFormBody) {
  const { t } = useLanguage();
  const passwordSet = view.secretsSet.password === true;
  return (
    <>
      <p className="muted">{t('mail.settings.intro')}</p>
      <div className="field-row">
        <TextField name="host" label={t('mail.settings.host')} value={draft.host} placeholder="sub.fw.rakuten.ne.jp" onChange={(v) => set('host', v)} />
        <NumberField name="port" label={t('mail.settings.port')} value={draft.port} onChange={(v) => set('port', v)} />
      </div>
      <TextField name="user" label={t('mail.settings.user')} value={draft.user} onChange={(v) => set('user', v)} />
      <TextField
        name="password"
        type="password"
        label={t('mail.settings.password')}
        value={draft.password}
        placeholder={passwordSet ? t('settings.secretSet') : t('settings.secretUnset')}
        hint={t('mail.settings.passwordHint')}
        onChange={(v) => set('password', v)}
      />
      <TextField name="fromAddress" type="email" label={t('mail.settings.fromAddress')} value={draft.fromAddress} hint={t('mail.settings.fromAddressHint')} onChange={(v) => set('fromAddress', v)} />
      <TextField name="fromName" label={t('mail.settings.fromName')} value={draft.fromName} onChange={(v) => set('fromName', v)} />
      <TextField name="bcc" type="email" label={t('mail.settings.bcc')} value={draft.bcc} hint={t('mail.settings.bccHint')} onChange={(v) => set('bcc', v)} />
      <label className="field">
        <span>{t('mail.settings.signature')}</span>
        <textarea name="signature" rows={5} value={typeof draft.signature === 'string' ? draft.signature : ''} onChange={(e) => set('signature', e.target.value)} />
      </label>
      <TextField name="caFile" label={t('mail.settings.caFile')} value={draft.caFile} hint={t('mail.settings.caFileHint')} onChange={(v) => set('caFile', v)} />
      <NumberField name="ratePerMinute" label={t('mail.settings.rate')} value={draft.ratePerMinute} onChange={(v) => set('ratePerMinute', v)} />
    </>
  );
}

function TestMail({ shopCode }: { shopCode: string }) {
  const { t } = useLanguage();
  const user = useUser();
  const { busy, error, run } = useApiAction();
  const [result, setResult] = useState<MailTestResult | null>(null);
  if (user.role === 'viewer') return null;
  return (
    <div className="mail-test">
      <p className="muted small">{t('mail.settings.testHint')}</p>
      <button type="button" className="button" disabled={busy} onClick={() => void run(async () => setResult(await mailEndpoints.test(shopCode)))}>
        {busy ? t('mail.settings.testing') : t('mail.settings.test')}
      </button>
      {error ? <ErrorMessage error={error} /> : null}
      {result ? (
        <Notice kind={result.ok ? 'success' : 'warning'}>
          <span className="relay-answer">{t(result.ok ? 'mail.settings.testOk' : 'mail.settings.testNg', { response: result.response })}</span>
        </Notice>
      ) : null}
    </div>
  );
}
