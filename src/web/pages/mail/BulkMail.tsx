import { useState } from 'react';
import { mailEndpoints } from '../../api/mail-endpoints.ts';
import { useApiAction, useResource } from '../../app/use-resource.ts';
import { ErrorMessage } from '../../components/common.tsx';
import { useLanguage } from '../../i18n/language.tsx';

/** The order list's bulk bar: one template to the buyers of the selected orders (of one shop). */
export function BulkMail({ orders }: { orders: readonly { orderNumber: string; shopCode: string }[] }) {
  const { t } = useLanguage();
  const shops = [...new Set(orders.map((o) => o.shopCode))];
  const shop = shops.length === 1 ? shops[0]! : null;
  const templates = useResource(() => (shop ? mailEndpoints.templates(shop) : Promise.resolve(null)), [shop]);
  const [templateId, setTemplateId] = useState('');
  const [queued, setQueued] = useState<number | null>(null);
  const { busy, error, run } = useApiAction();
  if (orders.length === 0) return null;
  if (!shop) return <span className="muted small">{t('mail.bulk.oneShop')}</span>;
  return (
    <span className="bulk-mail">
      <select aria-label={t('mail.bulk.template')} value={templateId} onChange={(e) => (setTemplateId(e.target.value), setQueued(null))}>
        <option value="">{t('mail.bulk.template')}</option>
        {templates.data?.templates.map((tpl) => (
          <option key={tpl.id} value={tpl.id}>
            {tpl.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button"
        disabled={busy || templateId === ''}
        onClick={() =>
          void run(async () => {
            const { mails } = await mailEndpoints.send(shop, orders.map((o) => o.orderNumber), { templateId: Number(templateId) });
            setQueued(mails.length);
          })
        }
      >
        {t('mail.bulk.send')}
      </button>
      {queued !== null ? <span className="small">{t('mail.bulk.queued', { count: queued })}</span> : null}
      {error ? <ErrorMessage error={error} /> : null}
    </span>
  );
}
