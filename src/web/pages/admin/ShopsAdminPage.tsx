import { useState, type FormEvent } from 'react';
import type { ConnectionTest, ShopDetail } from '../../../server/api/admin-schemas.ts';
import { adminEndpoints } from '../../api/admin-endpoints.ts';
import type { ConnectionBody } from '../../api/admin-endpoints.ts';
import { endpoints } from '../../api/endpoints.ts';
import { formatDateTime } from '../../app/format.ts';
import { useApiAction, useResource } from '../../app/use-resource.ts';
import { ErrorMessage, Loading, Notice } from '../../components/common.tsx';
import { useLanguage } from '../../i18n/language.tsx';
import { syncAlertSentence } from '../../i18n/messages/sync-alert.ts';
import { FirstImport } from './import-progress.tsx';

const RMS_URL = 'https://api.rms.rakuten.co.jp';

/** 店舗の接続: each connected shop (license key, settings, first import) and the form that connects another. */
export function ShopsAdminPage() {
  const { t } = useLanguage();
  const shops = useResource(async () => Promise.all((await endpoints.shops()).map((s) => adminEndpoints.shop(s.code))), []);
  const [connected, setConnected] = useState<string | null>(null);
  if (shops.error) return <ErrorMessage error={shops.error} />;
  if (!shops.data) return <Loading />;
  return (
    <>
      <h3>{t('shops.connected')}</h3>
      {shops.data.length === 0 ? <p className="muted">{t('shops.noShops')}</p> : null}
      {connected ? <Notice kind="success">{connected}</Notice> : null}
      {shops.data.map((shop) => (
        <ShopCard key={shop.code} shop={shop} />
      ))}
      <ConnectForm
        onConnected={(name, trimmed) => {
          setConnected(t('shops.saved', { name }) + (trimmed ? ` ${trimmed}` : ''));
          shops.reload();
        }}
      />
    </>
  );
}

function LicenseLine({ shop }: { shop: ShopDetail }) {
  const { t } = useLanguage();
  const w = shop.licenseWarning;
  const text =
    w.level === 'expired' ? t('shops.license.expired') : w.daysLeft === null ? t('shops.license.unknown') : w.level === 'ok' ? t('shops.license.ok', { days: w.daysLeft }) : t('shops.license.warn', { days: w.daysLeft });
  return (
    <p className={`license license--${w.level}`}>
      {t('shops.licenseExpires')}: {formatDateTime(shop.licenseKeyExpiresAt)} — {text}
    </p>
  );
}

function ShopCard({ shop: initial }: { shop: ShopDetail }) {
  const { lang, t } = useLanguage();
  const [shop, setShop] = useState(initial);
  const [autoConfirm, setAutoConfirm] = useState(shop.autoConfirm);
  const [rate, setRate] = useState(String(shop.rateLimitPerSecond));
  const [key, setKey] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const settings = useApiAction();
  const renew = useApiAction();

  const save = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    void settings.run(async () => {
      setShop(await adminEndpoints.updateShop(shop.code, { autoConfirm, rateLimitPerSecond: Number(rate) }));
      setDone(t('shops.settingsSaved'));
    });
  };
  const replace = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    void renew.run(async () => {
      const saved = await adminEndpoints.replaceLicenseKey(shop.code, key);
      setShop(saved.shop);
      setKey('');
      setDone(t('shops.renewed') + trimmedNote(saved.trimmed, t));
    });
  };

  return (
    <article className="card admin-shop" data-shop={shop.code} aria-label={shop.name}>
      <header className="card__header">
        <h4>
          {shop.name} <code>{shop.code}</code>
        </h4>
      </header>
      <div className="card__body">
        <LicenseLine shop={shop} />
        {shop.syncAlert ? (
          <Notice kind="warning">
            {t('shops.syncAlert')}: {syncAlertSentence(shop.syncAlert, shop.syncAlertDetail, lang)}
          </Notice>
        ) : null}
        <p className="muted small">
          {t('shops.rmsUrl')}: {shop.rmsUrl}
        </p>
        <FirstImport shopCode={shop.code} initial={shop.firstImport} />
        <form className="field-row" onSubmit={save}>
          <label className="field field--inline">
            <input type="checkbox" name="autoConfirm" checked={autoConfirm} onChange={(e) => setAutoConfirm(e.target.checked)} />
            <span>{t('shops.autoConfirm')}</span>
          </label>
          <label className="field">
            <span>{t('shops.rateLimit')}</span>
            <input type="number" name="rateLimitPerSecond" min={0} value={rate} onChange={(e) => setRate(e.target.value)} />
          </label>
          <button type="submit" className="button" disabled={settings.busy}>
            {t('shops.settings')}
          </button>
        </form>
        {settings.error ? <ErrorMessage error={settings.error} /> : null}
        <form onSubmit={replace}>
          <label className="field">
            <span>{t('shops.renewTitle')}</span>
            <input type="password" name="newLicenseKey" autoComplete="off" required value={key} onChange={(e) => setKey(e.target.value)} />
            <small className="muted">{t('shops.renewHint')}</small>
          </label>
          <button type="submit" className="button" disabled={renew.busy || key.trim() === ''}>
            {t('shops.renew')}
          </button>
        </form>
        {renew.error ? <RmsError error={renew.error} /> : null}
        {done ? <Notice kind="success">{done}</Notice> : null}
      </div>
    </article>
  );
}

function trimmedNote(trimmed: readonly string[], t: ReturnType<typeof useLanguage>['t']): string {
  if (trimmed.length === 0) return '';
  const names = trimmed.map((f) => (f === 'licenseKey' ? t('shops.licenseKey') : t('shops.serviceSecret'))).join('、');
  return ` ${t('shops.trimmed', { fields: names })}`;
}

