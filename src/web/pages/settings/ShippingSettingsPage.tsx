import { useState } from 'react';
import { CARRIER_PROFILE_IDS, DEFAULT_CARRIER_PROFILES } from '../../../domain/shipping/index.ts';
import type { CarrierProfileId } from '../../../domain/shipping/index.ts';
import { useLanguage } from '../../i18n/language.tsx';
import { carrierProfileName } from '../../i18n/messages/carriers.ts';
import { SettingsForm, TextField } from './settings-form.tsx';
import type { SettingsFormBody } from './settings-form.tsx';

/** 出荷設定 (the `shipping` concern): carrier contract numbers, 品名, method rules, adjusted carrier profiles. */
export function ShippingSettingsPage({ shopCode }: { shopCode: string }) {
  return <SettingsForm shop={shopCode} concern="shipping">{(body) => <ShippingFields {...body} />}</SettingsForm>;
}

interface Contract {
  billingCustomerCode: string;
  freightNumber: string;
  carrierCustomerCode: string;
}

function ShippingFields({ draft, set }: SettingsFormBody) {
  const { lang, t } = useLanguage();
  const contract = (draft.contract ?? {}) as Contract;
  const methods = (draft.methods ?? { rules: [], defaultProfileId: 'yamato-b2' }) as { rules: unknown[]; defaultProfileId: CarrierProfileId };
  const profiles = (draft.profiles ?? {}) as Record<string, unknown>;
  const setContract = (field: keyof Contract, value: string) => set('contract', { ...contract, [field]: value });
  return (
    <>
      <p className="muted">{t('shippingSettings.intro')}</p>
      <h3>{t('shippingSettings.contract')}</h3>
      <div className="field-row">
        <TextField name="billingCustomerCode" label={t('shippingSettings.billingCustomerCode')} value={contract.billingCustomerCode} placeholder="0312345678" onChange={(v) => setContract('billingCustomerCode', v)} />
        <TextField name="freightNumber" label={t('shippingSettings.freightNumber')} value={contract.freightNumber} placeholder="01" onChange={(v) => setContract('freightNumber', v)} />
        <TextField name="carrierCustomerCode" label={t('shippingSettings.carrierCustomerCode')} value={contract.carrierCustomerCode} onChange={(v) => setContract('carrierCustomerCode', v)} />
      </div>
      <TextField name="itemName" label={t('shippingSettings.itemName')} value={draft.itemName} onChange={(v) => set('itemName', v)} />
      <h3>{t('shippingSettings.methods')}</h3>
      <label className="field">
        <span>{t('shippingSettings.defaultProfile')}</span>
        <select value={methods.defaultProfileId} onChange={(e) => set('methods', { ...methods, defaultProfileId: e.target.value })}>
          {CARRIER_PROFILE_IDS.map((id) => (
            <option key={id} value={id}>
              {carrierProfileName(DEFAULT_CARRIER_PROFILES[id], lang)}
            </option>
          ))}
        </select>
      </label>
      <JsonField name="rules" label={t('shippingSettings.rules')} hint={t('shippingSettings.rulesHint')} value={methods.rules} onChange={(rules) => set('methods', { ...methods, rules })} />
      <h3>{t('shippingSettings.profiles')}</h3>
      <p className="muted small">{t('shippingSettings.profilesHint')}</p>
      <div className="toolbar">
        {CARRIER_PROFILE_IDS.filter((id) => !profiles[id]).map((id) => (
          <button key={id} type="button" className="button button--small" onClick={() => set('profiles', { ...profiles, [id]: DEFAULT_CARRIER_PROFILES[id] })}>
            {t('shippingSettings.adjust', { name: carrierProfileName(DEFAULT_CARRIER_PROFILES[id], lang) })}
          </button>
        ))}
      </div>
      <JsonField key={Object.keys(profiles).join(',')} name="profiles" label={t('shippingSettings.profilesJson')} value={profiles} onChange={(value) => set('profiles', value)} />
    </>
  );
}

/** A JSON value edited as text; the draft changes only while the text parses. */
function JsonField({ name, label, hint, value, onChange }: { name: string; label: string; hint?: string; value: unknown; onChange: (value: unknown) => void }) {
  const { t } = useLanguage();
  const [text, setText] = useState(() => JSON.stringify(value, null, 2));
  const [bad, setBad] = useState(false);
  return (
    <label className="field">
      <span>{label}</span>
      <textarea
        name={name}
        rows={8}
        spellCheck={false}
        className={bad ? 'input--invalid' : undefined}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          try {
            onChange(JSON.parse(e.target.value));
            setBad(false);
          } catch {
            setBad(true);
          }
        }}
      />
      {bad ? <small className="field__error">{t('shippingSettings.badJson')}</small> : hint ? <small className="muted">{hint}</small> : null}
    </label>
  );
}
