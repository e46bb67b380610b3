/**
 * A carrier profile: how one carrier's label software reads juchu's CSV and how its
 * issued-data file comes back. Layouts are DATA, versioned, because what we know of them is
 * second-hand (docs/SHIPPING.md lists the uncertain columns): a shop's admin can adjust a
 * copy of the defaults in the settings, and every export names the profile version it used.
 */
export const CARRIER_PROFILE_IDS = ['yamato-b2', 'sagawa-ehiden', 'japanpost-yupri', 'japanpost-clickpost'] as const;
export type CarrierProfileId = (typeof CARRIER_PROFILE_IDS)[number];

export function isCarrierProfileId(value: string): value is CarrierProfileId {
  return (CARRIER_PROFILE_IDS as readonly string[]).includes(value);
}

/** What juchu can put in a column. Columns without a field stay empty. */
export const LABEL_FIELDS = [
  'shipmentKey',
  'orderNumber',
  'service',
  'cool',
  'payment',
  'shipDate',
  'deliveryDate',
  'timeSlot',
  'recipientPhone',
  'recipientZip',
  'recipientAddress1',
  'recipientAddress2',
  'recipientAddress3',
  'recipientAddress4',
  'recipientName',
  /** Half-width katakana (B2 お届け先名(ｶﾅ)): the 送付先's kana name, converted. */
  'recipientNameKana',
  'recipientHonorific',
  'senderPhone',
  'senderZip',
  'senderAddress1',
  'senderAddress2',
  'senderName',
  'itemName',
  'codAmount',
  'codTax',
  'parcelCount',
  'billingCustomerCode',
  'freightNumber',
  'carrierCustomerCode',
  'trackingNumber',
] as const;
export type LabelField = (typeof LABEL_FIELDS)[number];

export interface LabelColumn {
  readonly heading: string;
  readonly field?: LabelField;
  /** Widest value the carrier takes, in CP932 bytes (a full-width character counts 2). */
  readonly width?: number;
  /** The carrier refuses the row when it is empty. */
  readonly required?: boolean;
}

/** What kind of parcel: the carrier's 送り状種類 / 便種 / 郵便種別 per kind. */
export const SERVICE_KINDS = ['standard', 'cod', 'compact', 'mailbox'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

export const COOL_CLASSES = ['none', 'chilled', 'frozen'] as const;
export type CoolClass = (typeof COOL_CLASSES)[number];

export interface TrackingLayout {
  /** Headings of the issued-data file: the key juchu exported, the tracking number, the ship date. */
  readonly keyHeading: string;
  readonly numberHeading: string;
  readonly dateHeading: string | null;
}

export type DateFormat = 'YYYY/MM/DD' | 'YYYYMMDD';

export interface CarrierProfile {
  readonly id: CarrierProfileId;
  /** Raised whenever the data below changes, by us or by the shop's admin. */
  readonly version: number;
  readonly name: string;
  /** RMS deliveryCompany reported for this carrier's parcels, and for particular services if they differ. */
  readonly rmsCarrierCode: string;
  readonly rmsCarrierCodeByService: Partial<Record<ServiceKind, string>>;
  readonly headingRow: boolean;
  /** B2クラウド takes only JIS X 0208 (level 1/2) kanji; the others CP932 as a whole. */
  readonly jisX0208Only: boolean;
  readonly dateFormat: DateFormat;
  readonly columns: readonly LabelColumn[];
  /** Codes per service kind; a kind without a code cannot be shipped with this carrier. */
  readonly services: Partial<Record<ServiceKind, string>>;
  readonly cool: Partial<Record<CoolClass, string>>;
  /** 元払 / 代引 codes for layouts with a payment column. */
  readonly payment: { readonly prepaid: string; readonly cod: string } | null;
  /** RMS shippingTerm (as text, e.g. "1416", "1" 午前) → the carrier's time-slot code. */
  readonly timeSlots: Readonly<Record<string, string>>;
  /** Null when the carrier has no issued-data file (クリックポスト: numbers come back through the simple CSV). */
  readonly tracking: TrackingLayout | null;
}
