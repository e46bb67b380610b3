/**
 * The shipment key names one 送付先 (an order's package, `basketId`) across everything that
 * leaves juchu for it: the key column of carrier label data, the barcode on its 納品書, and the
 * tracking file that comes back. It must fit the narrowest carrier key column (ゆうプリR takes
 * 15 letters and digits), be typed by hand now and then, and never change once given.
 *
 * It is random, not derived from the order number: an RMS order number (`shopId-yyyymmdd-
 * sequence`) does not fit in 15 characters with its basket id, and a hash of it could collide.
 * The store gives each 送付先 its key once and keeps it (unique), so a re-export repeats it.
 */
export const SHIPMENT_KEY_PREFIX = 'J';

/** Crockford's base 32: no I, L, O or U, so a key read aloud or typed is not misread. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 12 random characters = 60 bits: collisions are refused by the store's unique key and retried. */
export const SHIPMENT_KEY_RANDOM_CHARS = 12;

export const SHIPMENT_KEY_LENGTH = SHIPMENT_KEY_PREFIX.length + SHIPMENT_KEY_RANDOM_CHARS;

const SHAPE = new RegExp(`^${SHIPMENT_KEY_PREFIX}[${ALPHABET}]{${SHIPMENT_KEY_RANDOM_CHARS}}$`);

/** A key from random bytes (at least SHIPMENT_KEY_RANDOM_CHARS of them; each gives one character). */
export function shipmentKeyFromBytes(bytes: Uint8Array): string {
  if (bytes.length < SHIPMENT_KEY_RANDOM_CHARS) throw new RangeError(`need ${SHIPMENT_KEY_RANDOM_CHARS} random bytes`);
  let key = SHIPMENT_KEY_PREFIX;
  for (let i = 0; i < SHIPMENT_KEY_RANDOM_CHARS; i++) key += ALPHABET[bytes[i]! % ALPHABET.length];
  return key;
}

/** A scanned or typed key, upper-cased, with Crockford's look-alikes (O→0, I/L→1) read as meant. */
export function normaliseShipmentKey(input: string): string | null {
  const key = input.trim().toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
  return SHAPE.test(key) ? key : null;
}

export function isShipmentKey(value: string): boolean {
  return SHAPE.test(value);
}

/** The 送付先 a key names. */
export interface ShipmentTarget {
  readonly shopCode: string;
  readonly orderNumber: string;
  readonly basketId: number;
}
