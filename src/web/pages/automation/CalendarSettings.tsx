import { useEffect, useState } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import { useResource } from '../../app/use-resource.ts';
import { ErrorMessage, Loading, Section } from '../../components/common.tsx';
import { SettingsForm, type SettingsFormBody } from '../settings/settings-form.tsx';
import { useLanguage } from '../../i18n/language.tsx';
import type { CalendarInput } from '../../../server/api/automation-schemas.ts';

const WEEKDAYS = { ja: ['日', '月', '火', '水', '木', '金', '土'], en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] };

const lines = (text: string): string[] => text.split(/[\s,、]+/u).filter((x) => x !== '');

/** 北海道=2 per line ⇄ the per-prefecture record. */
function parseTransit(text: string): CalendarInput['transitDaysByPrefecture'] {
  const pairs = lines(text).map((line) => line.split('=') as [string, string]);
  return Object.fromEntries(pairs.map(([p, d]) => [p, Number(d)])) as CalendarInput['transitDaysByPrefecture'];
}

/** 店舗カレンダー, a page of 設定: the calendar concern's form, then the year it gives. */
export function CalendarSettingsPage({ shopCode }: { shopCode: string }) {
  const [saves, setSaves] = useState(0);
  return (
    <>
      <SettingsForm shop={shopCode} concern="calendar">
        {(body) => <CalendarFields {...body} onVersion={setSaves} />}
      </SettingsForm>
      <YearSection shop={shopCode} version={saves} />
    </>
  );
}

function CalendarFields({ draft, set, view, onVersion }: SettingsFormBody & { onVersion: (version: number) => void }) {
  const { lang, t } = useLanguage();
  const form = draft as unknown as CalendarInput;
  // Text as typed; the arrays follow it, so a half-typed date does not vanish from the box.
  const [closed, setClosed] = useState(form.closedDates.join('\n'));
  const [working, setWorking] = useState(form.workingDates.join('\n'));
  const [transit, setTransit] = useState(Object.entries(form.transitDaysByPrefecture).map(([p, d]) => `${p}=${d}`).join('\n'));
  useEffect(() => onVersion(view.version), [view.version]);
  return (
    <div className="calendar-form">
      <fieldset className="field">
        <legend>{t('calendar.closedWeekdays')}</legend>
        {WEEKDAYS[lang].map((label, day) => (
          <label key={day} className="check">
            <input
              type="checkbox"
              name={`weekday-${day}`}
              checked={form.closedWeekdays.includes(day)}
              onChange={(e) => set('closedWeekdays', e.target.checked ? [...form.closedWeekdays, day] : form.closedWeekdays.filter((d) => d !== day))}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <label className="check">
        <input type="checkbox" name="holidaysClosed" checked={form.holidaysClosed} onChange={(e) => set('holidaysClosed', e.target.checked)} />
        {t('calendar.holidaysClosed')}
      </label>
      <div className="field-row">
        <label className="field">
          <span>{t('calendar.cutoff')}</span>
          <input type="time" name="cutoff" value={form.cutoff} onChange={(e) => set('cutoff', e.target.value)} />
        </label>
        <label className="field">
          <span>{t('calendar.leadDays')}</span>
          <input type="number" name="leadDays" min={0} max={30} value={form.leadDays} onChange={(e) => set('leadDays', Number(e.target.value))} />
        </label>
        <label className="field">
          <span>{t('calendar.transitDays')}</span>
          <input type="number" name="transitDays" min={0} max={14} value={form.transitDays} onChange={(e) => set('transitDays', Number(e.target.value))} />
        </label>
      </div>
      <div className="field-row">
        <label className="field">
          <span>{t('calendar.closedDates')}</span>
          <textarea name="closedDates" rows={5} value={closed} onChange={(e) => (setClosed(e.target.value), set('closedDates', lines(e.target.value)))} />
        </label>
        <label className="field">
          <span>{t('calendar.workingDates')}</span>
          <textarea name="workingDates" rows={5} value={working} onChange={(e) => (setWorking(e.target.value), set('workingDates', lines(e.target.value)))} />
        </label>
        <label className="field">
          <span>{t('calendar.transitByPrefecture')}</span>
          <textarea name="transitByPrefecture" rows={5} value={transit} onChange={(e) => (setTransit(e.target.value), set('transitDaysByPrefecture', parseTransit(e.target.value)))} />
        </label>
      </div>
    </div>
  );
}

function YearSection({ shop, version }: { shop: string; version: number }) {
  const { t } = useLanguage();
  const [year, setYear] = useState(new Date().getFullYear());
  const days = useResource(() => endpoints.calendarYear(shop, year), [shop, year, version]);
  return (
    <Section
      title={t('calendar.year', { year })}
      actions={
        <span>
          <button type="button" className="button button--small" onClick={() => setYear(year - 1)}>
            ‹
          </button>{' '}
          <button type="button" className="button button--small" onClick={() => setYear(year + 1)}>
            ›
          </button>
        </span>
      }
    >
      {days.error ? <ErrorMessage error={days.error} /> : days.data ? <YearView days={days.data.days} /> : <Loading />}
    </Section>
  );
}

/** Twelve small months; closed days are coloured by why (weekly, holiday, extra). */
function YearView({ days }: { days: readonly { date: string; kind: string; holiday: string | null }[] }) {
  const { t } = useLanguage();
  const months = Array.from({ length: 12 }, (_, m) => days.filter((d) => Number(d.date.slice(5, 7)) === m + 1));
  return (
    <div className="year-view">
      <p className="small">
        {(['working', 'weekly', 'holiday', 'closed'] as const).map((kind) => (
          <span key={kind} className={`day day--${kind} legend`}>
            {t(`calendar.kind.${kind}`)}
          </span>
        ))}
      </p>
      <div className="year-view__months">
        {months.map((month, m) => (
          <table key={m} className="month">
            <caption>{m + 1}</caption>
            <tbody>
              {weeks(month).map((week, w) => (
                <tr key={w}>
                  {week.map((d, i) => (
                    <td key={i} className={d ? `day day--${d.kind}` : 'day'} title={d ? `${d.date} ${d.holiday ?? ''}` : undefined} data-date={d?.date}>
                      {d ? Number(d.date.slice(8)) : ''}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
    </div>
  );
}

function weeks<T extends { date: string }>(month: readonly T[]): (T | null)[][] {
  const first = month[0] ? new Date(`${month[0].date}T00:00:00Z`).getUTCDay() : 0;
  const cells: (T | null)[] = [...Array<null>(first).fill(null), ...month];
  const rows: (T | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) rows.push(cells.slice(i, i + 7));
  return rows;
}
