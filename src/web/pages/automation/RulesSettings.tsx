import { useState } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import { formatDateTime } from '../../app/format.ts';
import { useApiAction, useResource } from '../../app/use-resource.ts';
import { ErrorMessage, Loading, Notice, Section } from '../../components/common.tsx';
import { useLanguage } from '../../i18n/language.tsx';
import { carrierProfileName } from '../../i18n/messages/carriers.ts';
import type { DryRunResultView, RuleView } from '../../../server/api/automation-schemas.ts';
import { EMPTY_FORM, FLAGS, draftFromForm, formFromRule, methodValue, type Flag, type RuleForm } from './rule-form.ts';

/** ステータス仕分け: the ordered list, an editor with a dry run, and the change history. */
export function RulesSettingsPage({ shopCode: shop }: { shopCode: string }) {
  const { lang, t } = useLanguage();
  const rules = useResource(() => endpoints.rules(shop), [shop]);
  const states = useResource(() => endpoints.workStates(shop), [shop]);
  const targets = useResource(() => endpoints.ruleTargets(shop), [shop]);
  const changes = useResource(() => endpoints.ruleChanges(shop), [shop, rules.data]);
  const [editing, setEditing] = useState<RuleView | null>(null);
  const [form, setForm] = useState<RuleForm>(EMPTY_FORM);
  const [dry, setDry] = useState<DryRunResultView | null>(null);
  const [saved, setSaved] = useState(false);
  const action = useApiAction();
  const list = rules.data?.rules ?? [];

  const edit = (rule: RuleView | null) => {
    setEditing(rule);
    setForm(rule ? formFromRule(rule) : EMPTY_FORM);
    setDry(null);
    setSaved(false);
  };
  const move = (i: number, by: number) => {
    const ids = list.map((r) => r.id);
    [ids[i], ids[i + by]] = [ids[i + by]!, ids[i]!];
    void action.run(async () => {
      await endpoints.reorderRules(shop, ids);
      rules.reload();
    });
  };
  const set = <K extends keyof RuleForm>(key: K, value: RuleForm[K]) => setForm({ ...form, [key]: value });

  return (
    <>
      <Section title={t('automation.tab.rules')} actions={<button type="button" className="button" onClick={() => edit(null)}>{t('rules.new')}</button>}>
        {rules.error ? <ErrorMessage error={rules.error} /> : null}
        {!rules.data ? <Loading /> : list.length === 0 ? <p className="empty">{t('rules.none')}</p> : null}
        <ol className="rule-list">
          {list.map((rule, i) => (
            <li key={rule.id} className={rule.enabled ? 'rule' : 'rule rule--off'} data-rule-id={rule.id}>
              <button type="button" className="button button--ghost" onClick={() => edit(rule)}>
                {rule.name}
              </button>
              {rule.enabled ? null : <span className="muted small"> {t('rules.off')}</span>}
              <span className="rule__tools">
                <button type="button" className="button button--small" disabled={i === 0 || action.busy} onClick={() => move(i, -1)}>
                  {t('rules.up')}
                </button>
                <button type="button" className="button button--small" disabled={i === list.length - 1 || action.busy} onClick={() => move(i, 1)}>
                  {t('rules.down')}
                </button>
                <button
                  type="button"
                  className="button button--small button--danger-ghost"
                  disabled={action.busy}
                  onClick={() =>
                    void action.run(async () => {
                      await endpoints.deleteRule(shop, rule.id);
                      if (editing?.id === rule.id) edit(null);
                      rules.reload();
                    })
                  }
                >
                  {t('rules.delete')}
                </button>
              </span>
            </li>
          ))}
        </ol>
      </Section>

      <Section title={editing ? t('rules.edit') : t('rules.new')}>
        <form className="form rule-form" onSubmit={(e) => e.preventDefault()}>
          <label className="field">
            <span>{t('rules.name')}</span>
            <input name="name" value={form.name} onChange={(e) => set('name', e.target.value)} />
          </label>
          <label className="check">
            <input type="checkbox" name="enabled" checked={form.enabled} onChange={(e) => set('enabled', e.target.checked)} />
            {t('rules.enabled')}
          </label>
          <label className="check">
            <input type="checkbox" name="stop" checked={form.stop} onChange={(e) => set('stop', e.target.checked)} />
            {t('rules.stop')}
          </label>
          <fieldset className="field">
            <legend>{t('rules.conditions')}</legend>
            <div className="field-row">
              {(['remarks', 'prefectures', 'paymentMethods', 'skus'] as const).map((key) => (
                <label key={key} className="field">
                  <span>{t(`rules.${key}`)}</span>
                  <input name={key} value={form[key]} onChange={(e) => set(key, e.target.value)} />
                </label>
              ))}
            </div>
            <div className="field-row">
              {(['amountMin', 'amountMax', 'quantityMin', 'buyerOrderCountMin'] as const).map((key) => (
                <label key={key} className="field">
                  <span>{t(`rules.${key}`)}</span>
                  <input type="number" min={0} name={key} value={form[key]} onChange={(e) => set(key, e.target.value)} />
                </label>
              ))}
            </div>
            <div className="field-row">
              {FLAGS.map((key) => (
                <label key={key} className="field">
                  <span>{t(`rules.${key}`)}</span>
                  <select name={key} value={form[key]} onChange={(e) => set(key, e.target.value as Flag)}>
                    <option value="any">{t('rules.flag.any')}</option>
                    <option value="yes">{t('rules.flag.yes')}</option>
                    <option value="no">{t('rules.flag.no')}</option>
                  </select>
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset className="field">
            <legend>{t('rules.actions')}</legend>
            <div className="field-row">
              <label className="field">
                <span>{t('rules.action.hold')}</span>
                <input name="holdReason" value={form.holdReason} onChange={(e) => set('holdReason', e.target.value)} />
              </label>
              <label className="field">
                <span>{t('rules.action.workState')}</span>
                <select name="workState" value={form.workState} onChange={(e) => set('workState', e.target.value)}>
                  <option value="">—</option>
                  {(states.data?.states ?? []).map((s) => (
                    <option key={s.code} value={s.code}>
                      {s.label}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <div className="field-row">
              <label className="field">
                <span>{t('rules.action.sendMail')}</span>
                <select name="mailTemplateId" value={form.mailTemplateId} onChange={(e) => set('mailTemplateId', e.target.value)}>
                  <option value="">—</option>
                  {(targets.data?.mailTemplates ?? []).map((tpl) => (
                    <option key={tpl.id} value={String(tpl.id)}>
                      {tpl.name}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                <span>{t('rules.action.shippingMethod')}</span>
                <select name="shippingMethod" value={form.shippingMethod} onChange={(e) => set('shippingMethod', e.target.value)}>
                  <option value="">—</option>
                  {(targets.data?.shippingMethods ?? []).map((m) => (
                    <option key={methodValue(m)} value={methodValue(m)}>
                      {carrierProfileName({ id: m.profileId, name: m.profileName }, lang)}（{t(`rules.service.${m.service}`)}）
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <p className="muted small">{t('rules.action.mailHint')}</p>
            <label className="check">
              <input type="checkbox" name="confirm" checked={form.confirm} onChange={(e) => set('confirm', e.target.checked)} />
              {t('rules.action.confirm')}
            </label>
          </fieldset>
          {action.error ? <ErrorMessage error={action.error} /> : null}
          {saved ? <Notice kind="success">{t('automation.saved')}</Notice> : null}
          <div className="form__actions">
            <button
              type="button"
              className="button"
              name="dryRun"
              disabled={action.busy}
              onClick={() =>
                void action.run(async () => {
                  setDry(await endpoints.dryRun(shop, draftFromForm(form)));
                })
              }
            >
              {t('rules.dryRun')}
            </button>
            <button
              type="button"
              className="button button--primary"
              name="save"
              disabled={action.busy}
              onClick={() =>
                void action.run(async () => {
                  const draft = draftFromForm(form);
                  const rule = editing ? await endpoints.updateRule(shop, editing, draft) : await endpoints.createRule(shop, draft);
                  setEditing(rule);
                  setSaved(true);
                  rules.reload();
                })
              }
            >
              {editing ? t('rules.update') : t('rules.create')}
            </button>
          </div>
        </form>
        {dry ? <DryRun result={dry} /> : null}
      </Section>

      <Section title={t('rules.history')}>
        <ul className="rule-changes small">
          {(changes.data?.changes ?? []).slice(0, 20).map((c) => (
            <li key={c.id}>
              {formatDateTime(c.at)} {c.actor} #{c.ruleId} {c.change}
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
}

function DryRun({ result }: { result: DryRunResultView }) {
  const { t } = useLanguage();
  return (
    <div className="dry-run" aria-live="polite">
      <Notice kind="info">{t('rules.dryRunResult', { scanned: result.scanned, matched: result.matched })}</Notice>
      {result.orders.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th>{t('order.number')}</th>
              <th>{t('rules.wouldDo')}</th>
            </tr>
          </thead>
          <tbody>
            {result.orders.map((o) => (
              <tr key={o.orderNumber}>
                <td>{o.orderNumber}</td>
                <td>{[...o.done, ...o.skipped.map((s) => `× ${s}`)].join(' / ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
