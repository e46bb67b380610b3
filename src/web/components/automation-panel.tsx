import { endpoints } from '../api/endpoints.ts';
import type { OrderDetail } from '../api/types.ts';
import { useUser } from '../app/session.tsx';
import { useApiAction, useResource } from '../app/use-resource.ts';
import { useLanguage } from '../i18n/language.tsx';
import { SHIP_BY_FLAG_LABELS } from '../../domain/automation/labels.ts';
import { ErrorMessage, Notice } from './common.tsx';

/** An order's 作業状況 (settable by staff), hold reason, ship-by notes, ギフト and 離島. */
export function AutomationPanel({ detail, onChanged }: { detail: OrderDetail; onChanged: (order: OrderDetail) => void }) {
  const { t, lang } = useLanguage();
  const user = useUser();
  const states = useResource(() => endpoints.workStates(detail.shopCode), [detail.shopCode]);
  const action = useApiAction();
  const a = detail.automation;
  const flags = a.shipBy?.flags ?? [];
  return (
    <div className="automation-panel">
      {a.holdReason ? (
        <Notice kind="warning">
          {t('order.holdReason')}: {a.holdReason}
        </Notice>
      ) : null}
      {flags.length > 0 ? (
        <Notice kind="warning">
          {t('order.shipByFlags')}: {flags.map((f) => SHIP_BY_FLAG_LABELS[f][lang]).join(' / ')}
          {a.shipBy?.reauthorisationDate ? ` (${a.shipBy.reauthorisationDate})` : ''}
        </Notice>
      ) : null}
      <p>
        {a.gift ? <span className="badge">{t('order.gift')}</span> : null} {a.remoteIsland ? <span className="badge badge--warning">{t('order.remoteIsland')}</span> : null}
      </p>
      <label className="field field--inline">
        <span>{t('order.workState')}</span>
        <select
          name="workState"
          value={a.workState ?? ''}
          disabled={user.role === 'viewer' || action.busy}
          onChange={(e) => void action.run(async () => onChanged(await endpoints.setWorkState(detail.orderNumber, detail.version, e.target.value || null)))}
        >
          <option value="">{t('order.workStateNone')}</option>
          {(states.data?.states ?? []).map((s) => (
            <option key={s.code} value={s.code}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      {action.error ? <ErrorMessage error={action.error} /> : null}
    </div>
  );
}
