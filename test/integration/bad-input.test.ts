import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { handler as listQuarantine } from '#functions/email-intake/list-quarantine.handler';
import { handler as listUnroutable } from '#functions/email-intake/list-unroutable.handler';
import { handler as createInquiry } from '#functions/inquiries/create-inquiry.handler';
import { handler as getInquiry } from '#functions/inquiries/get-inquiry.handler';
import { handler as listInquiries } from '#functions/inquiries/list-inquiries.handler';
import { changeStatus } from '#functions/inquiries/store';
import { handler as getCalendar } from '#functions/matching/get-calendar.handler';
import { handler as requestProposals } from '#functions/matching/request-proposals.handler';
import { handler as createResource } from '#functions/networks/create-resource.handler';
import { handler as openPool } from '#functions/purchasing/open-pool.handler';
import { handler as getReport } from '#functions/reports/get-utilisation-report.handler';
import { handler as putSchedule } from '#functions/reports/put-report-schedule.handler';
import { type Route, routes } from '#infra/routes';
import { db, tableName } from '#shared/db/client';
import { useScheduler } from '#shared/scheduler/index';
import { call, claims } from '#test/support/api';
import { givenNetwork } from '#test/support/networks';
import {
  apiRoutes,
  callerFor,
  handlerOf,
  multilineFields,
  routeKey,
  samplePath,
  stringLeaves,
  validBodies,
  withLeaf,
} from '#test/support/requests';

/**
 * Bad input that once answered 500 (issue 9, "Bad input"): tampered page cursors, dates outside
 * any sane calendar, and a `#` in a token's ids. Each answers a 4xx problem naming the field.
 */
useScheduler({ upsert: async () => undefined, remove: async () => undefined });

const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
const unb64 = (c: string) =>
  JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as Record<string, string>;

async function givenInquiries(networkId: string, n: number) {
  for (let i = 0; i < n; i++) {
    await call(createInquiry, {
      method: 'POST',
      path: '/inquiries',
      claims: claims.coordinator(networkId),
      body: { customer: { name: 'Karin Berger', email: 'karin@kunde.example' }, text: `Dachstuhl ${i}` },
    });
  }
}

/** Cursors a client could send instead of the one it got: each changes the real one a little. */
function tampered(real: Record<string, string>): string[] {
  const [pkName, pk] = Object.entries(real).find(([k]) => k.endsWith('pk') && k !== 'pk') ?? ['pk', real.pk];
  const only = { [pkName]: pk as string };
  return [
    '!!!not base64!!!',
    b64('not json'),
    b64([]),
    b64('"a string"'),
    b64(42),
    b64(only),
    b64({ ...real, extra: 'x' }),
    b64({ ...real, sk: '' }),
    b64({ ...real, pk: 'x'.repeat(3000) }),
    b64(Object.fromEntries(Object.keys(real).map((k) => [k, k.endsWith('pk') ? real[k] : '']))),
    b64({ ...only, [pkName.replace('pk', 'sk')]: { S: 'x' } }),
  ];
}

describe('page cursors', () => {
  it('answer 400 naming query.cursor when malformed, tampered or from another list', async () => {
    // Prepare: a real cursor from a list with more than one page
    await givenNetwork('cur1');
    await givenInquiries('cur1', 3);
    const first = await call(listInquiries, {
      method: 'GET',
      path: '/inquiries?limit=1',
      claims: claims.coordinator('cur1'),
    });
    expect(first.body.cursor).toEqual(expect.any(String));
    const real = unb64(first.body.cursor);
    const lists: [Parameters<typeof call>[0], string, ReturnType<typeof claims.operator>][] = [
      [listInquiries, '/inquiries', claims.coordinator('cur1')],
      [listInquiries, '/inquiries?status=new', claims.coordinator('cur1')],
      [listQuarantine, '/quarantine', claims.coordinator('cur1')],
      [listUnroutable, '/unroutable', claims.operator()],
    ];
    // Act
    const answers: { list: string; cursor: string; status: number; paths: string[] }[] = [];
    for (const [handler, path, who] of lists) {
      for (const cursor of tampered(real)) {
        const res = await call(handler, {
          method: 'GET',
          path: `${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`,
          claims: who,
        });
        answers.push({
          list: path,
          cursor,
          status: res.status,
          paths: (res.body?.errors ?? []).map((e: { path: string }) => e.path),
        });
      }
    }
    // Assess
    expect(answers.filter((a) => a.status !== 400 || !a.paths.includes('query.cursor'))).toEqual([]);
  });

  it('pages on with the cursor it handed out, and refuses it in another network', async () => {
    // Prepare
    await givenNetwork('cur2');
    await givenNetwork('cur3');
    await givenInquiries('cur2', 2);
    const first = await call(listInquiries, {
      method: 'GET',
      path: '/inquiries?limit=1',
      claims: claims.coordinator('cur2'),
    });
    // Act
    const next = await call(listInquiries, {
      method: 'GET',
      path: `/inquiries?limit=1&cursor=${first.body.cursor}`,
      claims: claims.coordinator('cur2'),
    });
    const foreign = await call(listInquiries, {
      method: 'GET',
      path: `/inquiries?limit=1&cursor=${first.body.cursor}`,
      claims: claims.coordinator('cur3'),
    });
    // Assess
    expect(next.status).toBe(200);
    expect(next.body.items).toHaveLength(1);
    expect(next.body.items[0].id).not.toBe(first.body.items[0].id);
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors.map((e: { path: string }) => e.path)).toEqual(['query.cursor']);
  });
});

