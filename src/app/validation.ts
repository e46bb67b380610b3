import { DomainError } from '../domain/errors.ts';

/** A refused input value: VALIDATION_FAILED with the field and the reason, so adapters can name the argument. */
export function invalid(field: string, reason: string): DomainError {
  return new DomainError('VALIDATION_FAILED', { field, reason }, `${field}: ${reason}`);
}
