import { useEffect, useState } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import { useApiAction, useResource } from '../../app/use-resource.ts';
import { ErrorMessage, Loading, Notice, Section } from '../../components/common.tsx';
import { useLanguage } from '../../i18n/language.tsx';
import type { WorkStatesView } from '../../../server/api/automation-schemas.ts';

type State = WorkStatesView['states'][number];

/** 作業状況: the shop's labels, each optionally naming an RMS サブステータス. */
export function WorkStateSettingsPage({ shopCode: shop }: { shopCode: string }) {
  const { t } = useLanguage();
  const stored = useResource(() => endpoints.workStates(shop), [shop]);
  const [states, setStates] = useState<State[]>([]);
  const [saved, setSaved] = useState(false);
  const save = useApiAction();
  useEffect(() => setStates(stored.data?.states ?? []), [stored.data]);
  if (stored.error) return <ErrorMessage error={stored.error} />;
  if (!stored.data) return <Loading />;
  const counts = stored.data.counts;
  const change = (i: number, patch: Partial<State>) => setStates(states.map((s, n) => (n === i ? { ...s, ...patch } : s)));
  return (
    <Section title={t('automation.tab.workStates')}>
      <table className="table">
        <thead>
          <tr>
            <th>{t('workStates.code')}</th>
            <th>{t('workStates.label')}</th>
            <th>{t('workStates.subStatus')}</th>
            <th className="num">{t('workStates.count')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {states.map((s, i) => (
            <tr key={i}>
              <td>
                <input aria-label={t('workStates.code')} name={`code-${i}`} value={s.code} onChange={(e) => change(i, { code: e.target.value })} />
              </td>
              <td>
                <input aria-label={t('workStates.label')} name={`label-${i}`} value={s.label} onChange={(e) => change(i, { label: e.target.value })} />
              </td>
              <td>
                <input
                  aria-label={t('workStates.subStatus')}
                  type="number"
                  value={s.rmsSubStatusId ?? ''}
                  onChange={(e) => change(i, { rmsSubStatusId: e.target.value ? Number(e.target.value) : null })}
                />
              </td>
              <td className="num">{counts[s.code] ?? 0}</td>
              <td>
                <button type="button" className="button button--small" onClick={() => setStates(states.filter((_, n) => n !== i))}>
                  {t('workStates.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="button" onClick={() => setStates([...states, { code: '', label: '', rmsSubStatusId: null }])}>
        {t('workStates.add')}
      </button>{' '}
      <button
        type="button"
        className="button button--primary"
        disabled={save.busy}
        onClick={() =>
          void save.run(async () => {
            setSaved(false);
            await endpoints.saveWorkStates(shop, states);
            setSaved(true);
            stored.reload();
          })
        }
      >
        {t('automation.save')}
      </button>
      {save.error ? <ErrorMessage error={save.error} /> : null}
      {saved ? <Notice kind="success">{t('automation.saved')}</Notice> : null}
    </Section>
  );
}
