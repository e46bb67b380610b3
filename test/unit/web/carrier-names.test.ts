import { describe, expect, it } from 'vitest';
import { CARRIERS } from '../../../src/domain/carriers.ts';
import { DEFAULT_CARRIER_PROFILES } from '../../../src/domain/shipping/default-profiles.ts';
import { CARRIER_PROFILE_IDS } from '../../../src/domain/shipping/profile.ts';
import { CARRIER_PROFILES_EN, DELIVERY_COMPANIES_EN, carrierProfileName, deliveryCompanyName } from '../../../src/web/i18n/messages/carriers.ts';

describe('carrier names in the UI’s language', () => {
  it('has an English name for every delivery company the domain knows, and none for codes it does not', () => {
    expect(Object.keys(DELIVERY_COMPANIES_EN).sort()).toEqual(CARRIERS.map((c) => c.code).sort());
    for (const { code } of CARRIERS) expect(deliveryCompanyName(code, 'en')).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it('names delivery companies in Japanese by default and in English in the English UI', () => {
    expect(deliveryCompanyName('1001', 'ja')).toBe('ヤマト運輸');
    expect(deliveryCompanyName('1001', 'en')).toBe('Yamato Transport');
    expect(deliveryCompanyName('1003', 'en')).toBe('Japan Post');
    expect(deliveryCompanyName('9999', 'en')).toBe('9999');
  });

  it('has an English name for every carrier profile; the Japanese name is the profile’s own', () => {
    expect(Object.keys(CARRIER_PROFILES_EN).sort()).toEqual([...CARRIER_PROFILE_IDS].sort());
    for (const id of CARRIER_PROFILE_IDS) {
      const profile = DEFAULT_CARRIER_PROFILES[id];
      expect(carrierProfileName(profile, 'ja')).toBe(profile.name);
      expect(carrierProfileName(profile, 'en')).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
    expect(carrierProfileName({ id: 'sagawa-ehiden', name: '佐川（当店用）' }, 'ja')).toBe('佐川（当店用）');
  });
});
