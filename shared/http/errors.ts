/**
 * One failing field of a request: `path` is dotted (`contact.email`, `resources.0.hours`). `code`
 * is machine-readable and stable (a UI translates by it, not by `message`): zod's issue code for
 * schema checks (`too_small`, `invalid_format`, … and `required` for a missing field), a domain
 * code (`taken`, `changed_meanwhile`, …) for rules the handlers check. `params` carries the
 * numbers and names the message is made of (`minimum`, `maximum`, `format`, `values`, …).
 */
export interface FieldError {
  path: string;
  message: string;
  code: string;
  params?: Record<string, string | number | boolean | (string | number | boolean | null)[]>;
}

/** A field error as code writes it; without a `code` it gets its error type's default. */
export type FieldErrorInput = Omit<FieldError, 'code'> & { code?: string };

/** The code of a field error that names none: what its kind of problem says in general. */
const DEFAULT_CODES: Record<string, string> = {
  'validation-error': 'invalid',
  conflict: 'conflict',
  'idempotency-key-reused': 'idempotency_key_reused',
};

/** Field errors with a code each (the given one, else the default of the problem `type`). */
export const withCodes = (type: string, errors: readonly FieldErrorInput[]): FieldError[] =>
  errors.map((e) => ({ ...e, code: e.code ?? DEFAULT_CODES[type] ?? type.replaceAll('-', '_') }));

/**
 * Base of every error a client may see. Only errors with a statusCode < 500 are shown to the
 * client (middy's http-error-handler rule); everything else is a bug and becomes a bare 500.
 */
export class AppError extends Error {
  override name = 'AppError';
  readonly errors: FieldError[];
  constructor(
    readonly statusCode: number,
    readonly type: string,
    message: string,
    errors: readonly FieldErrorInput[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.errors = withCodes(type, errors);
  }
}

export class ValidationError extends AppError {
  override name = 'ValidationError';
  constructor(message: string, errors: readonly FieldErrorInput[] = [], options?: ErrorOptions) {
    super(400, 'validation-error', message, errors, options);
  }
}

export class UnauthorizedError extends AppError {
  override name = 'UnauthorizedError';
  constructor(message = 'a valid bearer token is required') {
    super(401, 'unauthorized', message);
  }
}

export class ForbiddenError extends AppError {
  override name = 'ForbiddenError';
  constructor(message: string) {
    super(403, 'forbidden', message);
  }
}

export class NotFoundError extends AppError {
  override name = 'NotFoundError';
  constructor(what: string) {
    super(404, 'not-found', `${what} not found`);
  }
}

export class ConflictError extends AppError {
  override name = 'ConflictError';
  constructor(message: string, errors: readonly FieldErrorInput[] = [], options?: ErrorOptions) {
    super(409, 'conflict', message, errors, options);
  }
}

export class TooManyRequestsError extends AppError {
  override name = 'TooManyRequestsError';
  constructor(message = 'too many requests, try again later') {
    super(429, 'too-many-requests', message);
  }
}
