import { describe, expect, it } from 'vitest';
import { compileRoutes, matchRoute } from '#infra/local/api-event';
import { routes } from '#infra/routes';
import { failedTransactionItems, isConditionFailed, isTransactionConflict } from '#shared/db/errors';
import { setExpression } from '#shared/db/update';
import { callerFromEvent, requireRole } from '#shared/http/auth';
import { problem } from '#shared/http/problem';

const withClaims = (claims: Record<string, string>) => ({
  requestContext: { authorizer: { jwt: { claims } } },
});

describe('callerFromEvent', () => {
  it('reads coordinator, partner and operator callers from verified claims', () => {
    expect(
      callerFromEvent(withClaims({ sub: 's', 'custom:role': 'coordinator', 'custom:networkId': 'n' })),
    ).toEqual({
      role: 'coordinator',
      sub: 's',
      networkId: 'n',
    });
    expect(
      callerFromEvent(
        withClaims({ sub: 's', 'custom:role': 'partner', 'custom:networkId': 'n', 'custom:partnerId': 'p' }),
      ),
    ).toMatchObject({ role: 'partner', partnerId: 'p' });
    expect(callerFromEvent(withClaims({ sub: 's', 'custom:role': 'operator' }))).toMatchObject({
      role: 'operator',
    });
  });

  it('answers 401 for missing claims, a partner without partnerId or an unknown role', () => {
    for (const event of [
      {},
      withClaims({ sub: 's', 'custom:role': 'partner', 'custom:networkId': 'n' }),
      withClaims({ sub: 's', 'custom:role': 'admin', 'custom:networkId': 'n' }),
      withClaims({ sub: 's', 'custom:role': 'coordinator' }),
    ]) {
      expect(() => callerFromEvent(event)).toThrow(expect.objectContaining({ statusCode: 401 }));
    }
  });

  it.each([
    ['a # in the network id', { 'custom:role': 'coordinator', 'custom:networkId': 'n#1' }],
    ['upper case in the network id', { 'custom:role': 'coordinator', 'custom:networkId': 'Demo' }],
    [
      'a # in the partner id',
      { 'custom:role': 'partner', 'custom:networkId': 'n', 'custom:partnerId': 'p#x' },
    ],
    ['an over-long network id', { 'custom:role': 'coordinator', 'custom:networkId': 'n'.repeat(65) }],
  ])('answers 403 for %s: ids in claims become key parts', (_, claims) => {
    expect(() => callerFromEvent(withClaims({ sub: 's', ...claims }))).toThrow(
      expect.objectContaining({ statusCode: 403 }),
    );
  });

  it('answers 401 for a sub with control characters or spaces', () => {
    for (const sub of ['a b', 'a\nb', 'x'.repeat(200)]) {
      expect(() => callerFromEvent(withClaims({ sub, 'custom:role': 'operator' }))).toThrow(
        expect.objectContaining({ statusCode: 401 }),
      );
    }
  });

  it('answers 403 when the role is not allowed', () => {
    const partner = { role: 'partner' as const, sub: 's', networkId: 'n', partnerId: 'p' };
    expect(() => requireRole(partner, ['coordinator'])).toThrow(expect.objectContaining({ statusCode: 403 }));
    expect(requireRole(partner, ['coordinator', 'partner'])).toBe(partner);
  });
});

describe('problem+json', () => {
  it('follows RFC 9457 and lists the failing fields', () => {
    const r = problem(400, 'validation-error', 'slug: taken', [{ path: 'slug', message: 'taken' }]);
    expect(r.headers).toEqual({ 'content-type': 'application/problem+json' });
    expect(JSON.parse(r.body as string)).toEqual({
      type: '/problems/validation-error',
      title: 'Bad Request',
      status: 400,
      detail: 'slug: taken',
      errors: [{ path: 'slug', message: 'taken' }],
    });
  });
});

describe('route matching (the local API Gateway)', () => {
  const compiled = compileRoutes(routes);
  it('finds the route and decodes path parameters', () => {
    const m = matchRoute(compiled, 'PATCH', '/partners/demo-p1/resources/r%201');
    expect(m.kind).toBe('found');
    if (m.kind === 'found') {
      expect(m.compiled.routeKey).toBe('PATCH /partners/{partnerId}/resources/{resourceId}');
      expect(m.pathParameters).toEqual({ partnerId: 'demo-p1', resourceId: 'r 1' });
    }
  });
  it('tells a wrong method from an unknown path', () => {
    expect(matchRoute(compiled, 'PUT', '/network')).toEqual({
      kind: 'method-not-allowed',
      allowed: ['GET', 'PATCH'],
    });
    expect(matchRoute(compiled, 'GET', '/nothing')).toEqual({ kind: 'not-found' });
  });
});

describe('DynamoDB helpers', () => {
  it('builds SET expressions from a patch, skipping undefined values', () => {
    expect(setExpression({ name: 'A', region: undefined, active: false })).toEqual({
      UpdateExpression: 'SET #f0 = :f0, #f1 = :f1',
      ExpressionAttributeNames: { '#f0': 'name', '#f1': 'active' },
      ExpressionAttributeValues: { ':f0': 'A', ':f1': false },
    });
    expect(() => setExpression({ a: undefined })).toThrow();
  });

  it('reads which transaction items failed their condition', () => {
    const cancelled = {
      name: 'TransactionCanceledException',
      CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
    };
    expect(failedTransactionItems(cancelled)).toEqual([1]);
    expect(failedTransactionItems(new Error('x'))).toEqual([]);
    expect(isConditionFailed({ name: 'ConditionalCheckFailedException' })).toBe(true);
    expect(
      isTransactionConflict({
        name: 'TransactionCanceledException',
        CancellationReasons: [{ Code: 'TransactionConflict' }],
      }),
    ).toBe(true);
  });
});