describe('dates', () => {
  const bad = ['0001-01-01', '9999-12-31', '2026-02-30', '2025-02-29', '1899-12-31'];

  it('outside the calendar or any sane range answer 400 naming the field, and write nothing', async () => {
    // Prepare
    await givenNetwork('dat1');
    await givenInquiries('dat1', 1);
    const listed = await call(listInquiries, {
      method: 'GET',
      path: '/inquiries',
      claims: claims.coordinator('dat1'),
    });
    const inquiryId = listed.body.items[0].id as string;
    // qualified: ready for matching, which once moved it to `matching` and then failed on the date
    await changeStatus('dat1', inquiryId, 'qualified', 'coord-dat1');
    const coord = claims.coordinator('dat1');
    // Act
    const answers: { what: string; status: number; paths: string[] }[] = [];
    const record = (what: string, res: { status: number; body: { errors?: { path: string }[] } }) =>
      answers.push({ what, status: res.status, paths: (res.body?.errors ?? []).map((e) => e.path) });
    for (const d of bad) {
      record(
        `inquiry timeframe ${d}`,
        await call(createInquiry, {
          method: 'POST',
          path: '/inquiries',
          claims: coord,
          body: {
            customer: { name: 'K', email: 'k@kunde.example' },
            text: 'x',
            timeframe: { from: d, to: d },
          },
        }),
      );
      record(
        `proposals timeframe ${d}`,
        await call(requestProposals, {
          method: 'POST',
          path: `/inquiries/${inquiryId}/proposals`,
          claims: coord,
          body: {
            competences: [{ competenceId: 'carpentry', hours: 8 }],
            timeframe: { from: d, to: d },
          },
        }),
      );
      record(
        `calendar ${d}`,
        await call(getCalendar, { method: 'GET', path: `/calendar?from=${d}&to=${d}`, claims: coord }),
      );
      record(
        `resource exception ${d}`,
        await call(createResource, {
          method: 'POST',
          path: '/partners/dat1-p1/resources',
          claims: coord,
          body: {
            kind: 'people',
            name: 'Anna',
            hoursPerWeek: 38,
            exceptions: [{ from: d, to: d, hours: 0 }],
          },
        }),
      );
      record(
        `report ${d}`,
        await call(getReport, {
          method: 'GET',
          path: `/reports/utilisation?from=${d}&to=${d}`,
          claims: coord,
        }),
      );
      record(
        `schedule ${d}`,
        await call(putSchedule, {
          method: 'PUT',
          path: '/reports/schedule',
          claims: coord,
          body: { frequency: 'once', at: `${d}T07:00` },
        }),
      );
      record(
        `pool deadline ${d}`,
        await call(openPool, {
          method: 'POST',
          path: '/pools',
          claims: coord,
          body: {
            supplier: { name: 'Holz AG', email: 'order@holz.example' },
            article: { name: 'Leim', number: 'L-1', unit: 'kg' },
            listPriceCents: 1000,
            tiers: [{ minQuantity: 10, unitPriceCents: 900 }],
            deadline: `${d}T17:00:00Z`,
          },
        }),
      );
    }
    for (const week of ['0001-W01', '9999-W52', '2025-W53']) {
      record(
        `report ${week}`,
        await call(getReport, { method: 'GET', path: `/reports/utilisation?from=${week}`, claims: coord }),
      );
    }
    const inquiry = await call(getInquiry, { method: 'GET', path: `/inquiries/${inquiryId}`, claims: coord });
    // Assess
    expect(answers.filter((a) => a.status !== 400 || a.paths.length === 0)).toEqual([]);
    expect(inquiry.body.status).toBe('qualified');
  });
});

