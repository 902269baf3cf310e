/**
 * Telling a failure that a retry may cure from one that will repeat on every retry. Temporary:
 * the database or the mail store is unreachable, throttled or busy, a transaction lost a race,
 * another invocation holds the message. Anything else (an item too large, a condition that will
 * fail again, a bug) repeats, so the message goes to quarantine instead of being retried for ever.
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

/** Another invocation holds a fresh claim on the message: retry later (Lambda throws, SMTP 451). */
export class MailInFlightError extends Error {
  override name = 'MailInFlightError';
  constructor(mailId: string) {
    super(`message ${mailId} is being processed by another delivery; retry later`);
  }
}

/** A short line for the record and the logs: the error's name and message. */
export const describeFailure = (err: unknown) =>
  err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 500) : String(err).slice(0, 500);
