import { z } from 'zod';
import { MAX_ORDERS_PER_REQUEST } from '../../domain/rms-limits.ts';
import { TAX_RATES, UNDETERMINED_AMOUNT } from './amounts.ts';

/**
 * Building blocks of request schemas. Request schemas are what a server validates, so they
 * are strict about values; optional keys also accept `null` because clients commonly send
 * null for "not set".
 */

/** An integer sent as a JSON number or, as some official samples do, a numeric string. */
export const numberOrNumericString = z.union([
  z.number().int(),
  z.string().regex(/^-?\d+$/).transform(Number),
]);

export const flag = z.number().int().min(0).max(1);

export const orderNumber = z.string().min(1).max(382);

export { MAX_ORDERS_PER_REQUEST };

export const orderNumberList = z.array(orderNumber).min(1).max(MAX_ORDERS_PER_REQUEST);

export const taxRate = z.number().refine((r) => (TAX_RATES as readonly number[]).includes(r));

/** A price 0–999999999 yen. */
export const price = z.number().int().min(0).max(999_999_999);

/** A package-level fee: a price, or UNDETERMINED_AMOUNT to set it back to undetermined. */
export const feeOrUndetermined = z.union([price, z.literal(UNDETERMINED_AMOUNT)]);

/** Text limited in characters whatever their width, as RMS counts them. */
export const chars = (max: number) => z.string().refine((s) => [...s].length <= max);

export const oneOf = <T extends number>(values: readonly T[]) =>
  z.number().int().refine((v): v is T => (values as readonly number[]).includes(v));
