import { useState } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import { navigate, useLocation } from '../../app/router.tsx';
import { useResource } from '../../app/use-resource.ts';
import { ErrorMessage, Loading } from '../../components/common.tsx';
import { ShopSelect } from '../../components/shop-select.tsx';
import { useLanguage } from '../../i18n/language.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { CalendarSettings } from './CalendarSettings.tsx';
import { RulesSettings } from './RulesSettings.tsx';
import { WorkStateSettings } from './WorkStateSettings.tsx';

const TABS: readonly { id: string; label: MessageKey }[] = [
  { id: 'rules', label: 'automation.tab.rules' },
  { id: 'calendar', label: 'automation.tab.calendar' },
  { id: 'work-states', label: 'automation.tab.workStates' },
];

/** 自動化設定: the shop calendar, sorting rules and work states, one tab each. */
export function AutomationPage() {
  const { t } = useLanguage();
  const { query } = useLocation();
  const tab = TABS.find((x) => x.id === query.get('tab'))?.id ?? 'rules';
  const shops = useResource(() => endpoints.shops(), []);
  const [chosen, setChosen] = useState('');
  const shop = chosen || shops.data?.[0]?.code || '';
  return (
    <div className="page">
      <div className="page__title">
        <h1>{t('automation.title')}</h1>
        <div className="page__tools">{(shops.data?.length ?? 0) > 1 ? <ShopSelect shops={shops.data ?? []} value={shop} onChange={setChosen} /> : null}</div>
      </div>
      <div className="tabs" role="tablist">
        {TABS.map((x) => (
          <button key={x.id} type="button" role="tab" aria-selected={x.id === tab} className={x.id === tab ? 'tab tab--active' : 'tab'} onClick={() => navigate(`/automation?tab=${x.id}`)}>
            {t(x.label)}
          </button>
        ))}
      </div>
      {shops.error ? <ErrorMessage error={shops.error} /> : null}
      {!shop ? <Loading /> : tab === 'calendar' ? <CalendarSettings key={shop} shop={shop} /> : tab === 'work-states' ? <WorkStateSettings key={shop} shop={shop} /> : <RulesSettings key={shop} shop={shop} />}
    </div>
  );
}
