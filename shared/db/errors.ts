/** True when a single conditional write failed its ConditionExpression. */
export function isConditionFailed(err: unknown): boolean {
  return (err as { name?: string })?.name === 'ConditionalCheckFailedException';
}

/**
 * For a cancelled TransactWriteItems: the indexes of the items whose condition failed, in the
 * order they were given. Empty for any other error.
 */
export function failedTransactionItems(err: unknown): number[] {
  const e = err as { name?: string; CancellationReasons?: { Code?: string }[] };
  if (e?.name !== 'TransactionCanceledException' || !e.CancellationReasons) return [];
  return e.CancellationReasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : []));
}

/** True when a transaction lost a race with another transaction on the same items (retryable). */
export function isTransactionConflict(err: unknown): boolean {
  const e = err as { name?: string; CancellationReasons?: { Code?: string }[] };
  return (
    e?.name === 'TransactionConflictException' ||
    (e?.name === 'TransactionCanceledException' &&
      (e.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict'))
  );
}
