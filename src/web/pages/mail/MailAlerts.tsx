import { mailEndpoints } from '../../api/mail-endpoints.ts';
import { formatDateTime } from '../../app/format.ts';
import { Link } from '../../app/router.tsx';
import { useResource } from '../../app/use-resource.ts';
import { Section } from '../../components/common.tsx';
import { useLanguage } from '../../i18n/language.tsx';

/** The dashboard's mail box: a relay refusing a shop's login shows here, as an expiring license key does. */
export function MailAlerts() {
  const { t } = useLanguage();
  const alerts = useResource(() => mailEndpoints.alerts(), []);
  if (!alerts.data) return null;
  return (
    <Section title={t('mail.alerts.title')} id="mail-alerts">
      {alerts.data.alerts.length === 0 ? (
        <p className="muted">{t('mail.alerts.ok')}</p>
      ) : (
        <ul className="list">
          {alerts.data.alerts.map((a) => (
            <li key={a.shopCode} className="list__item list__item--error mail-alert">
              {t('mail.alerts.refused', { shop: a.shopCode })}
              <div className="rms-message">{a.response}</div>
              <div className="muted small">
                {formatDateTime(a.at)} · <Link to="/settings/mail">{t('settings.mail')}</Link>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
