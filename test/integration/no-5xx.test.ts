import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { handler as createInquiry } from '#functions/inquiries/create-inquiry.handler';
import { handler as listInquiries } from '#functions/inquiries/list-inquiries.handler';
import { type Route, routes } from '#infra/routes';
import { CLAIMS } from '#shared/http/auth';
import { useScheduler } from '#shared/scheduler/index';
import { type Claims, call, claims } from '#test/support/api';
import { givenNetwork } from '#test/support/networks';
import { callerFor, handlerOf, routeKey, samplePath, validBodies, withLeaf } from '#test/support/requests';

/**
 * "A 5xx is a bug": every route, called with the kinds of bad input clients really send, answers
 * a 4xx problem (or a normal answer), never a 5xx.
 */
const badBodies: unknown[] = [
  undefined,
  {},
  [],
  'not json {',
  'null',
  { unknown: true },
  { quantity: -1, status: 42 },
];

const fill = (path: string) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) =>
    name === 'month' ? '2026-11' : `no-such-${name.toLowerCase()}`,
  );

// routes that manage EventBridge schedules get an in-memory stand-in, as the local runtime installs one
useScheduler({ upsert: async () => undefined, remove: async () => undefined });

describe('every route under bad input', () => {
  const jwtRoutes = (routes as readonly Route[]).filter((r) => !r.entry.startsWith('functions/meta/'));

  it.each(jwtRoutes.map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s never answers 5xx',
    async (_, route) => {
      await givenNetwork('bad5xx').catch(() => undefined);
      const { handler } = (await import(`#${route.entry.replace(/\.ts$/, '')}`)) as {
        handler: Parameters<typeof call>[0];
      };
      const who =
        route.auth === 'public'
          ? [undefined]
          : [
              claims.coordinator('bad5xx'),
              claims.partner('bad5xx', 'bad5xx-p1'),
              claims.operator(),
              claims.coordinator('ghost-net'),
            ];
      for (const c of who) {
        for (const body of route.method === 'GET' || route.method === 'DELETE' ? [undefined] : badBodies) {
          const res = await call(handler, {
            method: route.method,
            path: route.method === 'GET' ? `${fill(route.path)}?limit=abc&from=yesterday` : fill(route.path),
            claims: c,
            body: typeof body === 'string' ? body : body,
          });
          expect(
            res.status,
            `${route.method} ${route.path} ${JSON.stringify(body)} → ${res.text.slice(0, 200)}`,
          ).toBeLessThan(500);
          if (res.status >= 400) expect(res.headers['content-type']).toBe('application/problem+json');
        }
      }
    },
  );
});

/**
 * A generated fuzz over every route: each request is a valid one (a caller the route admits,
 * real or well-formed ids in the path, the route's seed body) with exactly one thing changed, in
 * the claims, the query string, a path parameter or the body, to the kind of input that once
 * answered 500: tampered cursors, year-0001 and impossible dates, `#` in ids, control
 * characters, huge or wrongly typed values. Deterministic: a fixed seed and a fixed number of
 * requests per route, so a failure reproduces and the run stays short.
 */
