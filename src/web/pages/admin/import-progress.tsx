import { useEffect, useState } from 'react';
import type { ImportProgress } from '../../../server/api/admin-schemas.ts';
import { adminEndpoints } from '../../api/admin-endpoints.ts';
import { useLanguage } from '../../i18n/language.tsx';

/** How often a running import is read again. */
const POLL_MS = 1_000;

/**
 * The first import's progress, read from the server (where it is counted), so it is the same
 * after a reload or in `juchu shop status`; polled until it has finished.
 */
export function FirstImport({ shopCode, initial }: { shopCode: string; initial: ImportProgress | null }) {
  const { t } = useLanguage();
  const [progress, setProgress] = useState(initial);
  useEffect(() => {
    if (progress?.state === 'finished' || progress === null) return;
    const timer = setTimeout(() => {
      adminEndpoints.importProgress(shopCode).then(
        (r) => setProgress(r.firstImport),
        // A failed poll is tried again at the next tick.
        () => setProgress((p) => (p ? { ...p } : p)),
      );
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [progress, shopCode]);
  if (!progress) return null;

  const duration = (seconds: number) =>
    seconds < 60 ? t('import.seconds', { s: seconds }) : t('import.minutes', { m: Math.floor(seconds / 60), s: seconds % 60 });
  const percent = progress.found === 0 ? (progress.state === 'finished' ? 100 : 0) : Math.min(100, Math.round((progress.imported / progress.found) * 100));
  const state =
    progress.state === 'stalled' ? t('import.stalled', { error: progress.error ?? '' }) : progress.state === 'waiting' ? t('import.waiting') : t(`import.${progress.state}`);
  return (
    <div className="first-import" data-state={progress.state} aria-live="polite">
      <div className="first-import__head">
        <strong>{t('import.title')}</strong>: <span className="first-import__state">{state}</span>
      </div>
      <progress max={100} value={percent} aria-label={t('import.title')} />
      <div className="small">
        <span className="first-import__counts">{t('import.counts', { found: progress.found, imported: progress.imported })}</span>
        {' · '}
        {t('import.elapsed', { time: duration(progress.elapsedSeconds) })}
        {progress.state !== 'finished' && progress.remainingSeconds !== null ? <> · {t('import.remaining', { time: duration(progress.remainingSeconds) })}</> : null}
      </div>
    </div>
  );
}
