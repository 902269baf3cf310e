import { ValidationError } from '#shared/http/errors';

/** A page cursor: DynamoDB's LastEvaluatedKey as base64url JSON. */
export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

/**
 * Reads a cursor back. It must be a flat object of strings whose `partitionAttr` is the
 * partition being listed, so a cursor from another list (or another network) is a 400.
 */
export function decodeCursor(
  cursor: string | undefined,
  partitionAttr: string,
  partition: string,
): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  const bad = () =>
    new ValidationError('query.cursor: is not a cursor from this list', [
      { path: 'query.cursor', message: 'is not a cursor from this list', code: 'invalid_cursor' },
    ]);
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (
    typeof key !== 'object' ||
    key === null ||
    Array.isArray(key) ||
    Object.values(key).some((v) => typeof v !== 'string') ||
    (key as Record<string, string>)[partitionAttr] !== partition
  ) {
    throw bad();
  }
  return key as Record<string, string>;
}
