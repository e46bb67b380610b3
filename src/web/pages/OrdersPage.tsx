import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import type { ApiError } from '../api/client.ts';
import { endpoints, type OrderQuery } from '../api/endpoints.ts';
import type { OrderSummary } from '../api/types.ts';
import { navigate, useLocation } from '../app/router.tsx';
import { useUser } from '../app/session.tsx';
import { asApiError, queryClient, useResource } from '../app/use-resource.ts';
import { ErrorMessage, Loading, Notice } from '../components/common.tsx';
import { OrderTable } from '../components/order-table.tsx';
import { ShopSelect } from '../components/shop-select.tsx';
import { useLanguage } from '../i18n/language.tsx';
import { PaperworkFilters, PrintBar } from './paperwork/print-bar.tsx';
import { ORDER_STATUSES, STATUS_LABELS, isOrderStatus, type OrderStatus } from '../../domain/status.ts';
import { BulkMail } from './mail/BulkMail.tsx';

const PAGE_SIZE = 50;
const DEADLINE_CHOICES = [24, 48, 72, 168] as const;

interface Filters {
  status: OrderStatus;
  shop: string;
  q: string;
  within: number | null;
  printed: '' | 'yes' | 'no';
  packed: '' | 'yes' | 'no';
  /** 作業状況 code, or '' for any. */
  work: string;
}

const yesNo = (value: string | null): '' | 'yes' | 'no' => (value === 'yes' || value === 'no' ? value : '');

function filtersFrom(query: URLSearchParams): Filters {
  const status = query.get('status') ?? '';
  const within = Number(query.get('within'));
  return {
    status: isOrderStatus(status) ? status : 'awaiting_confirmation',
    shop: query.get('shop') ?? '',
    q: query.get('q') ?? '',
    within: Number.isInteger(within) && within > 0 ? within : null,
    printed: yesNo(query.get('printed')),
    packed: yesNo(query.get('packed')),
    work: query.get('work') ?? '',
  };
}

function hrefFor(filters: Filters): string {
  const params = new URLSearchParams({ status: filters.status });
  if (filters.shop) params.set('shop', filters.shop);
  if (filters.q) params.set('q', filters.q);
  if (filters.within) params.set('within', String(filters.within));
  if (filters.printed) params.set('printed', filters.printed);
  if (filters.packed) params.set('packed', filters.packed);
  if (filters.work) params.set('work', filters.work);
  return `/orders?${params.toString()}`;
}

type Outcome = { kind: 'success' | 'warning'; text: string } | { kind: 'error'; error: ApiError };

