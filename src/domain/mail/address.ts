import { DomainError } from '../errors.ts';

/**
 * One bare address as an SMTP envelope carries it: no display name, no comment, no list, no
 * quoting. Anything looser could smuggle a second recipient or a header into a mail.
 */
const ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

export function isMailAddress(value: string): boolean {
  return value.length <= 254 && ADDRESS.test(value) && !value.startsWith('.') && !value.includes('..');
}

export function checkMailAddress(field: string, value: string): string {
  if (/[\r\n]/.test(value)) throw new DomainError('MAIL_HEADER_INJECTION', { field }, `${field} contains a line break`);
  if (!isMailAddress(value)) throw new DomainError('MAIL_ADDRESS_INVALID', { field, value }, `${field} is not a mail address`);
  return value;
}
