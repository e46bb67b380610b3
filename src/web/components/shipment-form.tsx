import { useState, type FormEvent } from 'react';
import { endpoints } from '../api/endpoints.ts';
import type { OrderDetail } from '../api/types.ts';
import { useApiAction } from '../app/use-resource.ts';
import { useLanguage, type Lang } from '../i18n/language.tsx';
import { deliveryCompanyName } from '../i18n/messages/carriers.ts';
import { CARRIERS, MAX_TRACKING_NUMBER_LENGTH, findCarrier } from '../../domain/carriers.ts';
import { trackingUrl } from '../../domain/shipping/tracking-links.ts';
import { ErrorMessage } from './common.tsx';

type Package = OrderDetail['packages'][number];

function carrierName(code: string, lang: Lang): string {
  return findCarrier(code) ? `${deliveryCompanyName(code, lang)} (${code})` : code;
}

export function ShipmentList({ shipments }: { shipments: Package['shipments'] }) {
  const { lang, t } = useLanguage();
  if (shipments.length === 0) return <p className="muted small">{t('shipment.none')}</p>;
  return (
    <ul className="shipments">
      {shipments.map((s, i) => (
        <li key={s.shippingDetailId ?? `new-${i}`}>
          <span className="shipments__carrier">{carrierName(s.deliveryCompany, lang)}</span>
          <span className="shipments__number">
            {trackingUrl(s.deliveryCompany, s.shippingNumber) ? (
              <a href={trackingUrl(s.deliveryCompany, s.shippingNumber)!} target="_blank" rel="noopener noreferrer" title={t('shipping.trackingLink')}>
                {s.shippingNumber}
              </a>
            ) : (
              (s.shippingNumber ?? t('shipment.noTracking'))
            )}
          </span>
          <span className="muted">{s.shippingDate ?? '—'}</span>
          {s.shippingDetailId === null ? <span className="pill pill--op-pending">{t('shipment.notYetInRms')}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** 出荷報告 for one package. 楽天ペイ requires the tracking number for carriers that have one. */
export function ShipmentForm(props: { detail: OrderDetail; pkg: Package; today: string; onSaved: (order: OrderDetail) => void; onReload: () => void }) {
  const { lang, t } = useLanguage();
  const [carrierCode, setCarrierCode] = useState('');
  const [shippingNumber, setShippingNumber] = useState('');
  // Until staff pick a date, it follows juchu's clock (which may load after the form).
  const [pickedDate, setShippingDate] = useState<string | null>(null);
  const shippingDate = pickedDate ?? props.today;
  const { busy, error, run } = useApiAction();
  const carrier = findCarrier(carrierCode);
  const tracking = shippingNumber.trim();

  const blocker = !carrier
    ? t('shipment.chooseCarrier')
    : carrier.hasTracking && tracking === ''
      ? t('shipment.trackingRequired')
      : shippingDate === ''
        ? t('shipment.dateRequired')
        : null;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (blocker || !carrier) return;
    await run(async () => {
      props.onSaved(
        await endpoints.registerShipment(props.detail.orderNumber, {
          version: props.detail.version,
          basketId: props.pkg.basketId,
          deliveryCompany: carrier.code,
          shippingNumber: tracking === '' ? null : tracking,
          shippingDate,
        }),
      );
      setShippingNumber('');
    });
  }

  const id = `shipment-${props.pkg.basketId}`;
  return (
    <form className="shipment-form" onSubmit={(e) => void onSubmit(e)} aria-label={t('shipment.formFor', { basketId: props.pkg.basketId })}>
      <div className="field-row">
        <label className="field">
          <span>{t('shipment.carrier')}</span>
          <select name="deliveryCompany" value={carrierCode} onChange={(e) => setCarrierCode(e.target.value)}>
            <option value="">{t('shipment.chooseCarrier')}</option>
            {CARRIERS.map((c) => (
              <option key={c.code} value={c.code}>
                {deliveryCompanyName(c.code, lang)} ({c.code})
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>
            {t('shipment.trackingNumber')}
            {carrier?.hasTracking ? <span className="required"> {t('common.required')}</span> : null}
          </span>
          <input
            name="shippingNumber"
            value={shippingNumber}
            maxLength={MAX_TRACKING_NUMBER_LENGTH}
            onChange={(e) => setShippingNumber(e.target.value)}
            aria-describedby={`${id}-why`}
          />
        </label>
        <label className="field">
          <span>{t('shipment.date')}</span>
          <input type="date" name="shippingDate" value={shippingDate} onChange={(e) => setShippingDate(e.target.value)} />
        </label>
      </div>
      <div className="shipment-form__submit">
        <button type="submit" className="button button--primary" disabled={busy || blocker !== null}>
          {t('shipment.submit')}
        </button>
        {blocker ? (
          <span id={`${id}-why`} className="muted small">
            {blocker}
          </span>
        ) : null}
      </div>
      {error ? <ErrorMessage error={error} onReload={props.onReload} /> : null}
    </form>
  );
}
