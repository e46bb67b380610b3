import { useState } from 'react';
import { jstDate } from '../../../domain/jst.ts';
import { MAX_SHIP_BY_DAYS, shipByDaysFrom, shipByOn } from '../../../domain/shipping/index.ts';
import type { CarrierProfileId } from '../../../domain/shipping/index.ts';
import type { OrderStatus } from '../../../domain/status.ts';
import { shippingEndpoints } from '../../api/shipping.ts';
import type { SavedFilterView } from '../../api/shipping.ts';
import { useUser } from '../../app/session.tsx';
import { useApiAction, useResource } from '../../app/use-resource.ts';
import { ErrorMessage, Notice } from '../../components/common.tsx';
import { useLanguage } from '../../i18n/language.tsx';

/** The 出荷作業 page's selection, as the filter bar reads and sets it. */
export interface PageSelection {
  readonly carrier: CarrierProfileId;
  readonly statuses: readonly OrderStatus[];
  readonly exported: 'any' | 'no' | 'yes';
  /** '' for any 出荷予定日. */
  readonly shipBy: string;
}

/**
 * Saved filters: pick one to set the page's selection, save the current selection under a
 * name (for this shop or every shop), rename or delete the one picked. The ship-by day is
 * kept as days from the day of use, so "明日まで" still means tomorrow next week.
 */
export function SavedFilterBar({ shop, selection, onPick }: { shop: string; selection: PageSelection; onPick: (s: PageSelection) => void }) {
  const { t } = useLanguage();
  const user = useUser();
  const filters = useResource(() => shippingEndpoints.savedFilters(shop), [shop]);
  const [picked, setPicked] = useState<SavedFilterView | null>(null);
  const [name, setName] = useState('');
  const [allShops, setAllShops] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const action = useApiAction();
  // The browser's clock, read as a JST day: only to turn a day into days from today and back.
  const today = () => jstDate(new Date());

  const pick = (id: string) => {
    const filter = filters.data?.filters.find((f) => String(f.id) === id) ?? null;
    setPicked(filter);
    setNotice(null);
    if (!filter) return;
    setName(filter.name);
    const s = filter.selection;
    onPick({ carrier: s.carrier, statuses: s.statuses, exported: s.exported, shipBy: shipByOn(s, today()) ?? '' });
  };

  const done = async (message: string, keep: SavedFilterView | null) => {
    setNotice(message);
    setPicked(keep);
    await filters.reload();
  };

  const save = () =>
    action.run(async () => {
      const saved = await shippingEndpoints.saveFilter({
        name,
        shopCode: allShops ? null : shop,
        selection: { carrier: selection.carrier, statuses: [...selection.statuses], exported: selection.exported, shipByDays: shipByDaysFrom(selection.shipBy || null, today()) },
      });
      await done(t('shipping.filter.saved.notice', { name: saved.name }), saved);
    });

  const rename = () =>
    action.run(async () => {
      if (!picked) return;
      const saved = await shippingEndpoints.renameFilter(picked.id, name);
      await done(t('shipping.filter.renamed.notice', { name: saved.name }), saved);
    });

  const remove = () =>
    action.run(async () => {
      if (!picked || !window.confirm(t('shipping.filter.confirmDelete', { name: picked.name }))) return;
      await shippingEndpoints.deleteFilter(picked.id);
      setName('');
      await done(t('shipping.filter.deleted.notice', { name: picked.name }), null);
    });

  const writer = user.role !== 'viewer';
  return (
    <div className="toolbar" data-testid="shipping-filters">
      <label className="field field--inline">
        <span>{t('shipping.filter.saved')}</span>
        <select value={picked ? String(picked.id) : ''} onChange={(e) => pick(e.target.value)} data-testid="shipping-saved-filter">
          <option value="">{t('shipping.filter.none')}</option>
          {(filters.data?.filters ?? []).map((f) => (
            <option key={f.id} value={String(f.id)}>
              {f.shopCode === null ? `${f.name}（${t('shipping.filter.allShops')}）` : f.name}
            </option>
          ))}
        </select>
      </label>
      {writer ? (
        <>
          <label className="field field--inline">
            <span>{t('shipping.filter.name')}</span>
            <input type="text" value={name} maxLength={40} onChange={(e) => setName(e.target.value)} />
          </label>
          <label className="field field--inline">
            <input type="checkbox" checked={allShops} onChange={(e) => setAllShops(e.target.checked)} />
            <span>{t('shipping.filter.forAllShops')}</span>
          </label>
          <button type="button" className="button" disabled={action.busy || name.trim() === ''} onClick={() => void save()} title={t('shipping.filter.shipByHint', { days: MAX_SHIP_BY_DAYS })}>
            {t('shipping.filter.save')}
          </button>
          {picked ? (
            <>
              <button type="button" className="button" disabled={action.busy || name.trim() === '' || name.trim() === picked.name} onClick={() => void rename()}>
                {t('shipping.filter.rename')}
              </button>
              <button type="button" className="button button--danger" disabled={action.busy} onClick={() => void remove()}>
                {t('shipping.filter.delete')}
              </button>
            </>
          ) : null}
        </>
      ) : null}
      {filters.error ? <ErrorMessage error={filters.error} onReload={filters.reload} /> : null}
      {action.error ? <ErrorMessage error={action.error} /> : null}
      {notice ? <Notice kind="success">{notice}</Notice> : null}
    </div>
  );
}
