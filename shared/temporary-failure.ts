/**
 * Telling a failure that a retry may cure from one that will repeat on every retry. Temporary:
 * the database, the mail store or the scheduler is unreachable, throttled or busy, or a
 * transaction lost a race. Anything else (an item too large, a condition that will fail again, a
 * bug) repeats. The mail intake quarantines what repeats (functions/email-intake/); an HTTP route
 * answers 503 for a temporary failure of a service it needs (shared/scheduler/).
 */

const TEMPORARY_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'Throttling',
  'RequestLimitExceeded',
  'InternalServerError',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'TransactionInProgressException',
  'TransactionConflictException',
  'SlowDown',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
  'AbortError',
  // the mail intake's: another invocation holds the message (functions/email-intake/failure.ts)
  'MailInFlightError',
]);

const TEMPORARY_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOSPC',
  'EMFILE',
]);

interface ErrorLike {
  name?: string;
  code?: string;
  errors?: unknown[];
  cause?: unknown;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number };
  CancellationReasons?: { Code?: string }[];
}

export function isTemporaryFailure(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 3) return false;
  const e = err as ErrorLike;
  if (e.name && TEMPORARY_NAMES.has(e.name)) return true;
  if (e.code && TEMPORARY_CODES.has(e.code)) return true;
  if (e.$retryable) return true;
  if ((e.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  if (
    e.name === 'TransactionCanceledException' &&
    (e.CancellationReasons ?? []).some(
      (r) => r.Code === 'TransactionConflict' || r.Code === 'ThrottlingError',
    )
  ) {
    return true;
  }
  // Node's connection errors come wrapped (AggregateError of each address tried, or a cause)
  return [...(e.errors ?? []), e.cause].some((inner) => isTemporaryFailure(inner, depth + 1));
}
