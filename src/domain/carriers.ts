/**
 * 配送会社: the carriers RMS knows, by their RMS code (a string on the wire, e.g. "1001").
 *
 * `hasTracking` says whether the carrier issues tracking numbers. 楽天ペイ makes the shipping
 * report mandatory and, for carriers with tracking, the tracking number too; only その他 (1000)
 * may be reported without one.
 */
export interface Carrier {
  readonly code: string;
  readonly name: string;
  readonly hasTracking: boolean;
}

const table: ReadonlyArray<readonly [code: string, name: string, hasTracking: boolean]> = [
  ['1000', 'その他', false],
  ['1001', 'ヤマト運輸', true],
  ['1002', '佐川急便', true],
  ['1003', '日本郵便', true],
  ['1004', '西濃運輸', true],
  ['1005', 'セイノースーパーエクスプレス', true],
  ['1006', '福山通運', true],
  ['1007', '名鉄運輸', true],
  ['1008', 'トナミ運輸', true],
  ['1009', '第一貨物', true],
  ['1010', '新潟運輸', true],
  ['1011', '中越運送', true],
  ['1012', '岡山県貨物運送', true],
  ['1013', '久留米運送', true],
  ['1014', '山陽自動車運送', true],
  ['1015', 'NXトランスポート', true],
  ['1016', 'エコ配', true],
  ['1017', 'EMS', true],
  ['1018', 'DHL', true],
  ['1019', 'FedEx', true],
  ['1020', 'UPS', true],
  ['1021', '日本通運', true],
  ['1022', 'TNT', true],
  ['1023', 'OCS', true],
  ['1024', 'USPS', true],
  ['1025', 'SFエクスプレス', true],
  ['1026', 'Aramex', true],
  ['1027', 'SGHグローバル・ジャパン', true],
  ['1028', 'Rakuten EXPRESS', true],
  ['1029', '日本郵便 楽天倉庫出荷', true],
  ['1030', 'ヤマト運輸 クロネコゆうパケット', true],
  ['1031', '名鉄NX運輸', true],
];

export const CARRIERS: readonly Carrier[] = table.map(([code, name, hasTracking]) => ({ code, name, hasTracking }));

const byCode = new Map(CARRIERS.map((c) => [c.code, c]));

export function findCarrier(code: string): Carrier | undefined {
  return byCode.get(code);
}

/** RMS limit on a tracking number, counted in characters whatever their width. */
export const MAX_TRACKING_NUMBER_LENGTH = 120;

/** RMS limit on shipping rows per package (basket). */
export const MAX_SHIPMENTS_PER_PACKAGE = 20;