/** An error, with RMS's own answer under it when RMS refused the credentials. */
function RmsError({ error }: { error: Parameters<typeof ErrorMessage>[0]['error'] }) {
  const answer = (error.details as { answer?: ConnectionTest['answer'] } | null)?.answer;
  return (
    <>
      <ErrorMessage error={error} />
      {answer ? <RmsAnswer answer={answer} /> : null}
    </>
  );
}

function RmsAnswer({ answer }: { answer: NonNullable<ConnectionTest['answer']> }) {
  return (
    <pre className="rms-answer" data-testid="rms-answer">
      {answer.status === null ? answer.error : `HTTP ${answer.status}\n${answer.body ?? ''}`}
    </pre>
  );
}

function ConnectForm({ onConnected }: { onConnected: (name: string, trimmedNote: string) => void }) {
  const { t } = useLanguage();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [serviceSecret, setServiceSecret] = useState('');
  const [licenseKey, setLicenseKey] = useState('');
  const [rmsUrl, setRmsUrl] = useState(RMS_URL);
  const [autoConfirm, setAutoConfirm] = useState(false);
  const [rate, setRate] = useState('1');
  const [test, setTest] = useState<ConnectionTest | null>(null);
  const testing = useApiAction();
  const saving = useApiAction();
  const connection = (): ConnectionBody => ({ rmsUrl, serviceSecret, licenseKey, rateLimitPerSecond: Number(rate) });

  const runTest = () =>
    void testing.run(async () => {
      setTest(null);
      setTest(await adminEndpoints.testConnection(connection()));
    });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void saving.run(async () => {
      const saved = await adminEndpoints.connectShop({ ...connection(), code, name, autoConfirm });
      onConnected(saved.shop.name, trimmedNote(saved.trimmed, t));
      setCode('');
      setName('');
      setServiceSecret('');
      setLicenseKey('');
      setTest(null);
    });
  };

  return (
    <form className="settings-form admin-connect" onSubmit={submit} autoComplete="off">
      <h3>{t('shops.connectTitle')}</h3>
      <div className="field-row">
        <label className="field">
          <span>{t('shops.code')}</span>
          <input name="code" required value={code} onChange={(e) => setCode(e.target.value)} />
          <small className="muted">{t('shops.codeHint')}</small>
        </label>
        <label className="field">
          <span>{t('shops.name')}</span>
          <input name="name" required value={name} onChange={(e) => setName(e.target.value)} />
        </label>
      </div>
      <label className="field">
        <span>{t('shops.serviceSecret')}</span>
        <input type="password" name="serviceSecret" autoComplete="off" required value={serviceSecret} onChange={(e) => setServiceSecret(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('shops.licenseKey')}</span>
        <input type="password" name="licenseKey" autoComplete="off" required value={licenseKey} onChange={(e) => setLicenseKey(e.target.value)} />
        <small className="muted">{t('shops.secretHint')}</small>
      </label>
      <label className="field">
        <span>{t('shops.rmsUrl')}</span>
        <input type="url" name="rmsUrl" required value={rmsUrl} onChange={(e) => setRmsUrl(e.target.value)} />
        <small className="muted">{t('shops.rmsUrlHint')}</small>
      </label>
      <div className="field-row">
        <label className="field field--inline">
          <input type="checkbox" name="autoConfirm" checked={autoConfirm} onChange={(e) => setAutoConfirm(e.target.checked)} />
          <span>{t('shops.autoConfirm')}</span>
        </label>
        <label className="field">
          <span>{t('shops.rateLimit')}</span>
          <input type="number" name="rateLimitPerSecond" min={0} required value={rate} onChange={(e) => setRate(e.target.value)} />
          <small className="muted">{t('shops.rateLimitHint')}</small>
        </label>
      </div>
      {testing.error ? <ErrorMessage error={testing.error} /> : null}
      {test ? <TestResult test={test} /> : null}
      {saving.error ? <RmsError error={saving.error} /> : null}
      <div className="settings-form__actions">
        <button type="button" className="button" onClick={runTest} disabled={testing.busy || saving.busy}>
          {testing.busy ? t('shops.testing') : t('shops.test')}
        </button>
        <button type="submit" className="button button--primary" disabled={saving.busy || testing.busy}>
          {saving.busy ? t('shops.connecting') : t('shops.connect')}
        </button>
      </div>
    </form>
  );
}

function TestResult({ test }: { test: ConnectionTest }) {
  const { t } = useLanguage();
  const trimmed = trimmedNote(test.trimmed, t);
  if (!test.ok) {
    return (
      <div className="alert alert--error" role="alert" data-testid="connection-test">
        <p>{t('shops.testFailed', { step: t(`shops.step.${test.step ?? 'searchOrder'}`) })}</p>
        {test.answer ? <RmsAnswer answer={test.answer} /> : null}
        {trimmed ? <p>{trimmed}</p> : null}
      </div>
    );
  }
  return (
    <div className="alert alert--success" role="status" data-testid="connection-test">
      <p>{t('shops.testOk')}</p>
      <p className="small">
        {test.licenseKeyExpiresAt ? t('shops.testOkExpiry', { at: formatDateTime(test.licenseKeyExpiresAt) }) : null} {t('shops.testOkOrders', { count: test.ordersInLastHour ?? 0 })}
      </p>
      {test.licenseNote ? (
        <>
          <p className="small">{t('shops.licenseNote')}</p>
          <RmsAnswer answer={test.licenseNote} />
        </>
      ) : null}
      {trimmed ? <p className="small">{trimmed}</p> : null}
    </div>
  );
}
