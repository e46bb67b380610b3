import { useEffect, useState } from 'react';
import { CARRIER_PROFILE_IDS, DEFAULT_CARRIER_PROFILES } from '../../../domain/shipping/index.ts';
import type { CarrierProfileId } from '../../../domain/shipping/index.ts';
import { ORDER_STATUSES, STATUS_LABELS } from '../../../domain/status.ts';
import type { OrderStatus } from '../../../domain/status.ts';
import { endpoints } from '../../api/endpoints.ts';
import { shippingEndpoints } from '../../api/shipping.ts';
import type { LabelCheck, PlannedPackage, TrackingCommit, TrackingPreview, TrackingPreviewRow } from '../../api/shipping.ts';
import { formatDateTime } from '../../app/format.ts';
import { Link, orderPath } from '../../app/router.tsx';
import { useUser } from '../../app/session.tsx';
import { useApiAction, useResource } from '../../app/use-resource.ts';
import { ErrorMessage, Loading, Notice, Section } from '../../components/common.tsx';
import { useLanguage } from '../../i18n/language.tsx';
import { carrierProfileName } from '../../i18n/messages/carriers.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { PrintBar } from '../paperwork/print-bar.tsx';
import { SavedFilterBar } from './SavedFilterBar.tsx';
import type { PageSelection } from './SavedFilterBar.tsx';

/** How many preview rows the page shows; the CLI and the API give all of them. */
const ROWS_SHOWN = 200;

