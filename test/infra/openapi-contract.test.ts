/**
 * The check every integration test runs on each answer (test/support/contract.ts, called by
 * test/support/api.ts): it passes what the document promises and names what it does not.
 */
import { describe, expect, it } from 'vitest';
import { handler as openapi } from '#functions/meta/openapi.handler';
import { call } from '#test/support/api';
import { contractViolation } from '#test/support/contract';

const competence = { id: 'carpentry', label_de: 'Tischlerei', label_en: 'Carpentry', synonyms: [] };
const answer = (status: number, body: unknown, contentType = 'application/json') => ({
  method: 'GET',
  path: '/competences',
  status,
  contentType,
  body,
});

describe('the contract check on answers', () => {
  it('passes a body of the documented shape and a documented problem', () => {
    expect(contractViolation(answer(200, { items: [competence] }))).toBeUndefined();
    const problem = { type: '/problems/forbidden', title: 'Forbidden', status: 403, detail: 'no' };
    expect(contractViolation(answer(403, problem, 'application/problem+json'))).toBeUndefined();
  });

  it('names a field the document does not know, a missing one and a wrong type', () => {
    expect(contractViolation(answer(200, { items: [{ ...competence, secret: 1 }] }))).toMatch(
      /\/items\/0 must NOT have additional properties.*secret/,
    );
    const { label_de: _, ...missing } = competence;
    expect(contractViolation(answer(200, { items: [missing] }))).toMatch(
      /must have required property 'label_de'/,
    );
    expect(contractViolation(answer(200, { items: 'none' }))).toMatch(/\/items must be array/);
  });

  it('refuses an undocumented status, content type or operation, and a problem without a code per field', () => {
    expect(contractViolation(answer(409, {}, 'application/problem+json'))).toMatch(
      /status is not documented/,
    );
    expect(contractViolation(answer(200, 'a,b', 'text/csv'))).toMatch(
      /content type text\/csv is not documented/,
    );
    expect(contractViolation({ ...answer(200, {}), method: 'DELETE' })).toMatch(
      /operation is not in the document/,
    );
    const uncoded = {
      type: '/problems/validation-error',
      title: 'Bad Request',
      status: 400,
      detail: 'x: bad',
      errors: [{ path: 'x', message: 'bad' }],
    };
    expect(
      contractViolation({ ...answer(400, uncoded, 'application/problem+json'), method: 'POST' }),
    ).toMatch(/must have required property 'code'/);
  });
});

describe('the route no integration test calls', () => {
  // GET /health reads the table: test/integration/database-down.test.ts calls it through call()
  it('answers GET /openapi.json as documented (call() checks the answer)', async () => {
    const doc = await call(openapi, { method: 'GET', path: '/openapi.json' });
    expect([doc.status, doc.body.openapi]).toEqual([200, '3.1.0']);
  });
});
