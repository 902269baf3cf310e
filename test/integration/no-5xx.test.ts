import { describe, expect, it } from 'vitest';
import { type Route, routes } from '#infra/routes';
import { useScheduler } from '#shared/scheduler/index';
import { call, claims } from '#test/support/api';
import { givenNetwork } from '#test/support/networks';

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
