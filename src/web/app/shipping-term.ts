export { shippingTermLabel } from '../../domain/shipping-term.ts';

/** The お届け時間帯 codes offered in the picker (RMS accepts any h1h2 range as well). */
export const COMMON_SHIPPING_TERMS = [1, 2, 812, 1214, 1416, 1618, 1820, 1921, 9] as const;
