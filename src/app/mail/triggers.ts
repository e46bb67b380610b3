import { triggeredMailDueAt, type MailTrigger } from '../../domain/mail/mail.ts';
import { wantsOrderTakenMail } from '../../domain/mail/settings.ts';
import type { Order } from '../../domain/order.ts';
import type { NewMail } from '../../store/mail/mail-repository.ts';
import type { Store } from '../../store/store.ts';

/** Parcels reported within this long of each other share one 発送完了メール. */
export const SHIPPED_MAIL_GRACE_MS = 60_000;

/**
 * Queues the automatic mails an event calls for, in the caller's transaction (the one that
 * recorded the event), so the mail exists exactly when the change does. Only shops that
 * switched the trigger on get one; an order whose automatic mail staff stopped gets none; the
 * queue itself drops a second mail for the same order and trigger. The text is written when
 * the mail falls due (see delivery.ts), so it shows the order as it is then.
 */
export async function queueMails(
  tx: Store,
  trigger: MailTrigger,
  orders: readonly Order[],
  now: Date,
  triggeredBy: string,
): Promise<number> {
  const candidates = trigger === 'orderTaken' ? orders.filter((o) => wantsOrderTakenMail(o.status)) : orders;
  if (candidates.length === 0) return 0;
  const templates = await tx.mailTemplates.forTrigger(
    candidates.map((o) => o.shopCode),
    trigger,
  );
  if (templates.size === 0) return 0;
  const switchedOn = candidates.filter((o) => templates.has(o.shopCode));
  const stopped = await tx.mailStates.stopped(switchedOn.map((o) => o.orderNumber));
  const mails: NewMail[] = switchedOn
    .filter((o) => !stopped.has(o.orderNumber))
    .map((order) => {
      const template = templates.get(order.shopCode)!;
      return {
        shopCode: order.shopCode,
        orderNumber: order.orderNumber,
        kind: trigger,
        templateId: template.id,
        templateName: template.name,
        to: order.buyer.emailAddress,
        subject: null,
        body: null,
        dueAt: triggeredMailDueAt(trigger, order, now, SHIPPED_MAIL_GRACE_MS),
        triggeredBy,
      };
    });
  return (await tx.mail.enqueue(mails, now)).length;
}
