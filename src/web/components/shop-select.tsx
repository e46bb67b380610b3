import type { ShopView } from '../api/types.ts';
import { useLanguage } from '../i18n/language.tsx';

export function ShopSelect({ shops, value, onChange }: { shops: readonly ShopView[]; value: string; onChange: (code: string) => void }) {
  const { t } = useLanguage();
  return (
    <label className="field field--inline">
      <span>{t('filter.shop')}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('filter.allShops')}</option>
        {shops.map((shop) => (
          <option key={shop.code} value={shop.code}>
            {shop.name} ({shop.code})
          </option>
        ))}
      </select>
    </label>
  );
}
