/**
 * The sandbox shop's catalogue. Food is taxed at 8%, everything else at 10%; a few items are
 * priced tax-excluded (includeTaxFlag 0) and some are 送料別 (includePostageFlag 0).
 */
export interface CatalogSku {
  readonly variantId: string;
  readonly merchantDefinedSkuId: string | null;
  readonly skuInfo: string | null;
}

export interface CatalogItem {
  readonly itemId: number;
  readonly itemName: string;
  readonly manageNumber: string;
  readonly price: number;
  readonly taxRate: 0.08 | 0.1;
  readonly includeTaxFlag: 0 | 1;
  readonly includePostageFlag: 0 | 1;
  readonly delvdateInfo: string;
  readonly selectedChoice: string | null;
  readonly skus: readonly CatalogSku[];
}

const single = (id: string, merchant: string | null = null): CatalogSku[] => [{ variantId: id, merchantDefinedSkuId: merchant, skuInfo: null }];
const multi = (base: string, label: string, options: readonly string[]): CatalogSku[] =>
  options.map((option, i) => ({ variantId: `${base}-${i + 1}`, merchantDefinedSkuId: `${base.toUpperCase()}-${i + 1}`, skuInfo: `${label}:${option}` }));

export const CATALOG: readonly CatalogItem[] = [
  { itemId: 10000101, itemName: '自家焙煎コーヒー豆 深煎りブレンド 200g', manageNumber: 'bean-dk-200', price: 1490, taxRate: 0.08, includeTaxFlag: 1, includePostageFlag: 1, delvdateInfo: '焙煎後3営業日以内に発送', selectedChoice: null, skus: single('bean-dk-200') },
  { itemId: 10000102, itemName: 'ドリップバッグ 10g×30袋 アソート', manageNumber: 'drip-30', price: 2980, taxRate: 0.08, includeTaxFlag: 1, includePostageFlag: 1, delvdateInfo: '1～2営業日以内に発送', selectedChoice: null, skus: single('drip-30', 'DRIP30') },
  { itemId: 10000103, itemName: '国産はちみつ れんげ 500g', manageNumber: 'honey-500', price: 2400, taxRate: 0.08, includeTaxFlag: 0, includePostageFlag: 0, delvdateInfo: '2～5日以内に発送', selectedChoice: null, skus: single('honey-500') },
  { itemId: 10000104, itemName: '煎茶 八女茶 100g×3本', manageNumber: 'sencha-3', price: 3240, taxRate: 0.08, includeTaxFlag: 1, includePostageFlag: 1, delvdateInfo: '1～2営業日以内に発送', selectedChoice: 'のし:不要', skus: single('sencha-3') },
  { itemId: 10000105, itemName: '手焼き醤油せんべい 24枚入', manageNumber: 'senbei-24', price: 1296, taxRate: 0.08, includeTaxFlag: 1, includePostageFlag: 0, delvdateInfo: '3～4営業日以内に発送', selectedChoice: null, skus: single('senbei-24') },
  { itemId: 10000106, itemName: '有機栽培 玄米 5kg 令和7年産', manageNumber: 'rice-5kg', price: 4380, taxRate: 0.08, includeTaxFlag: 1, includePostageFlag: 0, delvdateInfo: '精米後2営業日以内に発送', selectedChoice: '精米:玄米のまま', skus: single('rice-5kg', 'RICE5') },
  { itemId: 10000107, itemName: 'フルーツゼリー詰め合わせ 12個', manageNumber: 'jelly-12', price: 3000, taxRate: 0.08, includeTaxFlag: 0, includePostageFlag: 1, delvdateInfo: '1～3営業日以内に発送', selectedChoice: 'ギフト包装:希望する', skus: single('jelly-12') },
  { itemId: 10000201, itemName: '細口ドリップケトル 0.9L ステンレス 直火・IH対応', manageNumber: 'kt-090', price: 5280, taxRate: 0.1, includeTaxFlag: 1, includePostageFlag: 0, delvdateInfo: '1～2営業日以内に発送', selectedChoice: null, skus: multi('kt-090', 'カラー', ['シルバー', 'ブラック', 'カッパー']) },
  { itemId: 10000202, itemName: '今治タオル フェイスタオル 3枚セット', manageNumber: 'towel-f3', price: 2750, taxRate: 0.1, includeTaxFlag: 1, includePostageFlag: 1, delvdateInfo: '1～2営業日以内に発送', selectedChoice: null, skus: multi('towel-f3', 'カラー', ['ホワイト', 'グレー', 'ネイビー']) },
  { itemId: 10000203, itemName: '美濃焼 マグカップ 350ml', manageNumber: 'mug-350', price: 1980, taxRate: 0.1, includeTaxFlag: 1, includePostageFlag: 0, delvdateInfo: '3～5営業日以内に発送', selectedChoice: null, skus: multi('mug-350', '色', ['白磁', '黒釉', '青磁']) },
  { itemId: 10000204, itemName: 'ステンレス 保温ボトル 500ml', manageNumber: 'bottle-500', price: 3300, taxRate: 0.1, includeTaxFlag: 0, includePostageFlag: 1, delvdateInfo: '1～2営業日以内に発送', selectedChoice: null, skus: multi('bottle-500', 'カラー', ['マットブラック', 'サンドベージュ']) },
  { itemId: 10000205, itemName: 'リネン エプロン 男女兼用', manageNumber: 'apron-ln', price: 4620, taxRate: 0.1, includeTaxFlag: 1, includePostageFlag: 1, delvdateInfo: '2～4営業日以内に発送', selectedChoice: '名入れ:なし', skus: multi('apron-ln', 'サイズ', ['M', 'L']) },
  { itemId: 10000206, itemName: '木製 カッティングボード 檜 L', manageNumber: 'board-l', price: 3850, taxRate: 0.1, includeTaxFlag: 1, includePostageFlag: 0, delvdateInfo: '5～7営業日以内に発送', selectedChoice: null, skus: single('board-l', 'BOARDL') },
  { itemId: 10000207, itemName: 'アロマディフューザー 超音波式', manageNumber: 'aroma-df', price: 6980, taxRate: 0.1, includeTaxFlag: 1, includePostageFlag: 1, delvdateInfo: '1～2営業日以内に発送', selectedChoice: null, skus: single('aroma-df') },
  { itemId: 10000208, itemName: '帆布 トートバッグ 大', manageNumber: 'tote-l', price: 4500, taxRate: 0.1, includeTaxFlag: 0, includePostageFlag: 1, delvdateInfo: '2～3営業日以内に発送', selectedChoice: null, skus: multi('tote-l', 'カラー', ['生成り', 'ネイビー', 'オリーブ']) },
];
