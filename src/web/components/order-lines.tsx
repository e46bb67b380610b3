import { useMemo, useState, type ReactNode } from 'react';
import type { ApiError } from '../api/client.ts';
import { endpoints } from '../api/endpoints.ts';
import type { OrderDetail } from '../api/types.ts';
import { draftFrom, evaluateDraft, toDomainOrder, toPatch, type EditDraft, type EditEvaluation } from '../app/edit-model.ts';
import { formatTaxRate, personName } from '../app/format.ts';
import { asApiError } from '../app/use-resource.ts';
import { useLanguage } from '../i18n/language.tsx';
import { amountToNullable, type Amount } from '../../domain/money.ts';
import { CHANGE_REASONS } from '../../domain/reasons.ts';
import { isCashOnDelivery, priceTaxIncluded } from '../../domain/totals.ts';
import { ErrorMessage, Yen } from './common.tsx';

type Detail = OrderDetail;

/** Packages, items and amounts; while 注文確認待ち, also the editor with live RMS totals. */
export function OrderLines(props: {
  detail: Detail;
  canEdit: boolean;
  onSaved: (order: Detail) => void;
  onReload: () => void;
  packageFooter: (pkg: Detail['packages'][number]) => ReactNode;
}) {
  const { detail, canEdit, onSaved, onReload, packageFooter } = props;
  const { t } = useLanguage();
  const [draft, setDraft] = useState<EditDraft | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const original = useMemo(() => toDomainOrder(detail), [detail]);
  const evaluation = useMemo(() => (draft ? evaluateDraft(original, draft) : null), [original, draft]);
  const cod = isCashOnDelivery(detail);

  function update(change: (draft: EditDraft) => EditDraft) {
    setDraft((current) => (current ? change(current) : current));
  }

  async function save() {
    if (!draft || !evaluation) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await endpoints.editOrder(detail.orderNumber, toPatch(original, draft, evaluation));
      setDraft(null);
      onSaved(saved);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="order-lines">
      {canEdit && !draft ? (
        <div className="order-lines__bar">
          <button type="button" className="button" onClick={() => setDraft(draftFrom(detail))}>
            {t('edit.start')}
          </button>
        </div>
      ) : null}
      {detail.packages.map((pkg, p) => {
        const pd = draft?.packages[p];
        const setPackage = (change: Partial<EditDraft['packages'][number]>) =>
          update((d) => ({ ...d, packages: d.packages.map((x, i) => (i === p ? { ...x, ...change } : x)) }));
        return (
          <div key={pkg.basketId} className="package" data-basket-id={pkg.basketId}>
            <h3 className="package__title">
              {t('package.title', { n: p + 1 })} <span className="muted small">#{pkg.basketId}</span>
            </h3>
            <p className="package__recipient">
              {personName(pkg.recipient)} · 〒{pkg.recipient.address.zipCode} {pkg.recipient.address.prefecture}
              {pkg.recipient.address.city}
              {pkg.recipient.address.subAddress} · {pkg.recipient.phoneNumber}
            </p>
            <table className="table items-table">
              <thead>
                <tr>
                  <th>{t('item.name')}</th>
                  <th className="num">{t('item.taxRate')}</th>
                  <th className="num">{t('item.price')}</th>
                  <th className="num">{t('item.units')}</th>
                  <th className="num">{t('item.subtotal')}</th>
                </tr>
              </thead>
              <tbody>
                {pkg.items.map((item, i) => {
                  const id = pd?.items[i];
                  const units = id ? Number(id.units) : item.units;
                  const price = id ? Number(id.price) : item.price;
                  const setItem = (change: Partial<NonNullable<typeof id>>) =>
                    setPackage({ items: pd!.items.map((x, j) => (j === i ? { ...x, ...change } : x)) });
                  return (
                    <tr key={item.itemDetailId} data-item-detail-id={item.itemDetailId}>
                      <td data-label={t('item.name')}>
                        <div>{item.name}</div>
                        <div className="muted small">
                          {item.itemNumber}
                          {item.sku?.skuInfo ? ` · ${item.sku.skuInfo}` : ''}
                        </div>
                      </td>
                      <td data-label={t('item.taxRate')} className="num">
                        {formatTaxRate(item.taxRate)}
                        <div className="muted small">{item.taxIncluded ? t('item.taxIncluded') : t('item.taxExcluded')}</div>
                      </td>
                      <td data-label={t('item.price')} className="num">
                        {id ? (
                          <NumberInput
                            label={t('item.priceOf', { name: item.name })}
                            value={id.price}
                            invalid={evaluation?.invalidFields.has(`${p}.${i}.price`)}
                            onChange={(price) => setItem({ price })}
                            name={`price-${item.itemDetailId}`}
                          />
                        ) : (
                          <Yen value={item.price} />
                        )}
                      </td>
                      <td data-label={t('item.units')} className="num">
                        {id ? (
                          <NumberInput
                            label={t('item.unitsOf', { name: item.name })}
                            value={id.units}
                            invalid={evaluation?.invalidFields.has(`${p}.${i}.units`)}
                            onChange={(units) => setItem({ units })}
                            name={`units-${item.itemDetailId}`}
                            narrow
                          />
                        ) : (
                          item.units
                        )}
                      </td>
                      <td data-label={t('item.subtotal')} className="num">
                        {Number.isFinite(units) && Number.isFinite(price) ? <Yen value={priceTaxIncluded(price, item.taxRate, item.taxIncluded) * units} /> : '—'}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <dl className="package__fees">
              <div>
                <dt>{t('amount.postage')}</dt>
                <dd>
                  {pd ? (
                    <NumberInput
                      label={t('amount.postage')}
                      value={pd.postage}
                      invalid={evaluation?.invalidFields.has(`${p}.postage`)}
                      onChange={(postage) => setPackage({ postage })}
                      name={`postage-${pkg.basketId}`}
                      placeholder={t('amount.undetermined')}
                    />
                  ) : (
                    <Yen value={pkg.postagePrice} />
                  )}
                </dd>
              </div>
              {cod ? (
                <div>
                  <dt>{t('amount.codFee')}</dt>
                  <dd>
                    {pd ? (
                      <NumberInput
                        label={t('amount.codFee')}
                        value={pd.codFee}
                        invalid={evaluation?.invalidFields.has(`${p}.codFee`)}
                        onChange={(codFee) => setPackage({ codFee })}
                        name={`cod-fee-${pkg.basketId}`}
                        placeholder={t('amount.undetermined')}
                      />
                    ) : (
                      <Yen value={pkg.deliveryPrice} />
                    )}
                  </dd>
                </div>
              ) : null}
            </dl>
            {pd ? <p className="muted small">{t('edit.emptyIsUndetermined')}</p> : null}
            {packageFooter(pkg)}
          </div>
        );
      })}

      <Totals detail={detail} evaluation={evaluation} cod={cod} />

      {draft && evaluation ? (
        <EditFooter
          draft={draft}
          evaluation={evaluation}
          busy={busy}
          onReason={(reductionReason) => update((d) => ({ ...d, reductionReason }))}
          onCancel={() => {
            setDraft(null);
            setError(null);
          }}
          onSave={() => void save()}
        />
      ) : null}
      {error ? <ErrorMessage error={error} onReload={onReload} /> : null}
    </div>
  );
}

function NumberInput(props: { label: string; value: string; invalid: boolean | undefined; onChange: (value: string) => void; name: string; narrow?: boolean; placeholder?: string }) {
  return (
    <input
      className={`input-number${props.narrow ? ' input-number--narrow' : ''}${props.invalid ? ' input--invalid' : ''}`}
      inputMode="numeric"
      aria-label={props.label}
      aria-invalid={props.invalid ? true : undefined}
      name={props.name}
      value={props.value}
      placeholder={props.placeholder}
      onChange={(e) => props.onChange(e.target.value)}
    />
  );
}

function Totals({ detail, evaluation, cod }: { detail: Detail; evaluation: EditEvaluation | null; cod: boolean }) {
  const { t } = useLanguage();
  const live = evaluation?.totals ?? null;
  const value = (server: number | null, computed: Amount | undefined) => (live && computed ? amountToNullable(computed) : server);
  const rows: { key: string; label: string; value: number | null; before?: number | null; strong?: boolean; deduction?: boolean }[] = [
    { key: 'goods', label: t('amount.goods'), value: value(detail.goodsPrice, live?.goodsPrice) },
    { key: 'postage', label: t('amount.postageTotal'), value: value(detail.postagePrice, live?.postagePrice) },
    { key: 'total', label: t('amount.total'), value: value(detail.totalPrice, live?.totalPrice) },
    // RMS bills a COD order's 代引料 as its payment charge.
    { key: 'charge', label: cod ? t('amount.paymentChargeCod') : t('amount.paymentCharge'), value: value(detail.paymentCharge, live?.paymentCharge) },
    { key: 'coupon', label: t('amount.coupons'), value: detail.couponAllTotalPrice, deduction: true },
    { key: 'points', label: t('amount.points'), value: detail.usedPoint, deduction: true },
    {
      key: 'request',
      label: t('amount.request'),
      value: value(detail.requestPrice, live?.requestPrice),
      before: live ? amountToNullable(evaluation!.before.requestPrice) : undefined,
      strong: true,
    },
  ];
  const taxRows = live
    ? live.taxSummary.map((r) => ({ taxRate: r.taxRate, reqPrice: amountToNullable(r.reqPrice), reqPriceTax: amountToNullable(r.reqPriceTax) }))
    : detail.taxSummary;
  return (
    <div className="totals" aria-live="polite">
      <dl className="totals__list">
        {rows.map((row) => (
          <div key={row.key} className={row.strong ? 'totals__row totals__row--strong' : 'totals__row'} data-total={row.key}>
            <dt>{row.label}</dt>
            <dd>
              {row.before !== undefined && row.before !== row.value ? (
                <span className="totals__before">
                  <Yen value={row.before} /> →{' '}
                </span>
              ) : null}
              <Yen value={row.value} deduction={row.deduction} />
            </dd>
          </div>
        ))}
      </dl>
      {taxRows.length > 0 ? (
        <table className="table table--compact tax-table">
          <caption>{t('amount.taxSummary')}</caption>
          <thead>
            <tr>
              <th>{t('item.taxRate')}</th>
              <th className="num">{t('amount.taxBase')}</th>
              <th className="num">{t('amount.taxIncludedIn')}</th>
            </tr>
          </thead>
          <tbody>
            {taxRows.map((r) => (
              <tr key={r.taxRate}>
                <td>{formatTaxRate(r.taxRate)}</td>
                <td className="num">
                  <Yen value={r.reqPrice} />
                </td>
                <td className="num">
                  <Yen value={r.reqPriceTax} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {live ? <p className="muted small">{t('edit.liveNote')}</p> : null}
    </div>
  );
}

function EditFooter(props: { draft: EditDraft; evaluation: EditEvaluation; busy: boolean; onReason: (code: number | null) => void; onCancel: () => void; onSave: () => void }) {
  const { t, lang } = useLanguage();
  const { evaluation, draft } = props;
  const blocker = saveBlocker(evaluation, draft, t);
  return (
    <div className="edit-footer">
      {evaluation.reduction ? (
        <label className="field reduction">
          <span>
            {t('edit.reductionReason')} <span className="required">{t('common.required')}</span>
          </span>
          <select
            name="reductionReason"
            value={draft.reductionReason ?? ''}
            onChange={(e) => props.onReason(e.target.value ? Number(e.target.value) : null)}
          >
            <option value="">{t('edit.chooseReason')}</option>
            {(['shop', 'buyer'] as const).map((side) => (
              <optgroup key={side} label={t(`reason.side.${side}`)}>
                {CHANGE_REASONS.filter((r) => r.side === side).map((r) => (
                  <option key={r.code} value={r.code}>
                    {r.code}: {lang === 'ja' ? r.label : r.labelEn}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
      ) : null}
      <div className="edit-footer__buttons">
        <button type="button" className="button" onClick={props.onCancel} disabled={props.busy}>
          {t('common.cancel')}
        </button>
        <button type="button" className="button button--primary" onClick={props.onSave} disabled={props.busy || blocker !== null} aria-describedby="save-blocker">
          {t('edit.save')}
        </button>
      </div>
      {blocker ? (
        <p id="save-blocker" className="edit-footer__why">
          {blocker}
        </p>
      ) : null}
    </div>
  );
}

function saveBlocker(evaluation: EditEvaluation, draft: EditDraft, t: ReturnType<typeof useLanguage>['t']): string | null {
  if (evaluation.invalidFields.size > 0) return t('edit.invalid');
  if (!evaluation.changed) return t('edit.noChange');
  if (evaluation.reduction && draft.reductionReason === null) return t('edit.reasonRequired');
  return null;
}

