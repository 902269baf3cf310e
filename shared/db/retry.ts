import { TooManyRequestsError } from '#shared/http/errors';
import { isTransactionConflict } from './errors';

export interface ConflictRetryOptions {
  /** Tries in all, the first included (default 12). */
  attempts?: number;
  /** First backoff cap in ms; it doubles per retry up to `capMs` (defaults 20 / 1000). */
  baseMs?: number;
  capMs?: number;
  /** Called once per retried conflict. */
  onRetry?: () => void;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Runs a transaction, retrying when it lost a race with another transaction on the same items
 * (TransactionConflict), with full-jitter exponential backoff. Bounded: when the attempts are
 * used up the caller gets 429, a 4xx the client may retry, never a 5xx.
 */
export async function withConflictRetry<T>(
  run: () => Promise<T>,
  opts: ConflictRetryOptions = {},
): Promise<T> {
  const attempts = opts.attempts ?? 12;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (!isTransactionConflict(err)) throw err;
      if (attempt >= attempts) {
        throw new TooManyRequestsError('too many concurrent changes to the same item right now, try again');
      }
      opts.onRetry?.();
      await sleep(Math.random() * Math.min(opts.capMs ?? 1000, (opts.baseMs ?? 20) * 2 ** (attempt - 1)));
    }
  }
}
