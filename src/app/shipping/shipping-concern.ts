import { z } from 'zod';
import { CARRIER_PROFILE_IDS, COOL_CLASSES, LABEL_FIELDS, SERVICE_KINDS } from '../../domain/shipping/index.ts';
import type { CarrierProfile, CarrierProfileId, ShippingMethodSettings } from '../../domain/shipping/index.ts';
import { defineConcern } from '../settings/concern.ts';
import { DEFAULT_SHIPPING_SETTINGS } from './settings.ts';
import type { ShippingSettings } from './settings.ts';

/**
 * The shop's shipping settings page (設定 → 出荷): carrier contract numbers, the default 品名,
 * rules from RMS's delivery fields to a shipping method, and adjusted copies of carrier
 * profiles. Admin only: a wrong column layout or contract number breaks every label.
 */
const code = (max: number) => z.string().trim().max(max);
const profileId = z.enum(CARRIER_PROFILE_IDS);

const ruleSchema = z.strictObject({
  deliveryName: z.string().trim().min(1).max(192).optional(),
  deliveryCompany: z.string().regex(/^\d{4}$/).optional(),
  deliveryClass: z.number().int().min(0).max(8).optional(),
  profileId: profileId.optional(),
  service: z.enum(['standard', 'compact', 'mailbox']).optional(),
});

const columnSchema = z.strictObject({
  heading: z.string().max(100),
  field: z.enum(LABEL_FIELDS).optional(),
  width: z.number().int().min(1).max(1000).optional(),
  required: z.boolean().optional(),
});

const codes = <K extends string>(keys: readonly K[]) => z.partialRecord(z.enum(keys as [K, ...K[]]), z.string().max(10));

export const carrierProfileSchema = z.strictObject({
  id: profileId,
  version: z.number().int().min(1),
  name: z.string().max(100),
  rmsCarrierCode: z.string().regex(/^\d{4}$/),
  rmsCarrierCodeByService: codes(SERVICE_KINDS),
  headingRow: z.boolean(),
  jisX0208Only: z.boolean(),
  dateFormat: z.enum(['YYYY/MM/DD', 'YYYYMMDD']),
  columns: z.array(columnSchema).min(1).max(300),
  services: codes(SERVICE_KINDS),
  cool: codes(COOL_CLASSES),
  payment: z.strictObject({ prepaid: z.string().max(10), cod: z.string().max(10) }).nullable(),
  timeSlots: z.record(z.string().regex(/^\d{1,4}$/), z.string().max(10)),
  tracking: z.strictObject({ keyHeading: z.string().max(100), numberHeading: z.string().max(100), dateHeading: z.string().max(100).nullable() }).nullable(),
});

const shippingSchema = z.strictObject({
  contract: z.strictObject({
    billingCustomerCode: code(12).refine((v) => v === '' || /^\d{10,12}$/.test(v), 'B2 請求先顧客コード: 10–12 digits'),
    freightNumber: code(2).refine((v) => v === '' || /^\d{2}$/.test(v), 'B2 運賃管理番号: 2 digits'),
    carrierCustomerCode: code(12).refine((v) => v === '' || /^\d{1,12}$/.test(v), 'e飛伝 お客様コード: up to 12 digits'),
  }),
  itemName: z.string().trim().min(1).max(50),
  methods: z.strictObject({ rules: z.array(ruleSchema).max(100), defaultProfileId: profileId }),
  profiles: z.partialRecord(profileId, carrierProfileSchema).refine(
    (profiles) => Object.entries(profiles).every(([id, p]) => p === undefined || p.id === id),
    'each adjusted profile is stored under its own id',
  ),
});

export const shippingConcern = defineConcern({
  id: 'shipping',
  schema: shippingSchema,
  defaults: () => structuredClone(DEFAULT_SHIPPING_SETTINGS) as z.output<typeof shippingSchema>,
  editors: 'admin',
});

/** The stored document in domain types (the schema has checked its shape). */
export function shippingSettingsOf(document: z.output<typeof shippingSchema>): ShippingSettings {
  return {
    contract: document.contract,
    itemName: document.itemName,
    methods: document.methods as ShippingMethodSettings,
    profiles: document.profiles as Partial<Record<CarrierProfileId, CarrierProfile>>,
  };
}
