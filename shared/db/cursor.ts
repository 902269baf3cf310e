import { ValidationError } from '#shared/http/errors';
import { type IndexName, tableDefinition } from './table';

/**
 * THE page cursor of every list route: DynamoDB's LastEvaluatedKey as base64url JSON. A cursor
 * comes back from the client, so it is read like any other input: it must be exactly the key a
 * page of this very list can end on (the key attributes of the table or index queried, each a
 * non-empty string within DynamoDB's key size limits, the partition the one being listed);
 * anything else is a 400 naming `query.cursor`, never a DynamoDB error (a 500).
 *
 * It is not signed: a client that edits a well-formed cursor only moves its own starting point
 * inside its own partition, which it could reach by paging anyway.
 */

/** DynamoDB's key size limits (bytes): partition key 2048, sort key 1024. */
const MAX_PK_BYTES = 2048;
const MAX_SK_BYTES = 1024;
const MAX_CURSOR_CHARS = 2000;

export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

/** Which list a cursor must belong to: the index queried (none: the table) and its partition. */
export interface CursorScope {
  index?: IndexName;
  partition: string;
}

/** The attributes of a LastEvaluatedKey: the index keys plus the table keys, and which are pks. */
function keyAttributes(index: IndexName | undefined): { name: string; pk: boolean }[] {
  const table = [
    { name: tableDefinition.partitionKey, pk: true },
    { name: tableDefinition.sortKey, pk: false },
  ];
  if (!index) return table;
  const gsi = tableDefinition.globalSecondaryIndexes.find((g) => g.indexName === index);
  if (!gsi) throw new Error(`unknown index ${index}`);
  return [{ name: gsi.partitionKey, pk: true }, { name: gsi.sortKey, pk: false }, ...table];
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/**
 * Reads a cursor back as an ExclusiveStartKey for the list `scope`, or throws a 400 naming
 * `query.cursor`. Undefined stays undefined (the first page).
 */
export function decodeCursor(
  cursor: string | undefined,
  scope: CursorScope,
): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  const bad = (why: string) =>
    new ValidationError(`query.cursor: ${why}`, [
      { path: 'query.cursor', message: why, code: 'invalid_cursor' },
    ]);
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_CHARS || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
    throw bad('must be the cursor of the previous page (base64url)');
  }
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad('is not a cursor from this list');
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key))
    throw bad('is not a cursor from this list');
  const attrs = keyAttributes(scope.index);
  const given = Object.keys(key);
  const record = key as Record<string, unknown>;
  const wellFormed =
    given.length === attrs.length &&
    attrs.every(({ name, pk }) => {
      const v = record[name];
      return (
        Object.hasOwn(record, name) &&
        typeof v === 'string' &&
        v.length > 0 &&
        bytes(v) <= (pk ? MAX_PK_BYTES : MAX_SK_BYTES)
      );
    });
  const [partitionAttr] = attrs;
  if (!wellFormed || !partitionAttr || record[partitionAttr.name] !== scope.partition) {
    throw bad('is not a cursor from this list');
  }
  return record as Record<string, string>;
}