/** 出荷作業: pick orders, download the carrier's label file, upload its tracking file, preview, commit. */
export function ShippingPage() {
  const { t } = useLanguage();
  const shops = useResource(() => endpoints.shops(), []);
  const [shop, setShop] = useState('');
  useEffect(() => {
    if (!shop && shops.data?.[0]) setShop(shops.data[0].code);
  }, [shops.data, shop]);
  if (shops.loading && !shops.data) return <Loading />;
  if (shops.error) return <ErrorMessage error={shops.error} onReload={shops.reload} />;
  return (
    <div className="page">
      <div className="page__title">
        <h1>{t('shipping.title')}</h1>
        <div className="page__tools">
          <label className="field field--inline">
            <span>{t('shipping.shop')}</span>
            <select value={shop} onChange={(e) => setShop(e.target.value)} data-testid="shipping-shop">
              {(shops.data ?? []).map((s) => (
                <option key={s.code} value={s.code}>
                  {s.name} ({s.code})
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      {shop ? <LabelExport key={`labels-${shop}`} shop={shop} /> : null}
      <TrackingImport />
    </div>
  );
}

function LabelExport({ shop }: { shop: string }) {
  const { t, lang } = useLanguage();
  const user = useUser();
  const [carrier, setCarrier] = useState<CarrierProfileId>('yamato-b2');
  const [statuses, setStatuses] = useState<readonly OrderStatus[]>(['new']);
  const [exported, setExported] = useState<'any' | 'no' | 'yes'>('no');
  const [shipBy, setShipBy] = useState('');
  const [check, setCheck] = useState<LabelCheck | null>(null);
  const [downloaded, setDownloaded] = useState<{ file: string; count: number } | null>(null);
  const checking = useApiAction();
  const downloading = useApiAction();
  const selection = { shopCode: shop, carrier, statuses: [...statuses], exported, ...(shipBy && { shipBy }) };
  const pickFilter = (s: PageSelection) => {
    setCarrier(s.carrier);
    setStatuses(s.statuses);
    setExported(s.exported);
    setShipBy(s.shipBy);
    setCheck(null);
  };

  const runCheck = () =>
    checking.run(async () => {
      setDownloaded(null);
      setCheck(await shippingEndpoints.checkLabels(selection));
    });

  const download = () =>
    downloading.run(async () => {
      const { blob, fileName } = await shippingEndpoints.exportLabels(selection);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName;
      a.click();
      URL.revokeObjectURL(url);
      setDownloaded({ file: fileName, count: check ? check.packages.length - check.problems : 0 });
      setCheck(await shippingEndpoints.checkLabels(selection));
    });

  return (
    <Section title={t('shipping.step1')}>
      <SavedFilterBar shop={shop} selection={{ carrier, statuses, exported, shipBy }} onPick={pickFilter} />
      <div className="toolbar">
        <label className="field field--inline">
          <span>{t('shipping.carrier')}</span>
          <select value={carrier} onChange={(e) => setCarrier(e.target.value as CarrierProfileId)} data-testid="shipping-carrier">
            {CARRIER_PROFILE_IDS.map((id) => (
              <option key={id} value={id}>
                {carrierProfileName(DEFAULT_CARRIER_PROFILES[id], lang)}
              </option>
            ))}
          </select>
        </label>
        <label className="field field--inline">
          <span>{t('shipping.status')}</span>
          <select value={statuses[0]} onChange={(e) => setStatuses([e.target.value as OrderStatus])} data-testid="shipping-status">
            {ORDER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s][lang]}
              </option>
            ))}
          </select>
        </label>
        <label className="field field--inline">
          <span>{t('shipping.exportedFilter')}</span>
          <select value={exported} onChange={(e) => setExported(e.target.value as 'any' | 'no' | 'yes')} data-testid="shipping-exported">
            {(['any', 'no', 'yes'] as const).map((v) => (
              <option key={v} value={v}>
                {t(`shipping.exported.${v}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field field--inline">
          <span>{t('shipping.shipBy')}</span>
          <input type="date" name="shipBy" value={shipBy} onChange={(e) => setShipBy(e.target.value)} />
        </label>
        <button type="button" className="button" disabled={checking.busy} onClick={() => void runCheck()}>
          {checking.busy ? t('shipping.checking') : t('shipping.check')}
        </button>
        {user.role !== 'viewer' && check && check.packages.length > check.problems ? (
          <button type="button" className="button button--primary" disabled={downloading.busy} onClick={() => void download()}>
            {downloading.busy ? t('shipping.downloading') : t('shipping.download')}
          </button>
        ) : null}
      </div>
      {checking.error ? <ErrorMessage error={checking.error} /> : null}
      {downloading.error ? <ErrorMessage error={downloading.error} /> : null}
      {downloaded ? <Notice kind="success">{t('shipping.downloaded', downloaded)}</Notice> : null}
      {check ? <CheckResult check={check} onChanged={() => void runCheck()} /> : null}
      {user.role !== 'viewer' ? (
        // The 送付先 just checked (every 新規受付 order of the shop before a check) go to print too.
        <PrintBar selected={printable(check)} shopOf={() => shop} shop={shop} status={statuses[0]!} onPrinted={() => undefined} />
      ) : null}
    </Section>
  );
}

/** The orders of the checked 送付先 that can go on a label, each once. */
function printable(check: LabelCheck | null): string[] {
  if (!check) return [];
  return [...new Set(check.packages.filter((p) => !p.notes.some((n) => n.severity === 'problem')).map((p) => p.orderNumber))];
}

function CheckResult({ check, onChanged }: { check: LabelCheck; onChanged: () => void }) {
  const { t } = useLanguage();
  if (check.packages.length === 0) return <p className="muted">{t('shipping.none')}</p>;
  return (
    <>
      <p data-testid="shipping-summary">{t('shipping.summary', { count: check.packages.length, problems: check.problems, again: check.reExports })}</p>
      {check.reExports > 0 ? <Notice kind="warning">{t('shipping.reexportWarning', { count: check.reExports })}</Notice> : null}
      <table className="table table--compact" data-testid="shipping-packages">
        <thead>
          <tr>
            <th>{t('shipping.col.order')}</th>
            <th>{t('shipping.col.method')}</th>
            <th>{t('shipping.col.parcels')}</th>
            <th>{t('shipping.col.exportedAt')}</th>
            <th>{t('shipping.col.notes')}</th>
          </tr>
        </thead>
        <tbody>
          {check.packages.map((p) => (
            <PackageRow key={`${p.orderNumber}#${p.basketId}`} pkg={p} onChanged={onChanged} />
          ))}
        </tbody>
      </table>
    </>
  );
}

function PackageRow({ pkg, onChanged }: { pkg: PlannedPackage; onChanged: () => void }) {
  const { t } = useLanguage();
  const user = useUser();
  const saving = useApiAction();
  const problems = pkg.notes.filter((n) => n.severity === 'problem');
  const setParcels = (parcels: number) =>
    saving.run(async () => {
      await shippingEndpoints.setChoice(pkg.orderNumber, pkg.basketId, { profileId: pkg.method.profileId, service: pkg.method.service, cool: pkg.method.cool, parcels });
      onChanged();
    });
  return (
    <tr className={problems.length > 0 ? 'list__item--error' : undefined}>
      <td>
        <Link to={orderPath(pkg.orderNumber)}>{pkg.orderNumber}</Link>
      </td>
      <td>
        {t(`shipping.service.${pkg.method.service}` as MessageKey)} {t(`shipping.cool.${pkg.method.cool}` as MessageKey)}
      </td>
      <td>
        <input
          type="number"
          className="input-number input-number--narrow"
          min={1}
          max={20}
          value={pkg.parcels}
          disabled={saving.busy || user.role === 'viewer'}
          aria-label={t('shipping.col.parcels')}
          onChange={(e) => void setParcels(Math.min(20, Math.max(1, Number(e.target.value) || 1)))}
        />
        {saving.error ? <ErrorMessage error={saving.error} /> : null}
      </td>
      <td className="nowrap">{pkg.exportedAt ? formatDateTime(pkg.exportedAt) : <span className="muted">{t('shipping.notExported')}</span>}</td>
      <td>
        {pkg.notes.map((n, i) => (
          <div key={i} className={n.severity === 'problem' ? 'field__error' : 'muted small'} title={n.detail}>
            {t(`shipping.note.${n.code}` as MessageKey)}
            {n.column ? `（${n.column}）` : ''}
          </div>
        ))}
      </td>
    </tr>
  );
}

function TrackingImport() {
  const { lang, t } = useLanguage();
  const user = useUser();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [preview, setPreview] = useState<TrackingPreview | null>(null);
  const [rows, setRows] = useState<TrackingPreviewRow[]>([]);
  const [committed, setCommitted] = useState<TrackingCommit | null>(null);
  const uploading = useApiAction();
  const committing = useApiAction();

  const upload = () =>
    uploading.run(async () => {
      if (!file) return;
      setPreview(null);
      setCommitted(null);
      setProgress(0);
      try {
        const p = await shippingEndpoints.uploadTracking(file, format, setProgress);
        const refused = await shippingEndpoints.previewRows(p.id, { outcome: 'refused', limit: ROWS_SHOWN });
        const rest = refused.length < ROWS_SHOWN ? await shippingEndpoints.previewRows(p.id, { limit: ROWS_SHOWN - refused.length }) : [];
        setRows([...refused, ...rest.filter((r) => r.outcome !== 'refused')]);
        setPreview(p);
      } finally {
        setProgress(null);
      }
    });

  const commit = () =>
    committing.run(async () => {
      if (!preview) return;
      setCommitted(await shippingEndpoints.commitTracking(preview.id));
    });

  return (
    <Section title={t('shipping.step2')}>
      {user.role !== 'viewer' ? (
        <div className="toolbar">
          <label className="field field--inline">
            <span>{t('shipping.format')}</span>
            <select value={format} onChange={(e) => setFormat(e.target.value)}>
              <option value="">{t('shipping.format.auto')}</option>
              <option value="simple">{t('shipping.format.simple')}</option>
              {CARRIER_PROFILE_IDS.filter((id) => DEFAULT_CARRIER_PROFILES[id].tracking).map((id) => (
                <option key={id} value={id}>
                  {carrierProfileName(DEFAULT_CARRIER_PROFILES[id], lang)}
                </option>
              ))}
            </select>
          </label>
          <label className="field field--inline">
            <span>{t('shipping.file')}</span>
            <input type="file" accept=".csv,text/csv" data-testid="tracking-file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </label>
          <button type="button" className="button" disabled={!file || uploading.busy} onClick={() => void upload()}>
            {t('shipping.preview')}
          </button>
          {progress !== null ? (
            <span className="muted" role="status">
              <progress max={1} value={progress} /> {t('shipping.uploading', { percent: Math.round(progress * 100) })}
            </span>
          ) : null}
        </div>
      ) : null}
      {uploading.error ? <ErrorMessage error={uploading.error} /> : null}
      {preview ? (
        <>
          <p data-testid="tracking-summary">{t('shipping.previewSummary', { rows: preview.rows, add: preview.add, exists: preview.exists, refused: preview.refused })}</p>
          {!committed && preview.add > 0 ? (
            <button type="button" className="button button--primary" disabled={committing.busy} onClick={() => void commit()}>
              {committing.busy ? t('shipping.committing') : t('shipping.commit', { count: preview.add })}
            </button>
          ) : null}
          {committing.error ? <ErrorMessage error={committing.error} /> : null}
          {committed ? <Notice kind="success">{t('shipping.committed', { added: committed.added, orders: committed.orders })}</Notice> : null}
          <p className="muted small">{t('shipping.rowsShown', { count: rows.length })}</p>
          <PreviewTable rows={rows} />
        </>
      ) : null}
    </Section>
  );
}

function PreviewTable({ rows }: { rows: readonly TrackingPreviewRow[] }) {
  const { t } = useLanguage();
  return (
    <table className="table table--compact" data-testid="tracking-rows">
      <thead>
        <tr>
          <th className="num">{t('shipping.col.line')}</th>
          <th>{t('shipping.col.key')}</th>
          <th>{t('shipping.col.order')}</th>
          <th>{t('shipping.col.number')}</th>
          <th>{t('shipping.col.date')}</th>
          <th>{t('shipping.col.result')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.line} className={r.outcome === 'refused' ? 'list__item--error' : undefined}>
            <td className="num">{r.line}</td>
            <td>{r.key}</td>
            <td>{r.orderNumber ? <Link to={orderPath(r.orderNumber)}>{r.orderNumber}</Link> : '—'}</td>
            <td>{r.shippingNumber}</td>
            <td className="nowrap">{r.shippingDate ?? '—'}</td>
            <td title={r.detail ?? undefined}>
              {t(`shipping.outcome.${r.outcome}`)}
              {r.reason ? `: ${t(`shipping.reason.${r.reason}` as MessageKey)}` : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
