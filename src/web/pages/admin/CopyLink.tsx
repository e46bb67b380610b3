import { useState } from 'react';
import { useLanguage } from '../../i18n/language.tsx';

/** A secret to hand over (a one-time link, a new API token): shown in full, with a copy button. */
export function CopyText({ text, testId }: { text: string; testId: string }) {
  const { t } = useLanguage();
  const [copied, setCopied] = useState(false);
  return (
    <div className="copy-text">
      <input readOnly value={text} data-testid={testId} onFocus={(e) => e.target.select()} />
      <button
        type="button"
        className="button"
        onClick={() =>
          void navigator.clipboard?.writeText(text).then(
            () => setCopied(true),
            // Without clipboard access (plain http on another host) the field is selected for copying by hand.
            () => setCopied(false),
          )
        }
      >
        {copied ? t('admin.copied') : t('admin.copy')}
      </button>
    </div>
  );
}
