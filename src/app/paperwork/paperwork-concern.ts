import { z } from 'zod';
import { defineConcern } from '../settings/concern.ts';

/** 設定 → 帳票: paper size, price hiding on gifts, and the shop's words on each slip. */
const paperworkSchema = z.strictObject({
  paper: z.enum(['A4', 'A5']),
  /** A gift to someone other than the orderer prints without prices (LOGILESS-style rule). */
  hidePricesOnGift: z.boolean(),
  /** Printed under the totals of every slip: thanks, return address, contact. */
  slipNote: z.string().trim().max(500),
});

export const paperworkConcern = defineConcern({
  id: 'paperwork',
  schema: paperworkSchema,
  defaults: () => ({ paper: 'A4' as const, hidePricesOnGift: true, slipNote: 'このたびはご注文いただき、誠にありがとうございました。' }),
  editors: 'shop-staff',
});

export type PaperworkSettings = z.output<typeof paperworkSchema>;
