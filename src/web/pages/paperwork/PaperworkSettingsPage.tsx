import { useState, type ChangeEvent } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import { useApiAction, useResource } from '../../app/use-resource.ts';
import { ErrorMessage, Notice } from '../../components/common.tsx';
import { useLanguage } from '../../i18n/language.tsx';
import { SettingsForm, TextField } from '../settings/settings-form.tsx';
import type { SettingsFormBody } from '../settings/settings-form.tsx';

/** Bytes the browser reads as the product CSV; the API's body limit is 256 KB of JSON. */

/** 設定 → 帳票: paper, gift prices, the slip's words; and the product table (locations, JAN). */
export function PaperworkSettingsPage({ shopCode }: { shopCode: string; shopName: string }) {
  return (
    <>
      <SettingsForm shop={shopCode} concern="paperwork">
        {(body) => <PaperworkFields {...body} />}
      </SettingsForm>
      <ProductUpload shop={shopCode} />
    </>
  );
}

function PaperworkFields({ draft, set }: SettingsFormBody) {
  const { t } = useLanguage();
  return (
    <>
      <p className="muted">{t('paperwork.intro')}</p>
      <label className="field">
        <span>{t('paperwork.paper')}</span>
        <select name="paper" value={String(draft.paper ?? 'A4')} onChange={(e) => set('paper', e.target.value)}>
          <option value="A4">A4</option>
          <option value="A5">A5</option>
        </select>
      </label>
      <label className="field field--check">
        <input type="checkbox" name="hidePricesOnGift" checked={draft.hidePricesOnGift === true} onChange={(e) => set('hidePricesOnGift', e.target.checked)} />
        <span>{t('paperwork.hidePricesOnGift')}</span>
      </label>
      <TextField name="slipNote" label={t('paperwork.slipNote')} value={String(draft.slipNote ?? '')} onChange={(v) => set('slipNote', v)} />
    </>
  );
}

function ProductUpload({ shop }: { shop: string }) {
  const { t } = useLanguage();
  const status = useResource(() => endpoints.paperworkStatus(shop), [shop]);
  const { busy, error, run } = useApiAction();
  const [stored, setStored] = useState<number | null>(null);

  function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    void run(async () => {
      // The server reads the file as it arrives: its encoding (UTF-8 or Shift_JIS), size and rows are checked there.
      const result = await endpoints.uploadProducts(shop, file);
      setStored(result.rows);
      status.reload();
    });
  }

  return (
    <section className="card">
      <header className="card__header">
        <h2>{t('paperwork.products')}</h2>
      </header>
      <div className="card__body">
        <p className="muted small">{t('paperwork.productsHint')}</p>
        {status.data ? <p>{t('paperwork.productsRows', { count: status.data.productRows })}</p> : null}
        <label className="field">
          <span>{t('paperwork.productsUpload')}</span>
          <input type="file" name="products" accept=".csv,text/csv" disabled={busy} onChange={onFile} />
        </label>
        {stored !== null ? <Notice kind="success">{t('paperwork.productsUploaded', { count: stored })}</Notice> : null}
        {error ? <ErrorMessage error={error} /> : null}
      </div>
    </section>
  );
}
