/**
 * Every error cofund means to show a client is a CofundError: a stable machine-readable `code`
 * (it becomes the problem+json `type`), the HTTP status it maps to, a sentence for people, and,
 * for input errors, the offending fields. The domain raises these without knowing about HTTP
 * frameworks; src/api turns them into RFC 9457 responses. Anything else is a bug and is reported
 * to clients as an opaque 500.
 */
export interface FieldError {
  /** JSON path of the field, dot-separated: "shares.0.amount", "body.totalCost". */
  field: string;
  message: string;
}

export class CofundError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly errors: FieldError[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'CofundError';
  }
}

export class ValidationError extends CofundError {
  constructor(message: string, errors: FieldError[], code = 'validation-failed', status = 422) {
    super(code, status, message, errors);
    this.name = 'ValidationError';
  }

  static field(field: string, message: string, code?: string, status?: number): ValidationError {
    return new ValidationError(message, [{ field, message }], code, status);
  }
}

export class NotFoundError extends CofundError {
  constructor(what: string, id: string) {
    super('not-found', 404, `${what} ${id} was not found`);
    this.name = 'NotFoundError';
  }
}

export class ForbiddenError extends CofundError {
  constructor(message: string) {
    super('forbidden', 403, message);
    this.name = 'ForbiddenError';
  }
}

export class ConflictError extends CofundError {
  constructor(code: string, message: string, extra: Record<string, unknown> = {}) {
    super(code, 409, message, [], extra);
    this.name = 'ConflictError';
  }
}