describe('ids in the token', () => {
  const jwtRoutes = (routes as readonly Route[]).filter((r) => r.auth === 'jwt');
  const fill = (path: string) =>
    path.replace(/\{(\w+)\}/g, (_, n: string) => (n === 'month' ? '2026-11' : 'x1'));

  it.each([
    ['a # in the network id', claims.coordinator('net#1')],
    ['a # in the partner id', claims.partner('tok1', 'p#1')],
    ['upper case and spaces', claims.coordinator('NET 1')],
    ['an over-long network id', claims.coordinator('n'.repeat(200))],
  ])('%s is refused with 401/403 on every route', async (_, who) => {
    // Prepare
    await givenNetwork('tok1').catch(() => undefined);
    // Act
    const answers: { route: string; status: number }[] = [];
    for (const route of jwtRoutes) {
      const { handler } = (await import(`../../${route.entry}`)) as { handler: Parameters<typeof call>[0] };
      const res = await call(handler, {
        method: route.method,
        path: fill(route.path),
        claims: who,
        ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { body: {} }),
      });
      answers.push({ route: `${route.method} ${route.path}`, status: res.status });
    }
    // Assess: role-checked routes may say 403 first; none may answer 5xx or go on to the body
    expect(answers.filter((a) => a.status !== 401 && a.status !== 403)).toEqual([]);
  });
});

describe('control characters', () => {
  const bodyRoutes = apiRoutes.filter((r) => validBodies[routeKey(r)]);

  it('has a valid seed body for every route that takes a body', async () => {
    const takesBody = [];
    for (const r of apiRoutes) if ((await handlerOf(r)).contract.body) takesBody.push(routeKey(r));
    expect(takesBody.sort()).toEqual(bodyRoutes.map(routeKey).sort());
  });

  it.each(bodyRoutes.map((r) => [routeKey(r), r] as const))(
    '%s: every text field refuses NUL, ESC and DEL, single-line ones also CR and LF, naming the field',
    async (_, route) => {
      // Prepare
      await givenNetwork('ctl').catch(() => undefined);
      const handler = await handlerOf(route);
      const seed = validBodies[routeKey(route)]!;
      const send = (body: unknown) =>
        call(handler, {
          method: route.method,
          path: samplePath(route.path, 'ctl-slug'),
          claims: callerFor(handler, 'ctl'),
          body,
          sourceIp: '198.51.100.9',
        });
      const paths = (res: { body: { errors?: { path: string }[] } }) =>
        (res.body?.errors ?? []).map((e) => e.path);
      const seeded = await send(seed);
      // Act
      const wrong: { field: string; char: string; status: number; paths: string[] }[] = [];
      for (const leaf of stringLeaves(seed)) {
        const field = leaf.join('.');
        const multiline = multilineFields.has(leaf.at(-1) as string);
        for (const char of [
          '\u0000',
          '\u001b',
          '\u007f',
          '\u0008',
          ...(multiline ? [] : ['\n', '\r', '\t']),
        ]) {
          const res = await send(withLeaf(seed, leaf, `Ab${char}cd`));
          if (res.status !== 400 || !paths(res).includes(field)) {
            wrong.push({ field, char: JSON.stringify(char), status: res.status, paths: paths(res) });
          }
        }
        if (multiline) {
          const res = await send(withLeaf(seed, leaf, 'Zeile 1\r\nZeile 2\tEnde'));
          if (paths(res).includes(field))
            wrong.push({ field, char: 'CRLF TAB', status: res.status, paths: paths(res) });
        }
      }
      // Assess: the seed itself is valid, and each changed field is refused by name
      expect(paths(seeded)).toEqual([]);
      expect(wrong).toEqual([]);
    },
  );
});

describe('a token for a network that does not exist', () => {
  /** DynamoDB Local counts items live; the tests of one file run one after the other. */
  const itemCount = async () =>
    (await db.send(new DescribeTableCommand({ TableName: tableName }))).Table?.ItemCount ?? 0;

  it('gets 403/404 on every route and writes nothing', async () => {
    // Prepare: valid requests, as the network's own coordinator and partner would send them
    await givenNetwork('real-net');
    const before = await itemCount();
    // Act
    const answers: { route: string; role: string; status: number }[] = [];
    for (const route of apiRoutes.filter((r) => r.auth === 'jwt')) {
      const handler = await handlerOf(route);
      for (const who of [claims.coordinator('ghost-net'), claims.partner('ghost-net', 'ghost-net-p1')]) {
        const res = await call(handler, {
          method: route.method,
          path: samplePath(route.path, 'real-net-slug'),
          claims: who,
          body: validBodies[routeKey(route)],
        });
        answers.push({ route: routeKey(route), role: who['custom:role'] as string, status: res.status });
      }
    }
    const after = await itemCount();
    // Assess
    expect(answers.filter((a) => a.status !== 403 && a.status !== 404)).toEqual([]);
    expect(after).toBe(before);
  });
});
