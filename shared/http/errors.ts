/** One failing field of a request: `path` is dotted (`contact.email`, `resources.0.hours`). */
export interface FieldError {
  path: string;
  message: string;
}

/**
 * Base of every error a client may see. Only errors with a statusCode < 500 are shown to the
 * client (middy's http-error-handler rule); everything else is a bug and becomes a bare 500.
 */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly statusCode: number,
    readonly type: string,
    message: string,
    readonly errors: FieldError[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export class ValidationError extends AppError {
  override name = 'ValidationError';
  constructor(message: string, errors: FieldError[] = [], options?: ErrorOptions) {
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
  constructor(message: string, errors: FieldError[] = [], options?: ErrorOptions) {
    super(409, 'conflict', message, errors, options);
  }
}

export class TooManyRequestsError extends AppError {
  override name = 'TooManyRequestsError';
  constructor(message = 'too many requests, try again later') {
    super(429, 'too-many-requests', message);
  }
}