export function OrdersPage() {
  const { lang, t } = useLanguage();
  const user = useUser();
  const filters = filtersFrom(useLocation().query);
  const filterKey = hrefFor(filters);
  const shops = useResource(() => endpoints.shops(), []);
  const counts = useResource(() => endpoints.counts(filters.shop || undefined), [filters.shop]);
  // 作業状況 are per shop: the chosen one, else the first (most users have one shop).
  const workShop = filters.shop || shops.data?.[0]?.code || '';
  const workStates = useResource(() => (workShop ? endpoints.workStates(workShop) : Promise.resolve(null)), [workShop]);
  const workStateLabels = Object.fromEntries((workStates.data?.states ?? []).map((w) => [w.code, w.label]));

  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const [searchText, setSearchText] = useState(filters.q);

  // Back and forward change the query in the URL; the search box follows it.
  useEffect(() => setSearchText(filters.q), [filters.q]);
  // A selection belongs to the list it was made in.
  useEffect(() => setSelected(new Set()), [filterKey]);

  const query: OrderQuery = {
    status: filters.status,
    shop: filters.shop || undefined,
    q: filters.q || undefined,
    deadlineWithinHours: filters.within ?? undefined,
    printed: filters.printed || undefined,
    packed: filters.packed || undefined,
    workState: filters.work || undefined,
    limit: PAGE_SIZE,
  };

  // The pages of one filter (its URL form) are one cache entry: a page asked for under one tab
  // and answered after the switch to another is added to its own tab's list, never this one.
  const list = useInfiniteQuery({
    queryKey: ['orders', filterKey],
    queryFn: ({ pageParam }) => endpoints.orders({ ...query, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  const orders: OrderSummary[] = list.data?.pages.flatMap((page) => page.items) ?? [];
  const loading = list.isFetching;
  const listError = list.error ? asApiError(list.error) : null;

  function loadMore() {
    if (list.hasNextPage && !list.isFetchingNextPage) void list.fetchNextPage();
  }

  function refresh() {
    setSelected(new Set());
    // Back to the first page of the current filter, as when the tab was opened.
    void queryClient.resetQueries({ queryKey: ['orders', filterKey] });
    counts.reload();
  }

  function setFilters(change: Partial<Filters>) {
    setOutcome(null);
    navigate(hrefFor({ ...filters, ...change }));
  }

  function onSearch(event: FormEvent) {
    event.preventDefault();
    setFilters({ q: searchText.trim() });
  }

  async function runBulk(action: () => Promise<Outcome>) {
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome(await action());
    } catch (err) {
      setOutcome({ kind: 'error', error: asApiError(err) });
    } finally {
      setBusy(false);
      refresh();
    }
  }

  const selectedNumbers = [...selected];

  const confirmSelected = () =>
    runBulk(async () => {
      const { results } = await endpoints.confirmMany(selectedNumbers);
      const failed = results.filter((r) => !r.ok);
      const text = t('bulk.confirmed', { ok: results.length - failed.length, failed: failed.length });
      const details = failed.map((r) => `${r.orderNumber}: ${(lang === 'ja' ? r.error?.messageJa : r.error?.message) ?? ''}`);
      return { kind: failed.length ? 'warning' : 'success', text: [text, ...details].join('\n') };
    });

  const holdSelected = () =>
    runBulk(async () => {
      const failures: string[] = [];
      const versions = new Map(orders.map((o) => [o.orderNumber, o.version]));
      for (const orderNumber of selectedNumbers) {
        try {
          await endpoints.hold(orderNumber, versions.get(orderNumber) ?? 0);
        } catch (err) {
          const error = asApiError(err);
          failures.push(`${orderNumber}: ${lang === 'ja' ? error.messageJa : error.message}`);
        }
      }
      const text = t('bulk.held', { ok: selectedNumbers.length - failures.length, failed: failures.length });
      return { kind: failures.length ? 'warning' : 'success', text: [text, ...failures].join('\n') };
    });

  const syncNow = () =>
    runBulk(async () => {
      const run = await endpoints.runSync(filters.shop || undefined);
      const text = t('sync.doneWithCounts', { imported: run.imported, updated: run.updated, pushed: run.pushed, failed: run.failed });
      return { kind: run.failed > 0 ? 'warning' : 'success', text };
    });

  const canAct = user.role !== 'viewer';
  const shopList = shops.data ?? [];

  return (
    <div className="page">
      <div className="page__title">
        <h1>{t('orders.title')}</h1>
        {canAct ? (
          <button type="button" className="button" disabled={busy} onClick={() => void syncNow()}>
            {t('sync.now')}
          </button>
        ) : null}
      </div>

      <div className="tabs" role="tablist" aria-label={t('orders.tabs')}>
        {ORDER_STATUSES.map((status) => (
          <button
            key={status}
            type="button"
            role="tab"
            aria-selected={status === filters.status}
            className={status === filters.status ? 'tab tab--active' : 'tab'}
            onClick={() => setFilters({ status })}
            data-status={status}
          >
            {STATUS_LABELS[status][lang]}
            <span className="tab__count">{counts.data ? (counts.data[status] ?? 0).toLocaleString('ja-JP') : '…'}</span>
          </button>
        ))}
      </div>

      <div className="toolbar">
        <form className="search" onSubmit={onSearch} role="search">
          <input
            type="search"
            name="q"
            placeholder={t('filter.searchPlaceholder')}
            aria-label={t('filter.search')}
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
          />
          <button type="submit" className="button">
            {t('filter.search')}
          </button>
        </form>
        {shopList.length > 1 ? <ShopSelect shops={shopList} value={filters.shop} onChange={(shop) => setFilters({ shop })} /> : null}
        <label className="field field--inline">
          <span>{t('filter.deadline')}</span>
          <select value={filters.within ?? ''} onChange={(e) => setFilters({ within: e.target.value ? Number(e.target.value) : null })}>
            <option value="">{t('filter.any')}</option>
            {DEADLINE_CHOICES.map((hours) => (
              <option key={hours} value={hours}>
                {t('filter.withinHours', { hours })}
              </option>
            ))}
          </select>
        </label>
        <PaperworkFilters printed={filters.printed} packed={filters.packed} onChange={setFilters} />
        {(workStates.data?.states.length ?? 0) > 0 ? (
          <label className="field field--inline">
            <span>{t('filter.workState')}</span>
            <select name="workState" value={filters.work} onChange={(e) => setFilters({ work: e.target.value })}>
              <option value="">{t('filter.any')}</option>
              {workStates.data!.states.map((w) => (
                <option key={w.code} value={w.code}>
                  {w.label} ({workStates.data!.counts[w.code] ?? 0})
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>

      {canAct ? (
        <div className="bulkbar" aria-live="polite">
          <span>{t('bulk.selected', { count: selected.size })}</span>
          {filters.status === 'awaiting_confirmation' ? (
            <button type="button" className="button button--primary" disabled={busy || selected.size === 0} onClick={() => void confirmSelected()}>
              {t('bulk.confirm')}
            </button>
          ) : null}
          <button type="button" className="button" disabled={busy || selected.size === 0} onClick={() => void holdSelected()}>
            {t('bulk.hold')}
          </button>
          <PrintBar selected={selectedNumbers} shopOf={(n) => orders.find((o) => o.orderNumber === n)?.shopCode} shop={filters.shop || (shopList.length === 1 ? shopList[0]!.code : '')} status={filters.status} onPrinted={refresh} />
          <BulkMail orders={orders.filter((o) => selected.has(o.orderNumber))} />
        </div>
      ) : null}

      {outcome ? (
        outcome.kind === 'error' ? (
          <ErrorMessage error={outcome.error} />
        ) : (
          <Notice kind={outcome.kind}>
            <span className="preline">{outcome.text}</span>
          </Notice>
        )
      ) : null}
      {listError ? <ErrorMessage error={listError} /> : null}

      {orders.length > 0 ? (
        <OrderTable
          orders={orders}
          showShop={shopList.length > 1}
          workStateLabels={workStateLabels}
          selection={
            canAct
              ? {
                  selected,
                  toggle: (n) => setSelected((s) => toggled(s, n)),
                  toggleAll: (all) => setSelected((s) => (all.every((n) => s.has(n)) ? new Set() : new Set(all))),
                }
              : undefined
          }
        />
      ) : loading ? null : (
        <p className="empty">{t('orders.empty')}</p>
      )}
      {loading ? <Loading /> : null}
      {list.hasNextPage && !loading ? (
        <div className="more">
          <button type="button" className="button" onClick={loadMore}>
            {t('orders.loadMore')}
          </button>
        </div>
      ) : null}
    </div>
  );
}

function toggled(set: ReadonlySet<string>, value: string): ReadonlySet<string> {
  const next = new Set(set);
  if (next.has(value)) next.delete(value);
  else next.add(value);
  return next;
}

