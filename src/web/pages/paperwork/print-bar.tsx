import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { endpoints } from '../../api/endpoints.ts';
import { useApiAction, useResource } from '../../app/use-resource.ts';
import { ErrorMessage, Notice } from '../../components/common.tsx';
import { useLanguage } from '../../i18n/language.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import type { OrderStatus } from '../../../domain/status.ts';

type YesNo = '' | 'yes' | 'no';

/** The profile fields a slip names when they are empty (domain/shop-profile.ts). */
const PROFILE_LABELS: Readonly<Record<string, MessageKey>> = { postalCode: 'profile.postalCode', address1: 'profile.address1', phone: 'profile.phone' };

/** The order list's paperwork filters: 納品書 printed or not, parcels 検品済 or not. */
export function PaperworkFilters({ printed, packed, onChange }: { printed: YesNo; packed: YesNo; onChange: (change: { printed?: YesNo; packed?: YesNo }) => void }) {
  const { t } = useLanguage();
  return (
    <>
      <label className="field field--inline">
        <span>{t('filter.printed')}</span>
        <select name="printed" value={printed} onChange={(e) => onChange({ printed: e.target.value as YesNo })}>
          <option value="">{t('filter.any')}</option>
          <option value="no">{t('filter.printedNo')}</option>
          <option value="yes">{t('filter.printedYes')}</option>
        </select>
      </label>
      <label className="field field--inline">
        <span>{t('filter.packed')}</span>
        <select name="packed" value={packed} onChange={(e) => onChange({ packed: e.target.value as YesNo })}>
          <option value="">{t('filter.any')}</option>
          <option value="no">{t('filter.packedNo')}</option>
          <option value="yes">{t('filter.packedYes')}</option>
        </select>
      </label>
    </>
  );
}

/** Hands a made file to the browser as a download. */
function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * 納品書 and picking lists for the selected orders, or — with none selected on the 新規受付 tab —
 * for all of the shop's new orders. The server checks the selection before the first page and
 * names any order it refuses; staff see that instead of a file.
 */
/**
 * 納品書 and picking lists for the selected orders, or, with none selected in the 新規受付 list,
 * for every 新規受付 order of the shop. `shopOf` names each selected order's shop: one PDF is
 * one shop's.
 */
export function PrintBar({
  selected,
  shopOf,
  shop,
  status,
  onPrinted,
}: {
  selected: readonly string[];
  shopOf: (orderNumber: string) => string | undefined;
  shop: string;
  status: OrderStatus;
  onPrinted: () => void;
}) {
  const { lang, t } = useLanguage();
  const { busy, error, run } = useApiAction();
  const [done, setDone] = useState<string | null>(null);
  const selectedShops = [...new Set(selected.map((n) => shopOf(n) ?? ''))];
  const target = selected.length > 0 ? (selectedShops.length === 1 ? selectedShops[0]! : '') : shop;
  const allNew = selected.length === 0 && status === 'new';
  const status_ = useResource(() => (target ? endpoints.paperworkStatus(target) : Promise.resolve(null)), [target]);

  if (selected.length === 0 && !allNew) return null;

  const print = (kind: 'slips' | 'picking' | 'perOrder') =>
    run(async () => {
      setDone(null);
      const body = { shop: target, ...(allNew ? { status: 'new' as const } : { orderNumbers: [...selected] }), ...(kind === 'perOrder' && { perOrder: true }) };
      const blob = kind === 'slips' ? await endpoints.printSlips(body) : await endpoints.printPicking(body);
      const file = kind === 'slips' ? `nouhinsho-${target}.pdf` : `picking-${target}.pdf`;
      download(blob, file);
      setDone(allNew ? t('print.doneAll', { file }) : t('print.done', { file, count: selected.length }));
      if (kind === 'slips') onPrinted();
    });

  const refused = error instanceof ApiError && error.code === 'PRINT_SELECTION_INVALID' ? (error.details as { unknown?: string[]; cancelled?: string[] }) : null;
  const missing = (status_.data?.missingProfile ?? []).map((f) => (f in PROFILE_LABELS ? t(PROFILE_LABELS[f]!) : f));

  return (
    <div className="printbar" aria-label={t('print.slips')}>
      <span className="muted">{allNew ? t('print.scopeAllNew') : t('print.scopeSelected', { count: selected.length })}</span>
      <button type="button" className="button button--primary" disabled={busy || !target} onClick={() => void print('slips')}>
        {t('print.slips')}
      </button>
      <button type="button" className="button" disabled={busy || !target} onClick={() => void print('picking')}>
        {t('print.picking')}
      </button>
      <button type="button" className="button" disabled={busy || !target} onClick={() => void print('perOrder')}>
        {t('print.pickingPerOrder')}
      </button>
      {!target ? <Notice kind="warning">{t('print.chooseShop')}</Notice> : null}
      {missing.length > 0 ? <Notice kind="warning">{t('print.missingProfile', { fields: missing.join(lang === 'ja' ? '、' : ', ') })}</Notice> : null}
      {done ? <Notice kind="success">{done}</Notice> : null}
      {refused ? <Notice kind="warning">{t('print.refused', { orders: [...(refused.cancelled ?? []), ...(refused.unknown ?? [])].join(', ') })}</Notice> : null}
      {error ? <ErrorMessage error={error} /> : null}
    </div>
  );
}
