import { endpoints } from '../../api/endpoints.ts';
import { formatDateTime } from '../../app/format.ts';
import { useResource } from '../../app/use-resource.ts';
import { ErrorMessage, Loading, Section } from '../../components/common.tsx';
import { useLanguage } from '../../i18n/language.tsx';

/** The order page's 帳票 box: when its 納品書 was last printed and by whom, how often, and its 検品. */
export function PaperworkPanel({ orderNumber }: { orderNumber: string }) {
  const { t } = useLanguage();
  const states = useResource(() => endpoints.printStates([orderNumber]), [orderNumber]);
  if (states.error) {
    return (
      <Section title={t('settings.paperwork')} id="paperwork">
        <ErrorMessage error={states.error} />
      </Section>
    );
  }
  // Until the answer is in, nothing is claimed: 未印刷 would be a guess.
  if (states.data === null) {
    return (
      <Section title={t('settings.paperwork')} id="paperwork">
        <Loading />
      </Section>
    );
  }
  const state = states.data[orderNumber];
  return (
    <Section title={t('settings.paperwork')} id="paperwork">
      <dl className="facts">
        <dt>{t('filter.printed')}</dt>
        <dd data-testid="printed">
          {state?.printedAt ? t('paperwork.printedAt', { at: formatDateTime(state.printedAt), by: state.printedBy ?? '', count: state.printCount }) : t('filter.printedNo')}
        </dd>
        <dt>{t('filter.packed')}</dt>
        <dd data-testid="packed">{state?.packedAt ? t('paperwork.packedAt', { at: formatDateTime(state.packedAt), by: state.packedBy ?? '' }) : t('filter.packedNo')}</dd>
      </dl>
    </Section>
  );
}
