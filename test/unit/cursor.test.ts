import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '#shared/db/cursor';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const gsiKey = { gsi1pk: 'NET#a#INQ', gsi1sk: '2026-11-02T10:00:00.000Z#01j', pk: 'NET#a', sk: 'INQ#01j' };
const scope = { index: 'gsi1', partition: 'NET#a#INQ' } as const;

describe('the page cursor', () => {
  it('reads back what it handed out, for the table and for an index', () => {
    expect(decodeCursor(encodeCursor(gsiKey), scope)).toEqual(gsiKey);
    const tableKey = { pk: 'UNR#2026-11', sk: 'MAIL#x' };
    expect(decodeCursor(encodeCursor(tableKey), { partition: 'UNR#2026-11' })).toEqual(tableKey);
    expect(decodeCursor(undefined, scope)).toBeUndefined();
    expect(encodeCursor(undefined)).toBeUndefined();
  });

  it.each([
    ['not base64url', '!!!'],
    ['padding', `${b64(gsiKey)}==`],
    ['not JSON', Buffer.from('nope').toString('base64url')],
    ['an array', b64([gsiKey])],
    ['null', b64(null)],
    ['a missing sort key', b64({ ...gsiKey, gsi1sk: undefined })],
    ['an extra attribute', b64({ ...gsiKey, extra: 'x' })],
    ['an empty key value', b64({ ...gsiKey, sk: '' })],
    ['a number where a string goes', b64({ ...gsiKey, sk: 5 })],
    ['a DynamoDB-typed value', b64({ ...gsiKey, sk: { S: 'x' } })],
    ['a sort key over 1024 bytes', b64({ ...gsiKey, gsi1sk: 'ü'.repeat(600) })],
    ['another partition', b64({ ...gsiKey, gsi1pk: 'NET#b#INQ' })],
    ['the table keys of another list', b64({ pk: 'NET#a', sk: 'INQ#01j' })],
    ['over 2000 characters', 'A'.repeat(2001)],
  ])('refuses %s with a 400 naming query.cursor', (_, cursor) => {
    expect(() => decodeCursor(cursor, scope)).toThrow(
      expect.objectContaining({
        statusCode: 400,
        errors: [expect.objectContaining({ path: 'query.cursor' })],
      }),
    );
  });
});
