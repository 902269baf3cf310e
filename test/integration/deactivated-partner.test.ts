/**
 * A deactivated partner can still read but no longer write anything. Walks the route table:
 * every route a partner token may call that is not a GET is tried with a deactivated partner's
 * token and a request that succeeds once the partner is active again, so a new partner write
 * route fails here until it runs the check (functions/networks/access.ts) and gets a case below.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { handler as deactivatePartner } from '#functions/networks/deactivate-partner.handler';
import { createResource, disabledUsersOf } from '#functions/networks/store';
import { handler as updatePartner } from '#functions/networks/update-partner.handler';
import { routes } from '#infra/routes';
import { networkPk } from '#shared/db/keys';
import { queryAll } from '#shared/db/query';
import { type Scheduler, useScheduler } from '#shared/scheduler/index';
import { type UserDirectory, useUserDirectory } from '#shared/users/index';
import { type ApiResult, call, claims } from '#test/support/api';
import { givenNetwork } from '#test/support/networks';
import { useFileOutbox } from '#test/support/outbox';

useFileOutbox();
// practice files go to the mail storage: a folder here, as in the local runtime
process.env.MAIL_STORE = 'fs';
process.env.ATTACHMENTS_DIR = mkdtempSync(join(tmpdir(), 'verbund-dp-files-'));

const schedulerCalls: string[] = [];
const scheduler: Scheduler = {
  upsert: async (spec) => void schedulerCalls.push(`upsert ${spec.name}`),
  remove: async (name) => void schedulerCalls.push(`remove ${name}`),
};
const directoryCalls: string[] = [];
const fakeDirectory: UserDirectory = {
  disablePartnerUsers: async (networkId, partnerId) => {
    directoryCalls.push(`disable ${networkId}/${partnerId}`);
    return [`user-${partnerId}-a`, `user-${partnerId}-b`];
  },
  enableUsers: async (names) => void directoryCalls.push(`enable ${names.join(',')}`),
};
useUserDirectory(fakeDirectory);

// biome-ignore lint/suspicious/noExplicitAny: handler modules of any route
type Handler = any;
const handlers = new Map<string, Handler>();
/**
 * A partner's answer to an offer needs an accepted job with that partner on it (and a part can be
 * answered once): test/integration/offers.test.ts walks these two through deactivation.
 */
const ANSWERS_ELSEWHERE = new Set([
  'POST /inquiries/{inquiryId}/job/confirm',
  'POST /inquiries/{inquiryId}/job/decline',
]);
/** The partner write routes: not GET, and the handler's contract lets a partner call it. */
const partnerWrites: string[] = [];

beforeAll(async () => {
  for (const r of routes) {
    const mod = await import(`../../${r.entry}`);
    const key = `${r.method} ${r.path}`;
    handlers.set(key, mod.handler);
    const auth = mod.handler.contract?.auth;
    if (r.method !== 'GET' && Array.isArray(auth) && auth.includes('partner') && !ANSWERS_ELSEWHERE.has(key))
      partnerWrites.push(key);
  }
  useScheduler(scheduler);
});

const NET = 'dp';
const ME = 'dp-p1';
const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();
const poolBody = () => ({
  supplier: { name: 'Holz Großhandel GmbH', email: 'orders@holz.example' },
  article: { name: 'OSB-Platte 18 mm', number: 'OSB-18', unit: 'Stk' },
  listPriceCents: 1500,
  tiers: [{ minQuantity: 10, unitPriceCents: 1300 }],
  deadline: inMinutes(60),
});

interface Case {
  path: string;
  body?: unknown;
}

/**
 * One request per partner write route that the active partner ME may make, in an order in which
 * all of them succeed one after the other. `mine` is a pool ME opened and joined, `other` one the
 * coordinator opened.
 */
interface Posts {
  ownQ: string;
  delQ: string;
  otherQ: string;
  myAnswer: string;
  theirAnswer: string;
  practice: string;
  myPractice: string;
  meeting: string;
}
const question = { title: 'Wie kalkuliert ihr?', body: 'Frage', competences: ['carpentry'] };

