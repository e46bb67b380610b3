import { DomainError } from '../domain/errors.ts';

/** A refused input value: VALIDATION_FAILED naming the field, English message for logs and the CLI. */
export function invalid(field: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', { field }, `${field}: ${message}`);
}
