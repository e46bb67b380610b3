import { findCarrier } from '../../../domain/carriers.ts';
import type { CarrierProfileId } from '../../../domain/shipping/profile.ts';
import type { Lang } from '../language.tsx';

/**
 * Carrier names in the English UI, by RMS delivery company code and by carrier profile. The Japanese names are the domain's own (RMS's 配送会社 in
 * domain/carriers.ts, the label software in the carrier profiles) and stay the default; a carrier
 * the domain adds needs its English name here (test/unit/web/carrier-names.test.ts checks every
 * code).
 */
export const DELIVERY_COMPANIES_EN: Readonly<Record<string, string>> = {
  '1000': 'Other',
  '1001': 'Yamato Transport',
  '1002': 'Sagawa Express',
  '1003': 'Japan Post',
  '1004': 'Seino Transportation',
  '1005': 'Seino Super Express',
  '1006': 'Fukuyama Transporting',
  '1007': 'Meitetsu Transportation',
  '1008': 'Tonami Transportation',
  '1009': 'Daiichi Freight System',
  '1010': 'Niigata Unyu',
  '1011': 'Chuetsu Unso',
  '1012': 'Okayamaken Freight Transportation',
  '1013': 'Kurume Transportation',
  '1014': 'Sanyo Jidosha Unso',
  '1015': 'NX Transport',
  '1016': 'Ecohai',
  '1017': 'EMS',
  '1018': 'DHL',
  '1019': 'FedEx',
  '1020': 'UPS',
  '1021': 'Nippon Express',
  '1022': 'TNT',
  '1023': 'OCS',
  '1024': 'USPS',
  '1025': 'SF Express',
  '1026': 'Aramex',
  '1027': 'SGH Global Japan',
  '1028': 'Rakuten EXPRESS',
  '1029': 'Japan Post (Rakuten warehouse shipping)',
  '1030': 'Yamato Transport Kuroneko Yu-Packet',
  '1031': 'Meitetsu NX Transport',
};

export const CARRIER_PROFILES_EN: Readonly<Record<CarrierProfileId, string>> = {
  'yamato-b2': 'Yamato Transport B2 Cloud',
  'sagawa-ehiden': 'Sagawa Express e-Hiden II/III',
  'japanpost-yupri': 'Japan Post Yu-Pri R',
  'japanpost-clickpost': 'Japan Post Click Post',
};

/** An RMS delivery company's name by its code; a code the domain does not know is shown as it is. */
export function deliveryCompanyName(code: string, lang: Lang): string {
  const carrier = findCarrier(code);
  if (!carrier) return code;
  return lang === 'en' ? (DELIVERY_COMPANIES_EN[code] ?? carrier.name) : carrier.name;
}

/** A carrier profile's name: its own (Japanese, as the shop may have adjusted it), or the English one. */
export function carrierProfileName(profile: { readonly id: CarrierProfileId; readonly name: string }, lang: Lang): string {
  return lang === 'en' ? CARRIER_PROFILES_EN[profile.id] : profile.name;
}

