/** A refused control-API request; `code` follows juchu's stable error codes. */
export class SandboxError extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'VALIDATION_FAILED' | 'INVALID_TRANSITION',
    message: string,
  ) {
    super(message);
    this.name = 'SandboxError';
  }

  get httpStatus(): number {
    return this.code === 'NOT_FOUND' ? 404 : this.code === 'VALIDATION_FAILED' ? 400 : 409;
  }
}