const cases = (
  pools: { mine: string; other: string },
  funding: { project: string; record: string; cost: string; costSeen: string },
  posts: Posts,
): Record<string, Case> => ({
  'POST /referrals': {
    path: '/referrals',
    body: {
      customer: { name: 'Karl Kunde', email: 'karl@kunde.example' },
      subject: 'Bad',
      text: 'Neues Bad',
    },
  },
  'POST /partners/{partnerId}/resources': {
    path: `/partners/${ME}/resources`,
    body: { id: 'dp-p1-r2', kind: 'people', name: 'Team 2', hoursPerWeek: 20 },
  },
  'PATCH /partners/{partnerId}/resources/{resourceId}': {
    path: `/partners/${ME}/resources/dp-p1-r1`,
    body: { hoursPerWeek: 30 },
  },
  'PATCH /partners/{partnerId}': { path: `/partners/${ME}`, body: { description: 'Tischlerei seit 1950' } },
  'PUT /partners/{partnerId}/competences': {
    path: `/partners/${ME}/competences`,
    body: { competences: [{ competenceId: 'carpentry', level: 5 }] },
  },
  'POST /pools': { path: '/pools', body: poolBody() },
  'POST /pools/{poolId}/lines': { path: `/pools/${pools.other}/lines`, body: { quantity: 10 } },
  'PATCH /pools/{poolId}/lines/{partnerId}': {
    path: `/pools/${pools.mine}/lines/${ME}`,
    body: { quantity: 8 },
  },
  'PUT /reports/subscription': { path: '/reports/subscription', body: { subscribed: false } },
  'PUT /pools/{poolId}/deadline': {
    path: `/pools/${pools.mine}/deadline`,
    body: { deadline: inMinutes(120) },
  },
  'DELETE /pools/{poolId}/lines/{partnerId}': { path: `/pools/${pools.mine}/lines/${ME}` },
  'POST /pools/{poolId}/cancel': { path: `/pools/${pools.mine}/cancel`, body: { reason: 'zu teuer' } },
  'DELETE /partners/{partnerId}/resources/{resourceId}': { path: `/partners/${ME}/resources/dp-p1-r1` },
  'POST /funding/projects/{projectId}/time-records': {
    path: `/funding/projects/${funding.project}/time-records`,
    body: { categoryId: 'eng', workPackageId: 'wp1', when: '2027-W07', hours: 2 },
  },
  'PATCH /funding/projects/{projectId}/time-records/{recordId}': {
    path: `/funding/projects/${funding.project}/time-records/${funding.record}`,
    body: { hours: 3 },
  },
  'POST /funding/projects/{projectId}/costs': {
    path: `/funding/projects/${funding.project}/costs`,
    body: {
      kind: 'material',
      workPackageId: 'wp1',
      date: '2027-02-01',
      amountCents: 100,
      description: 'Holz',
    },
  },
  'PATCH /funding/projects/{projectId}/costs/{costId}': {
    path: `/funding/projects/${funding.project}/costs/${funding.cost}`,
    body: { seen: funding.costSeen, amountCents: 150 },
  },
  'DELETE /funding/projects/{projectId}/costs/{costId}': {
    path: `/funding/projects/${funding.project}/costs/${funding.cost}`,
  },
  'DELETE /funding/projects/{projectId}/time-records/{recordId}': {
    path: `/funding/projects/${funding.project}/time-records/${funding.record}`,
  },
  'POST /exchange/questions': { path: '/exchange/questions', body: question },
  'POST /exchange/practices': { path: '/exchange/practices', body: question },
  'PATCH /exchange/posts/{postId}': {
    path: `/exchange/posts/${posts.ownQ}`,
    body: { version: 1, title: 'Neu' },
  },
  'DELETE /exchange/posts/{postId}': { path: `/exchange/posts/${posts.delQ}` },
  'POST /exchange/posts/{postId}/helpful': { path: `/exchange/posts/${posts.practice}/helpful` },
  'PUT /exchange/meetings/{meetingId}/rsvp': {
    path: `/exchange/meetings/${posts.meeting}/rsvp`,
    body: { answer: 'yes' },
  },
  'PUT /exchange/preferences': {
    path: '/exchange/preferences',
    body: { expertMail: 'digest', weeklyDigest: false },
  },
  'POST /exchange/posts/{postId}/attachments': {
    path: `/exchange/posts/${posts.myPractice}/attachments`,
    body: { filename: 'Liste.txt', contentType: 'text/plain', contentBase64: 'YQ==' },
  },
  'POST /exchange/posts/{postId}/answers': {
    path: `/exchange/posts/${posts.otherQ}/answers`,
    body: { body: 'So' },
  },
  'PATCH /exchange/posts/{postId}/answers/{answerId}': {
    path: `/exchange/posts/${posts.otherQ}/answers/${posts.myAnswer}`,
    body: { version: 1, body: 'Anders' },
  },
  'DELETE /exchange/posts/{postId}/answers/{answerId}': {
    path: `/exchange/posts/${posts.otherQ}/answers/${posts.myAnswer}`,
  },
  'POST /exchange/posts/{postId}/answers/{answerId}/solution': {
    path: `/exchange/posts/${posts.ownQ}/answers/${posts.theirAnswer}/solution`,
  },
  'POST /exchange/posts/{postId}/answers/{answerId}/helpful': {
    path: `/exchange/posts/${posts.ownQ}/answers/${posts.theirAnswer}/helpful`,
  },
  // last, in this order: a feed is made, then revoked
  'POST /calendar/feed': { path: '/calendar/feed' },
  'DELETE /calendar/feed': { path: '/calendar/feed' },
});

