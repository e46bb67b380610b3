import type { MailSettings } from '../../domain/mail/settings.ts';
import { parcelsOf, placeholderValues } from '../../domain/mail/placeholders.ts';
import { parseTemplate, renderTemplate, type TemplateText } from '../../domain/mail/template.ts';
import type { Order } from '../../domain/order.ts';

/** A template filled in for one order, as the buyer will read it. */
export function renderForOrder(template: TemplateText, order: Order, shop: { name: string; settings: Pick<MailSettings, 'signature'> | null }): TemplateText {
  const parsed = parseTemplate(template);
  return renderTemplate(parsed, {
    values: placeholderValues(order, { shopName: shop.name, signature: shop.settings?.signature ?? '' }),
    carrierCodes: new Set(parcelsOf(order).map((p) => p.carrierCode)),
    paymentMethod: order.settlement.methodName,
  });
}
