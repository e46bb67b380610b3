import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isShipmentKey, normaliseShipmentKey, SHIPMENT_KEY_LENGTH, shipmentKeyFromBytes } from '../../../src/domain/shipping/shipment-key.ts';
import { emptyProfile, isPhoneNumber, missingProfileFields, senderOf } from '../../../src/domain/shop-profile.ts';

describe('shop profile', () => {
  it('takes each empty sender field from the issuer block, and the shop name last', () => {
    const profile = { ...emptyProfile(), postalCode: '150-0001', address1: '東京都渋谷区', phone: '0312345678', sender: { ...emptyProfile().sender, phone: '09012345678' } };
    expect(senderOf(profile, 'テスト店')).toEqual({ name: 'テスト店', postalCode: '150-0001', address1: '東京都渋谷区', address2: '', phone: '09012345678' });
  });

  it('names what a slip or a label would miss, never refusing', () => {
    expect(missingProfileFields(emptyProfile(), 'slip', 'x')).toEqual(['postalCode', 'address1', 'phone']);
    const full = { ...emptyProfile(), postalCode: '1500001', address1: 'a', phone: '0312345678' };
    expect(missingProfileFields(full, 'slip', 'x')).toEqual([]);
    expect(missingProfileFields(full, 'label', 'x')).toEqual([]);
  });

  it('accepts Japanese phone numbers of 10 or 11 digits only', () => {
    expect(isPhoneNumber('03-1234-5678')).toBe(true);
    expect(isPhoneNumber('090-1234-5678')).toBe(true);
    expect(isPhoneNumber('(03)1234-5678')).toBe(true);
    expect(isPhoneNumber('12-34')).toBe(false);
    expect(isPhoneNumber('03-1234-567x')).toBe(false);
  });
});

describe('shipment key', () => {
  it('is 13 letters and digits within ゆうプリR’s 15, and reads back through the look-alikes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 12, maxLength: 12 }), (bytes) => {
        const key = shipmentKeyFromBytes(bytes);
        expect(key).toHaveLength(SHIPMENT_KEY_LENGTH);
        expect(key.length).toBeLessThanOrEqual(15);
        expect(key).toMatch(/^[A-Z0-9]+$/);
        expect(isShipmentKey(key)).toBe(true);
        expect(normaliseShipmentKey(` ${key.toLowerCase().replace(/1/g, 'l').replace(/0/g, 'o')} `)).toBe(key);
      }),
    );
    expect(() => shipmentKeyFromBytes(new Uint8Array(3))).toThrow(RangeError);
    expect(normaliseShipmentKey('J12345')).toBeNull();
  });
});
