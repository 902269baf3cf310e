/**
 * The mail intake's own failure: another invocation holds the message. Whether a failure is
 * temporary (retry) or repeats (quarantine) is shared/temporary-failure.ts.
 */

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
