/**
 * The published contract: docs/api/openapi.json passes a real OpenAPI linter (Redocly's
 * recommended-strict rules) with no problem, documents every answer, and docs/api/openapi.d.ts
 * (openapi-typescript) is what `npm run openapi` makes of it. The JSON file's freshness is
 * checked in stack.test.ts; test/support/contract.ts checks real answers against it.
 */
import { readFileSync } from 'node:fs';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { describe, expect, it } from 'vitest';
import { buildOpenApiTypes, OPENAPI_FILE, OPENAPI_TYPES_FILE } from '#infra/openapi';
import { routes } from '#infra/routes';

process.env.TABLE_NAME ??= 'openapi-test';
const source = readFileSync(OPENAPI_FILE, 'utf8');
const doc = JSON.parse(source) as {
  paths: Record<
    string,
    Record<
      string,
      { tags?: string[]; parameters: { $ref?: string }[]; responses: Record<string, { content?: object }> }
    >
  >;
};
const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
  Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
);

describe('docs/api/openapi.json', () => {
  it('passes the OpenAPI linter (Redocly recommended-strict) without an error or a warning', async () => {
    const config = await createConfig({
      extends: ['recommended-strict'],
      rules: {
        'operation-tag-defined': 'error',
        'tag-description': 'error',
        'operation-description': 'error',
        'no-invalid-media-type-examples': 'error',
        // the project is not published under a licence: there is no SPDX identifier or URL to name
        'info-license-strict': 'off',
      },
    });
    const problems = await lintFromString({ source, absoluteRef: OPENAPI_FILE, config });
    expect(
      problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`),
    ).toEqual([]);
  });

  it('has one operation per route, each tagged with its capability and a documented success body', () => {
    expect(operations.map((o) => o.key).sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
    for (const { key, op } of operations) {
      const [status, success] = Object.entries(op.responses).find(([s]) => s.startsWith('2'))!;
      if (status !== '204') expect(success.content, `${key} documents no success body`).toBeDefined();
      expect(op.tags, key).toHaveLength(1);
      for (const problem of ['401', '403', '429']) {
        if (!key.endsWith('/health') && !key.endsWith('/openapi.json') && !key.includes('/public/'))
          expect(op.responses[problem], `${key} ${problem}`).toBeDefined();
      }
    }
  });

  it('documents the Idempotency-Key header on the routes that honour it', () => {
    const withKey = operations
      .filter(({ op }) => op.parameters.some((p) => p.$ref === '#/components/parameters/IdempotencyKey'))
      .map((o) => o.key);
    expect(withKey.sort()).toEqual(['POST /inquiries', 'POST /public/{slug}/inquiries']);
  });

  it('documents the CSV report and the raw mail downloads with their content types', () => {
    const content = (key: string) =>
      Object.keys(operations.find((o) => o.key === key)!.op.responses['200']!.content ?? {});
    expect(content('GET /reports/utilisation')).toEqual(['application/json', 'text/csv']);
    expect(content('GET /mail/{mailId}/raw')).toEqual(['message/rfc822']);
    expect(content('GET /unroutable/{month}/{mailId}/raw')).toEqual(['message/rfc822']);
  });
});

describe('docs/api/openapi.d.ts', () => {
  it('is what openapi-typescript makes of the document (run `npm run openapi`)', async () => {
    const fresh = await buildOpenApiTypes(JSON.parse(source));
    expect(readFileSync(OPENAPI_TYPES_FILE, 'utf8')).toBe(fresh);
  });
});
