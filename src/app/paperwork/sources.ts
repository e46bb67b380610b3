import { randomBytes } from 'node:crypto';
import { missingProfileFields } from '../../domain/shop-profile.ts';
import type { Store } from '../../store/store.ts';
import type { ShipmentKeyRepository } from '../../store/shipping/shipment-key-repository.ts';
import type { Clock } from '../../ports/clock.ts';
import { profileConcern } from '../settings/profile-concern.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import { paperworkConcern } from './paperwork-concern.ts';
import type { PaperworkSettings } from './paperwork-concern.ts';
import type { SlipIssuer } from './render/slip-pdf.ts';

export interface IssuerProfile {
  readonly issuer: Omit<SlipIssuer, 'note'>;
  /** Profile fields a slip would print but are empty: it prints without them, and the UI names them. */
  readonly missing: readonly string[];
}

export interface ParcelRef {
  readonly shopCode: string;
  readonly orderNumber: string;
  readonly basketId: number;
}

/** What paperwork reads from the rest of juchu: the shop profile, the paperwork settings, the shipment keys. */
export class PaperworkSources {
  constructor(private readonly deps: { readonly store: Store; readonly clock: Clock; readonly settings: SettingsService }) {}

  async issuer(shopCode: string): Promise<IssuerProfile> {
    const [profile, shop] = await Promise.all([this.deps.settings.read(shopCode, profileConcern), this.deps.store.shops.get(shopCode)]);
    const shopName = shop?.shop.name ?? shopCode;
    return {
      issuer: {
        name: profile.displayName || shopName,
        zipCode: profile.postalCode,
        address: [profile.address1, profile.address2].filter((s) => s).join(' '),
        phone: profile.phone,
        logo: logoBytes(profile.logo),
        invoiceNumber: profile.invoiceRegistrationNumber || null,
      },
      missing: missingProfileFields(profile, 'slip', shopName),
    };
  }

  settings(shopCode: string): Promise<PaperworkSettings> {
    return this.deps.settings.read(shopCode, paperworkConcern);
  }

  /** Each parcel's shipment key, given on first need and kept; keyed `orderNumber#basketId`. */
  shipmentKeys(parcels: readonly ParcelRef[]): Promise<Map<string, string>> {
    return this.keys().ensure(parcels);
  }

  findShipmentKey(key: string): Promise<ParcelRef | null> {
    return this.keys().find(key);
  }

  private keys(): ShipmentKeyRepository {
    return this.deps.store.shipmentKeys((n) => randomBytes(n), () => this.deps.clock.now());
  }
}

/** The logo's bytes from its data URL (validated PNG or JPEG where it is saved). */
function logoBytes(dataUrl: string): Buffer | null {
  const comma = dataUrl.indexOf(',');
  return dataUrl.startsWith('data:image/') && comma > 0 ? Buffer.from(dataUrl.slice(comma + 1), 'base64') : null;
}
