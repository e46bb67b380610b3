/**
 * What a shop prints on its paperwork and labels: the 納品書's issuer block, the invoice
 * registration number (インボイス制度), and the sender block on carrier label data. Every field
 * may be empty: printing and exporting never stop for a missing profile field, they say which
 * field is missing instead (see `missingProfileFields`).
 */
export interface ShopProfile {
  /** The name printed as issuer; empty means the shop's own name. */
  readonly displayName: string;
  readonly postalCode: string;
  /** 都道府県 + 市区町村 + 番地. */
  readonly address1: string;
  /** Building and room. */
  readonly address2: string;
  readonly phone: string;
  readonly email: string;
  /** 適格請求書発行事業者登録番号: `T` and 13 digits, or empty. */
  readonly invoiceRegistrationNumber: string;
  /** A PNG or JPEG as a data URL, or empty. */
  readonly logo: string;
  /** The label sender (ご依頼主); each empty field falls back to the issuer block. */
  readonly sender: SenderBlock;
}

export interface SenderBlock {
  readonly name: string;
  readonly postalCode: string;
  readonly address1: string;
  readonly address2: string;
  readonly phone: string;
}

export const EMPTY_SENDER: SenderBlock = { name: '', postalCode: '', address1: '', address2: '', phone: '' };

export function emptyProfile(): ShopProfile {
  return { displayName: '', postalCode: '', address1: '', address2: '', phone: '', email: '', invoiceRegistrationNumber: '', logo: '', sender: EMPTY_SENDER };
}

/** `T` followed by 13 digits (a 法人番号 for companies; a number of its own for individuals). */
export const INVOICE_REGISTRATION_NUMBER = /^T\d{13}$/;

/** Seven digits, written `123-4567` or `1234567`. */
export const POSTAL_CODE = /^\d{3}-?\d{4}$/;

/** Digits with optional hyphens or parentheses, 10 or 11 digits in all (Japanese numbers). */
export function isPhoneNumber(value: string): boolean {
  if (!/^[\d()\-\s]+$/.test(value)) return false;
  const digits = value.replace(/\D/g, '').length;
  return digits === 10 || digits === 11;
}

/** The sender block with each empty field taken from the issuer block (and the shop's name). */
export function senderOf(profile: ShopProfile, shopName: string): SenderBlock {
  const s = profile.sender;
  return {
    name: s.name || profile.displayName || shopName,
    postalCode: s.postalCode || profile.postalCode,
    address1: s.address1 || profile.address1,
    address2: s.address2 || profile.address2,
    phone: s.phone || profile.phone,
  };
}

/** What each use of the profile needs; a missing one is reported, never a reason to refuse. */
export type ProfilePurpose = 'slip' | 'label';

const NEEDED: Readonly<Record<ProfilePurpose, readonly (keyof ShopProfile | `sender.${keyof SenderBlock}`)[]>> = {
  slip: ['postalCode', 'address1', 'phone'],
  label: ['sender.postalCode', 'sender.address1', 'sender.phone'],
};

/** The profile fields `purpose` would print but are empty (sender fields after the fallback). */
export function missingProfileFields(profile: ShopProfile, purpose: ProfilePurpose, shopName: string): string[] {
  const sender = senderOf(profile, shopName);
  return NEEDED[purpose].filter((field) => {
    const value = field.startsWith('sender.') ? sender[field.slice('sender.'.length) as keyof SenderBlock] : profile[field as keyof ShopProfile];
    return typeof value === 'string' && value.trim() === '';
  });
}