/** A funded project ME takes part in, with one record and one cost of ME's. */
async function givenFundingProject(me: Record<string, string>) {
  const project = await send(
    'POST /funding/projects',
    {
      path: '/funding/projects',
      body: {
        title: 'Projekt',
        start: '2027-01-01',
        end: '2027-12-31',
        partners: [{ partnerId: ME, role: 'lead', fundingRatePct: 60 }],
        workPackages: [{ id: 'wp1', title: 'AP 1', plan: [] }],
        categories: [{ id: 'eng', partnerId: ME, name: 'Technik', hourlyRateCents: 8000 }],
      },
    },
    claims.coordinator(NET),
  );
  expect(project.status, project.text).toBe(201);
  const base = `/funding/projects/${project.body.id}`;
  const record = await send(
    'POST /funding/projects/{projectId}/time-records',
    {
      path: `${base}/time-records`,
      body: { categoryId: 'eng', workPackageId: 'wp1', when: '2027-W06', hours: 1 },
    },
    me,
  );
  const cost = await send(
    'POST /funding/projects/{projectId}/costs',
    {
      path: `${base}/costs`,
      body: {
        kind: 'travel',
        workPackageId: 'wp1',
        date: '2027-02-01',
        amountCents: 100,
        description: 'Bahn',
      },
    },
    me,
  );
  expect([record.status, cost.status]).toEqual([201, 201]);
  return {
    project: project.body.id as string,
    record: record.body.id as string,
    cost: cost.body.id as string,
    costSeen: cost.body.createdAt as string,
  };
}

// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely
const send = (key: string, c: Case, as: Record<string, string>): Promise<ApiResult<any>> =>
  call(handlers.get(key)!, { method: key.split(' ')[0]!, path: c.path, claims: as, body: c.body });

const snapshot = async () =>
  (
    await queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': networkPk(NET) },
    })
  )
    .map((i) => JSON.stringify(i))
    .sort();

