import { useState, type ChangeEvent } from 'react';
import { emptyProfile, missingProfileFields } from '../../../domain/shop-profile.ts';
import type { SenderBlock, ShopProfile } from '../../../domain/shop-profile.ts';
import { useLanguage } from '../../i18n/language.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { Notice } from '../../components/common.tsx';
import { SettingsForm, TextField } from './settings-form.tsx';
import type { SettingsFormBody } from './settings-form.tsx';

const LOGO_MAX_BYTES = 100 * 1024;

const FIELD_LABELS: Readonly<Record<string, MessageKey>> = {
  postalCode: 'profile.postalCode',
  address1: 'profile.address1',
  phone: 'profile.phone',
  'sender.postalCode': 'profile.postalCode',
  'sender.address1': 'profile.address1',
  'sender.phone': 'profile.phone',
};

/** 店舗情報: the issuer block for 納品書, the sender block for labels, the invoice number. */
export function ShopProfilePage({ shopCode, shopName }: { shopCode: string; shopName: string }) {
  return <SettingsForm shop={shopCode} concern="profile">{(body) => <ProfileFields {...body} shopName={shopName} />}</SettingsForm>;
}

function ProfileFields({ draft, set, shopName }: SettingsFormBody & { shopName: string }) {
  const { t } = useLanguage();
  const profile = { ...emptyProfile(), ...draft } as ShopProfile;
  const sender = profile.sender;
  const setSender = (field: keyof SenderBlock, value: string) => set('sender', { ...sender, [field]: value });
  const missing = (purpose: 'slip' | 'label') =>
    missingProfileFields(profile, purpose, shopName)
      .map((f) => t(FIELD_LABELS[f] ?? 'profile.address1'))
      .join('、');

  return (
    <>
      <p className="muted">{t('profile.intro')}</p>
      {missing('slip') ? <Notice kind="warning">{t('profile.missing.slip', { fields: missing('slip') })}</Notice> : null}
      {missing('label') ? <Notice kind="warning">{t('profile.missing.label', { fields: missing('label') })}</Notice> : null}

      <h3>{t('profile.issuer')}</h3>
      <TextField name="displayName" label={t('profile.displayName')} value={profile.displayName} placeholder={shopName} hint={t('profile.displayNameHint', { name: shopName })} onChange={(v) => set('displayName', v)} />
      <div className="field-row">
        <TextField name="postalCode" label={t('profile.postalCode')} value={profile.postalCode} placeholder="150-0001" onChange={(v) => set('postalCode', v)} />
        <TextField name="phone" type="tel" label={t('profile.phone')} value={profile.phone} placeholder="03-1234-5678" onChange={(v) => set('phone', v)} />
      </div>
      <TextField name="address1" label={t('profile.address1')} value={profile.address1} onChange={(v) => set('address1', v)} />
      <TextField name="address2" label={t('profile.address2')} value={profile.address2} onChange={(v) => set('address2', v)} />
      <TextField name="email" type="email" label={t('profile.email')} value={profile.email} onChange={(v) => set('email', v)} />
      <TextField
        name="invoiceRegistrationNumber"
        label={t('profile.invoiceRegistrationNumber')}
        value={profile.invoiceRegistrationNumber}
        placeholder="T1234567890123"
        hint={t('profile.invoiceHint')}
        onChange={(v) => set('invoiceRegistrationNumber', v)}
      />
      <LogoField value={profile.logo} onChange={(v) => set('logo', v)} />

      <h3>{t('profile.sender')}</h3>
      <p className="muted small">{t('profile.senderHint')}</p>
      <TextField name="sender.name" label={t('profile.senderName')} value={sender.name} placeholder={profile.displayName || shopName} onChange={(v) => setSender('name', v)} />
      <div className="field-row">
        <TextField name="sender.postalCode" label={t('profile.postalCode')} value={sender.postalCode} placeholder={profile.postalCode} onChange={(v) => setSender('postalCode', v)} />
        <TextField name="sender.phone" type="tel" label={t('profile.phone')} value={sender.phone} placeholder={profile.phone} onChange={(v) => setSender('phone', v)} />
      </div>
      <TextField name="sender.address1" label={t('profile.address1')} value={sender.address1} placeholder={profile.address1} onChange={(v) => setSender('address1', v)} />
      <TextField name="sender.address2" label={t('profile.address2')} value={sender.address2} placeholder={profile.address2} onChange={(v) => setSender('address2', v)} />
    </>
  );
}

/** Reads the chosen image into a data URL; the server checks type and size again. */
function LogoField({ value, onChange }: { value: string; onChange: (dataUrl: string) => void }) {
  const { t } = useLanguage();
  const [problem, setProblem] = useState<MessageKey | null>(null);

  function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (file.type !== 'image/png' && file.type !== 'image/jpeg') return setProblem('profile.logoWrongType');
    if (file.size > LOGO_MAX_BYTES) return setProblem('profile.logoTooLarge');
    setProblem(null);
    const reader = new FileReader();
    reader.onload = () => onChange(String(reader.result));
    reader.readAsDataURL(file);
  }

  return (
    <div className="field">
      <span>{t('profile.logo')}</span>
      {value ? <img className="profile-logo" src={value} alt={t('profile.logo')} /> : null}
      <div className="field-row">
        <input type="file" name="logo" accept="image/png,image/jpeg" onChange={onFile} />
        {value ? (
          <button type="button" className="button button--small" onClick={() => onChange('')}>
            {t('profile.logoRemove')}
          </button>
        ) : null}
      </div>
      <small className="muted">{t('profile.logoHint')}</small>
      {problem ? <small className="field__error">{t(problem)}</small> : null}
    </div>
  );
}
