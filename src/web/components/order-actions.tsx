import { useState } from 'react';
import { endpoints } from '../api/endpoints.ts';
import type { OrderDetail } from '../api/types.ts';
import { useApiAction } from '../app/use-resource.ts';
import { useLanguage } from '../i18n/language.tsx';
import { CHANGE_REASONS } from '../../domain/reasons.ts';
import { ErrorMessage } from './common.tsx';

/** Confirm, hold, release and cancel: only the buttons `allowedActions` lists. */
export function OrderActions({ detail, onChanged, onReload }: { detail: OrderDetail; onChanged: (order: OrderDetail) => void; onReload: () => void }) {
  const { t, lang } = useLanguage();
  const { busy, error, run: runAction } = useApiAction();
  const [cancelling, setCancelling] = useState(false);
  const [cancelReason, setCancelReason] = useState<number | null>(null);
  const [holdReason, setHoldReason] = useState('');
  const allowed = new Set(detail.allowedActions);

  const run = (action: () => Promise<OrderDetail>) =>
    runAction(async () => {
      onChanged(await action());
      setCancelling(false);
    });

  if (!['confirm', 'hold', 'release', 'cancel'].some((a) => allowed.has(a as never))) return null;
  const n = detail.orderNumber;
  const v = detail.version;
  return (
    <div className="actions">
      <div className="actions__buttons">
        {allowed.has('confirm') ? (
          <button type="button" className="button button--primary" disabled={busy} onClick={() => void run(() => endpoints.confirm(n, v))}>
            {t('action.confirm')}
          </button>
        ) : null}
        {allowed.has('hold') ? (
          <>
            <input name="holdReason" aria-label={t('order.holdReason')} placeholder={t('order.holdReason')} maxLength={200} value={holdReason} onChange={(e) => setHoldReason(e.target.value)} />
            <button type="button" className="button" disabled={busy} onClick={() => void run(() => endpoints.hold(n, v, holdReason.trim() || undefined))}>
              {t('action.hold')}
            </button>
          </>
        ) : null}
        {allowed.has('release') ? (
          <button type="button" className="button" disabled={busy} onClick={() => void run(() => endpoints.release(n, v))}>
            {t('action.release')}
          </button>
        ) : null}
        {allowed.has('cancel') && !cancelling ? (
          <button type="button" className="button button--danger-ghost" disabled={busy} onClick={() => setCancelling(true)}>
            {t('action.cancel')}
          </button>
        ) : null}
      </div>
      {cancelling ? (
        <div className="actions__cancel">
          <label className="field field--inline">
            <span>{t('action.cancelReason')}</span>
            <select value={cancelReason ?? ''} onChange={(e) => setCancelReason(e.target.value ? Number(e.target.value) : null)}>
              <option value="">{t('edit.chooseReason')}</option>
              {CHANGE_REASONS.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.code}: {lang === 'ja' ? r.label : r.labelEn} ({t(`reason.side.${r.side}`)})
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="button button--danger"
            disabled={busy || cancelReason === null}
            onClick={() => cancelReason !== null && void run(() => endpoints.cancel(n, v, cancelReason))}
          >
            {t('action.cancelConfirm')}
          </button>
          <button type="button" className="button button--ghost" onClick={() => setCancelling(false)}>
            {t('common.back')}
          </button>
        </div>
      ) : null}
      {error ? <ErrorMessage error={error} onReload={onReload} /> : null}
    </div>
  );
}
