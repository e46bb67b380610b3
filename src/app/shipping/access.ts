import { DomainError } from '../../domain/errors.ts';
import type { Caller } from '../caller.ts';

/** The shipping day's checks of who may do what, shared by its services. */
export function requireWriter(caller: Caller): void {
  if (caller.role === 'viewer') throw new DomainError('FORBIDDEN', { role: caller.role });
}
