import type { Database } from '../../store/database.ts';
import { ShopRepository } from '../../store/shop-repository.ts';
import { DEFAULT_PAPERWORK_SETTINGS } from './sources.ts';
import type { PaperworkSources } from './sources.ts';

/** Paperwork's view of the shop profile, settings and shipment keys, read from the store. */
export function storeSources(db: Database): PaperworkSources {
  return {
    async issuer(shopCode) {
      const shop = await new ShopRepository(db.kysely).get(shopCode);
      return {
        issuer: { name: shop?.shop.name ?? shopCode, zipCode: '', address: '', phone: '', logo: null, invoiceNumber: null },
        missing: ['address', 'phone', 'logo', 'invoiceNumber'],
      };
    },
    settings: async () => DEFAULT_PAPERWORK_SETTINGS,
    shipmentKeys: async () => new Map(),
    findShipmentKey: async () => null,
  };
}