describe('generated requests on every route (fast-check)', () => {
  const SEED = 20_261_201;
  const RUNS_PER_ROUTE = 16;

  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const general = [
    '',
    ' ',
    '#',
    'a#b',
    '%23',
    '../..',
    'x'.repeat(3000),
    '\u0000',
    'a\r\nb',
    '\u007f',
    '😀',
    '__proto__',
    'constructor',
    'null',
    '-1',
    '0',
    '1e309',
    'NaN',
    '=HYPERLINK("x")',
    '<script>alert(1)</script>',
  ];
  const dates = [
    '0001-01-01',
    '0000-00-00',
    '9999-12-31',
    '2026-02-30',
    '2025-02-29',
    '1899-12-31',
    '2026-W53',
    '2025-W53',
    '0001-W01',
    '9999-W52',
    '2026-W00',
    '2026-13',
    '0001-01',
    '0001-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '2026-02-30T07:00',
    '0001-01-01T07:00',
  ];
  const ids = [
    'net#1',
    'NET#fz',
    'fz#INQ',
    'FZ',
    'fz ',
    ' fz',
    'f'.repeat(200),
    'ghost-net',
    '',
    '-',
    'fz-p1#x',
  ];
  const cursors = (real: Record<string, string>) => {
    const [pkName, pk] = Object.entries(real).find(([k]) => /^gsi\dpk$/.test(k)) ?? ['pk', real.pk];
    return [
      '!!!',
      'e30',
      b64([]),
      b64('x'),
      b64(null),
      b64({ [pkName]: pk }),
      b64({ ...real, extra: 'x' }),
      b64({ ...real, sk: '' }),
      b64({ ...real, sk: 5 }),
      b64({ ...real, pk: 'x'.repeat(3000) }),
      b64(Object.fromEntries(Object.keys(real).map((k) => [k, k === pkName ? pk : '']))),
      b64({ ...real, [pkName]: `${pk}#other` }),
      b64({ pk: 'NET#fz', sk: 'INQ#' }),
      b64({ pk: 'UNR#2026-11', sk: 'x' }),
    ];
  };

  /** Values for one field, by its name: dates where a date goes, ids where an id goes. */
  const valueFor = (name: string, cursorValues: string[]): fc.Arbitrary<unknown> => {
    const pick = (list: readonly unknown[]) =>
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...list) },
        { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
      );
    if (name === 'cursor') return pick(cursorValues);
    if (/^(from|to|deadline|at|month|week)$/.test(name)) return pick([...dates, ...general.slice(0, 4)]);
    if (/(^id$|Id$|^slug$|^sub$|networkId|partnerId|custom:role)/.test(name))
      return pick([...ids, ...general]);
    return fc.oneof(
      pick(general),
      fc.constantFrom(-1, 0, 0.5, 1e308, 2 ** 53 + 1, true, false, null, [], {}, [1, 2], { a: 1 }),
      fc.integer(),
    );
  };

  /** Every leaf (not only strings) of a JSON value, with its path. */
  function leaves(value: unknown, prefix: string[] = []): string[][] {
    if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...prefix, String(i)]));
    if (value && typeof value === 'object')
      return Object.entries(value).flatMap(([k, v]) => leaves(v, [...prefix, k]));
    return [prefix];
  }

  interface Case {
    claims: Claims | undefined;
    path: Record<string, string>;
    query: Record<string, string>;
    body: unknown;
    changed: string;
  }

  function caseArb(
    route: Route,
    base: Omit<Case, 'changed'>,
    queryKeys: string[],
    cursorValues: string[],
  ): fc.Arbitrary<Case> {
    const changes: fc.Arbitrary<Case>[] = [];
    const leaf = (name: string) => (name.split('.').at(-1) as string).replace(/^\d+$/, 'item');
    if (base.claims) {
      const names = ['sub', CLAIMS.networkId, CLAIMS.partnerId, CLAIMS.role];
      changes.push(
        fc.constantFrom(...names).chain((claim) =>
          valueFor(claim, cursorValues).map((v) => ({
            ...base,
            claims: { ...base.claims, [claim]: typeof v === 'string' ? v : JSON.stringify(v) },
            changed: `claim ${claim}`,
          })),
        ),
      );
    }
    const params = Object.keys(base.path);
    if (params.length > 0) {
      changes.push(
        fc.constantFrom(...params).chain((param) =>
          valueFor(param, cursorValues).map((v) => ({
            ...base,
            path: { ...base.path, [param]: String(v) },
            changed: `path ${param}`,
          })),
        ),
      );
    }
    changes.push(
      fc.constantFrom(...queryKeys, 'unknown').chain((key) =>
        valueFor(key, cursorValues).map((v) => ({
          ...base,
          query: { ...base.query, [key]: typeof v === 'string' ? v : JSON.stringify(v) },
          changed: `query ${key}`,
        })),
      ),
    );
    if (route.method !== 'GET') {
      const seed = base.body;
      const bodyLeaves = seed === undefined ? [] : leaves(seed);
      if (bodyLeaves.length > 0) {
        changes.push(
          fc.constantFrom(...bodyLeaves).chain((path) =>
            valueFor(leaf(path.join('.')), cursorValues).map((v) => ({
              ...base,
              body: withLeaf(seed, path, v),
              changed: `body ${path.join('.')}`,
            })),
          ),
        );
      }
      changes.push(
        fc
          .oneof(fc.constantFrom(undefined, 'not json {', '[]', 'null', '"x"'), fc.jsonValue({ maxDepth: 2 }))
          .map((body) => ({ ...base, body, changed: 'whole body' })),
      );
    }
    return fc.oneof(...changes);
  }

  const toPath = (route: Route, params: Record<string, string>) =>
    route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const v = (params[name] ?? '').replace(/\p{Cs}/gu, '');
      return v === '' ? '%20' : encodeURIComponent(v);
    });

  it(`answers no 5xx to ${RUNS_PER_ROUTE} generated requests on each route`, {
    timeout: 120_000,
  }, async () => {
    // Prepare: a network with inquiries and a real cursor, so requests can reach deep
    await givenNetwork('fz').catch(() => undefined);
    const made = await call(createInquiry, {
      method: 'POST',
      path: '/inquiries',
      claims: claims.coordinator('fz'),
      body: { ...validBodies['POST /inquiries'], timeframe: { from: '2030-03-04', to: '2030-03-10' } },
    });
    await call(createInquiry, {
      method: 'POST',
      path: '/inquiries',
      claims: claims.coordinator('fz'),
      body: validBodies['POST /inquiries'],
    });
    const page = await call(listInquiries, {
      method: 'GET',
      path: '/inquiries?limit=1',
      claims: claims.coordinator('fz'),
    });
    const real = JSON.parse(Buffer.from(page.body.cursor as string, 'base64url').toString()) as Record<
      string,
      string
    >;
    const cursorValues = [...cursors(real), page.body.cursor as string];
    const known: Record<string, string> = { inquiryId: made.body.id, slug: 'fz-slug', partnerId: 'fz-p1' };
    // Act
    let cases = 0;
    const failures: string[] = [];
    for (const [i, route] of (routes as readonly Route[]).entries()) {
      const handler = await handlerOf(route);
      const contract = handler.contract as { query?: { def?: { shape?: object } } };
      const queryKeys = Object.keys(contract.query?.def?.shape ?? {});
      const params = Object.fromEntries(
        [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => {
          const name = m[1] as string;
          return [name, known[name] ?? decodeURIComponent(samplePath(`{${name}}`, 'fz-slug'))];
        }),
      );
      const base = {
        claims: route.entry.startsWith('functions/meta/') ? undefined : callerFor(handler, 'fz'),
        path: params,
        query: {},
        body: validBodies[routeKey(route)],
      };
      const arb = caseArb(route, base, queryKeys, cursorValues);
      for (const c of fc.sample(arb, { seed: SEED + i, numRuns: RUNS_PER_ROUTE })) {
        const qs = new URLSearchParams(c.query).toString();
        const res = await call(handler, {
          method: route.method,
          path: `${toPath(route, c.path)}${qs ? `?${qs}` : ''}`,
          claims: c.claims,
          body: route.method === 'GET' ? undefined : c.body,
          sourceIp: `198.51.100.${i}`,
        });
        cases++;
        const problemJson = res.headers['content-type'] === 'application/problem+json';
        if (res.status >= 500 || (res.status >= 400 && !problemJson)) {
          failures.push(
            `${routeKey(route)} [${c.changed}] ${JSON.stringify(c).slice(0, 200)} → ${res.status}`,
          );
        }
      }
    }
    console.info(
      `no-5xx fuzz: ${cases} generated requests over ${routes.length} routes, ${failures.length} answered 5xx or no problem+json`,
    );
    // Assess
    expect(cases).toBe(routes.length * RUNS_PER_ROUTE);
    expect(failures).toEqual([]);
  });
});
