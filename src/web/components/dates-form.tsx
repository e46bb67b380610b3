import { useState, type FormEvent } from 'react';
import { endpoints } from '../api/endpoints.ts';
import type { OrderDetail, OrderEditBody } from '../api/types.ts';
import { COMMON_SHIPPING_TERMS, shippingTermLabel } from '../app/shipping-term.ts';
import { useApiAction } from '../app/use-resource.ts';
import { useLanguage } from '../i18n/language.tsx';
import { ErrorMessage, Notice } from './common.tsx';

/** 出荷予定日 and お届け日・時間帯: shown always, editable where `allowedActions` says so. */
export function DatesForm({ detail, onSaved, onReload }: { detail: OrderDetail; onSaved: (order: OrderDetail) => void; onReload: () => void }) {
  const { t, lang } = useLanguage();
  const mayPlan = detail.allowedActions.includes('editPlannedShipDate');
  const mayDeliver = detail.allowedActions.includes('editDeliveryDateTime');
  const [plannedShipDate, setPlannedShipDate] = useState(detail.plannedShipDate ?? '');
  const [deliveryDate, setDeliveryDate] = useState(detail.deliveryDate ?? '');
  const [shippingTerm, setShippingTerm] = useState(detail.shippingTerm === null ? '' : String(detail.shippingTerm));
  const [saved, setSaved] = useState(false);
  const { busy, error, run } = useApiAction();

  const terms: number[] = [...COMMON_SHIPPING_TERMS];
  if (detail.shippingTerm !== null && detail.shippingTerm !== 0 && !terms.includes(detail.shippingTerm)) terms.push(detail.shippingTerm);

  const body: OrderEditBody = { version: detail.version };
  if (mayPlan && (plannedShipDate || null) !== detail.plannedShipDate) body.plannedShipDate = plannedShipDate || null;
  if (mayDeliver && (deliveryDate || null) !== detail.deliveryDate) body.deliveryDate = deliveryDate || null;
  const term = shippingTerm === '' ? null : Number(shippingTerm);
  if (mayDeliver && term !== detail.shippingTerm) body.shippingTerm = term;
  const changed = Object.keys(body).length > 1;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    await run(async () => {
      onSaved(await endpoints.editOrder(detail.orderNumber, body));
      setSaved(true);
    });
  }

  if (!mayPlan && !mayDeliver) {
    return (
      <dl className="facts">
        <dt>{t('dates.plannedShipDate')}</dt>
        <dd>{detail.plannedShipDate ?? '—'}</dd>
        <dt>{t('dates.deliveryDate')}</dt>
        <dd>{detail.deliveryDate ?? '—'}</dd>
        <dt>{t('dates.shippingTerm')}</dt>
        <dd>{shippingTermLabel(detail.shippingTerm, lang)}</dd>
      </dl>
    );
  }

  return (
    <form className="dates-form" onSubmit={(e) => void onSubmit(e)}>
      {mayPlan ? (
        <label className="field">
          <span>{t('dates.plannedShipDate')}</span>
          <input type="date" name="plannedShipDate" value={plannedShipDate} onChange={(e) => setPlannedShipDate(e.target.value)} />
          <small className="muted">{t('dates.plannedShipDateHint')}</small>
        </label>
      ) : (
        <p className="muted small">
          {t('dates.plannedShipDate')}: {detail.plannedShipDate ?? '—'}
        </p>
      )}
      {mayDeliver ? (
        <div className="field-row">
          <label className="field">
            <span>{t('dates.deliveryDate')}</span>
            <input type="date" name="deliveryDate" value={deliveryDate} onChange={(e) => setDeliveryDate(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('dates.shippingTerm')}</span>
            <select name="shippingTerm" value={shippingTerm} onChange={(e) => setShippingTerm(e.target.value)}>
              <option value="">{shippingTermLabel(null, lang)}</option>
              {terms.map((code) => (
                <option key={code} value={code}>
                  {shippingTermLabel(code, lang)}
                </option>
              ))}
            </select>
          </label>
        </div>
      ) : null}
      <button type="submit" className="button" disabled={busy || !changed}>
        {t('dates.save')}
      </button>
      {saved && !error ? <Notice kind="success">{t('dates.saved')}</Notice> : null}
      {error ? <ErrorMessage error={error} onReload={onReload} /> : null}
    </form>
  );
}