describe('a deactivated partner', () => {
  it('can write nothing on any partner write route (403 problem+json, nothing written) until re-activated', async () => {
    // Prepare: ME has a resource, opened and joined a pool and subscribed, while active
    await givenNetwork(NET, [ME, 'dp-p2']);
    await createResource(NET, {
      id: 'dp-p1-r1',
      partnerId: ME,
      kind: 'people',
      name: 'Team',
      hoursPerWeek: 40,
      exceptions: [],
    });
    const me = claims.partner(NET, ME);
    const open = async (as: Record<string, string>) => {
      const res = await send('POST /pools', { path: '/pools', body: poolBody() }, as);
      expect(res.status, res.text).toBe(201);
      return res.body.id as string;
    };
    const mine = await open(me);
    const other = await open(claims.coordinator(NET));
    expect(
      (await send('POST /pools/{poolId}/lines', { path: `/pools/${mine}/lines`, body: { quantity: 5 } }, me))
        .status,
    ).toBe(201);
    expect(
      (
        await send(
          'PUT /reports/subscription',
          { path: '/reports/subscription', body: { subscribed: true } },
          me,
        )
      ).status,
    ).toBe(200);
    const them = claims.partner(NET, 'dp-p2');
    const post = async (path: string, body: unknown, as: Record<string, string>) => {
      const key = `POST ${path.replace(/\/exchange\/posts\/[^/]+\/answers$/, '/exchange/posts/{postId}/answers')}`;
      const res = await send(key, { path, body }, as);
      expect(res.status, res.text).toBe(201);
      return res.body.id as string;
    };
    const ownQ = await post('/exchange/questions', question, me);
    const delQ = await post('/exchange/questions', question, me);
    const otherQ = await post('/exchange/questions', question, them);
    const practice = await post('/exchange/practices', question, them);
    const myPractice = await post('/exchange/practices', question, me);
    const meetingAt = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 16);
    const meeting = (
      await send(
        'POST /exchange/meetings',
        {
          path: '/exchange/meetings',
          body: { title: 'Erfa', startsAt: meetingAt, durationMinutes: 60, place: 'Wien', agenda: [] },
        },
        claims.coordinator(NET),
      )
    ).body.id as string;
    const myAnswer = await post(`/exchange/posts/${otherQ}/answers`, { body: 'Ja' }, me);
    const theirAnswer = await post(`/exchange/posts/${ownQ}/answers`, { body: 'So' }, them);
    const all = cases({ mine, other }, await givenFundingProject(me), {
      ownQ,
      delQ,
      otherQ,
      myAnswer,
      theirAnswer,
      practice,
      myPractice,
      meeting,
    });
    // every partner write route has a case, and no case names a route that is not one
    expect(Object.keys(all).sort()).toEqual([...partnerWrites].sort());

    // Act: the coordinator deactivates ME
    const deactivated = await call(deactivatePartner, {
      method: 'POST',
      path: `/partners/${ME}/deactivate`,
      claims: claims.coordinator(NET),
    });
    expect(deactivated.status).toBe(200);
    expect(directoryCalls).toEqual([`disable ${NET}/${ME}`]);
    const before = await snapshot();
    schedulerCalls.length = 0;
    const refused: Record<string, [number, string, string]> = {};
    for (const [key, c] of Object.entries(all)) {
      const res = await send(key, c, me);
      refused[key] = [res.status, res.headers['content-type'] ?? '', res.body.detail];
    }

    // Assess: every write refused the same way, nothing written, nothing scheduled or mailed
    const denial = `partner ${ME} is not active in this network: it can still read, but no longer change anything`;
    expect(refused).toEqual(
      Object.fromEntries(Object.keys(all).map((k) => [k, [403, 'application/problem+json', denial]])),
    );
    expect(await snapshot()).toEqual(before);
    expect(schedulerCalls).toEqual([]);
    // reading still works, and an active partner of the network still writes
    const pool = await call(handlers.get('GET /pools/{poolId}')!, {
      method: 'GET',
      path: `/pools/${mine}`,
      claims: me,
    });
    expect(pool.status).toBe(200);
    const neighbour = await send(
      'POST /pools/{poolId}/lines',
      { path: `/pools/${other}/lines`, body: { quantity: 3 } },
      claims.partner(NET, 'dp-p2'),
    );
    expect(neighbour.status).toBe(201);

    // re-activated, ME's users are enabled again and every one of the same requests lands
    const reactivated = await call(updatePartner, {
      method: 'PATCH',
      path: `/partners/${ME}`,
      claims: claims.coordinator(NET),
      body: { active: true },
    });
    expect(reactivated.status).toBe(200);
    expect(directoryCalls.at(-1)).toBe(`enable user-${ME}-a,user-${ME}-b`);
    for (const [key, c] of Object.entries(all)) {
      const res = await send(key, c, me);
      expect(res.status, `${key}: ${res.text}`).toBeLessThan(300);
    }
  });

  it("another network's coordinator cannot deactivate the partner nor reach its users", async () => {
    await givenNetwork('dq', ['dq-p1']);
    const calls = directoryCalls.length;
    const res = await call(deactivatePartner, {
      method: 'POST',
      path: '/partners/dq-p1/deactivate',
      claims: claims.coordinator('x-dq'),
    });
    expect(res.status).toBe(404);
    expect(directoryCalls.length).toBe(calls);
    const stillActive = await call(handlers.get('PUT /reports/subscription')!, {
      method: 'PUT',
      path: '/reports/subscription',
      claims: claims.partner('dq', 'dq-p1'),
      body: { subscribed: true },
    });
    expect(stillActive.status).toBe(200);
  });

  it('a partner token naming a partner the network does not have writes nothing (403)', async () => {
    await givenNetwork('dr', ['dr-p1']);
    const before = await queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': networkPk('dr') },
    });
    const res = await call(handlers.get('POST /referrals')!, {
      method: 'POST',
      path: '/referrals',
      claims: claims.partner('dr', 'dr-ghost'),
      body: {
        customer: { name: 'Karl Kunde', email: 'karl@kunde.example' },
        subject: 'Bad',
        text: 'Neues Bad',
      },
    });
    expect(res.status).toBe(403);
    const after = await queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': networkPk('dr') },
    });
    expect(after).toEqual(before);
  });

  it('deactivates once when two coordinators deactivate at once, remembering each user once', async () => {
    await givenNetwork('ds', ['ds-p1']);
    const deactivate = () =>
      call(deactivatePartner, {
        method: 'POST',
        path: '/partners/ds-p1/deactivate',
        claims: claims.coordinator('ds'),
      });
    const results = await Promise.all([deactivate(), deactivate()]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(await disabledUsersOf('ds', 'ds-p1')).toEqual(['user-ds-p1-a', 'user-ds-p1-b']);
    const write = await call(handlers.get('PUT /reports/subscription')!, {
      method: 'PUT',
      path: '/reports/subscription',
      claims: claims.partner('ds', 'ds-p1'),
      body: { subscribed: true },
    });
    expect(write.status).toBe(403);
  });

  it('answers 503 when the sign-in directory fails, with the partner already unable to write', async () => {
    // Prepare: a directory that is down
    await givenNetwork('dt', ['dt-p1']);
    useUserDirectory({
      disablePartnerUsers: async () => {
        throw Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' });
      },
      enableUsers: async () => {},
    });
    try {
      // Act
      const res = await call(deactivatePartner, {
        method: 'POST',
        path: '/partners/dt-p1/deactivate',
        claims: claims.coordinator('dt'),
      });
      // Assess: a retryable answer naming what to do; the partner's writes are refused already
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect((res.body as { detail: string }).detail).toBe(
        'partner dt-p1 is deactivated and can no longer change anything, but signing out its users failed: send the deactivation again',
      );
      const write = await call(handlers.get('PUT /reports/subscription')!, {
        method: 'PUT',
        path: '/reports/subscription',
        claims: claims.partner('dt', 'dt-p1'),
        body: { subscribed: true },
      });
      expect(write.status).toBe(403);
    } finally {
      useUserDirectory(fakeDirectory);
    }
  });
});
