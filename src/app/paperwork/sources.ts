import type { PaperSize } from './render/paper.ts';
import type { SlipIssuer } from './render/slip-pdf.ts';

/** The shop's paperwork settings (設定 → 帳票). */
export interface PaperworkSettings {
  readonly paper: PaperSize;
  /** A gift to someone other than the orderer prints without prices. */
  readonly hidePricesOnGift: boolean;
  /** The shop's own words under the slip's totals. */
  readonly slipNote: string;
}

export const DEFAULT_PAPERWORK_SETTINGS: PaperworkSettings = {
  paper: 'A4',
  hidePricesOnGift: true,
  slipNote: 'このたびはご注文いただき、誠にありがとうございました。',
};

export interface IssuerProfile {
  readonly issuer: Omit<SlipIssuer, 'note'>;
  /** Profile fields left empty: the slip prints without them, and the UI names them. */
  readonly missing: readonly ('name' | 'address' | 'phone' | 'logo' | 'invoiceNumber')[];
}

export interface ParcelRef {
  readonly orderNumber: string;
  readonly basketId: number;
}

/** What paperwork reads from elsewhere in juchu: the shop profile, its settings, the shipment keys. */
export interface PaperworkSources {
  issuer(shopCode: string): Promise<IssuerProfile>;
  settings(shopCode: string): Promise<PaperworkSettings>;
  /** The key of each parcel, assigned on first need; keyed `orderNumber#basketId`. */
  shipmentKeys(parcels: readonly ParcelRef[]): Promise<Map<string, string>>;
  findShipmentKey(key: string): Promise<ParcelRef | null>;
}
