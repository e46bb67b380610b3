import type { SandboxOrder } from './order-record.ts';

export interface SandboxLicense {
  readonly licenseKey: string;
  readonly expiresAt: Date;
}

export interface SandboxSubStatus {
  readonly subStatusId: number;
  readonly subStatusName: string;
  readonly orderby: number | null;
  readonly orderProgress: number;
}

/**
 * What R-Login shows under あんしんメルアドサービス → メールサーバ設定情報, and the addresses
 * registered in RMS that the relay accepts as senders (and as BCC copies).
 */
export interface SandboxMailAccount {
  smtpUser: string;
  smtpPassword: string;
  registeredSenders: string[];
}

/**
 * A shop: one serviceSecret, one or more license keys (a new key may be issued before the old
 * one expires, and both work until their own expiry), its orders sorted by order time.
 */
export interface SandboxShop {
  readonly shopId: string;
  readonly name: string;
  readonly serviceSecret: string;
  readonly licenses: SandboxLicense[];
  autoConfirm: boolean;
  readonly subStatuses: SandboxSubStatus[];
  readonly deliveryNames: string[];
  /** Last order sequence issued (the 10-digit tail of order numbers). */
  orderSequence: number;
  /** Sorted by orderedAt, then order number: the index behind searchOrder's date windows. */
  readonly orders: SandboxOrder[];
  readonly mail: SandboxMailAccount;
}

export function shopView(shop: SandboxShop): Record<string, unknown> {
  return {
    shopId: shop.shopId,
    name: shop.name,
    serviceSecret: shop.serviceSecret,
    licenses: shop.licenses.map((l) => ({ licenseKey: l.licenseKey, expiresAt: l.expiresAt.toISOString() })),
    autoConfirm: shop.autoConfirm,
    subStatuses: shop.subStatuses,
    deliveryNames: shop.deliveryNames,
    orderCount: shop.orders.length,
    smtpUser: shop.mail.smtpUser,
    smtpPassword: shop.mail.smtpPassword,
    registeredSenders: shop.mail.registeredSenders,
  };
}
