/**
 * The web console's client: openapi-fetch typed by docs/api/openapi.d.ts (openapi-typescript).
 * Mostly a compile-time guard (`tsc -p .`, part of `npm test`): `calls` must name every row of
 * infra/routes.ts, each call must type-check against the generated paths, and `answers()` does
 * not compile when a route's success body is typed `never`. At run time each call goes to a
 * stub fetch (no socket) and must reach its own route.
 */
import createClient from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import { compileRoutes, matchRoute } from '#infra/local/api-event';
import { type RouteKey as AnyRouteKey, routes } from '#infra/routes';
import type { paths } from '../../docs/api/openapi';

/** `GET /partners`, … : one per row of the route table but the CORS preflights. */
type RouteKey = Exclude<AnyRouteKey, `OPTIONS ${string}`>;
/** A CORS preflight is the browser's own request, not an operation: OpenAPI documents none. */
const operations = routes.filter((r) => r.method !== 'OPTIONS');

const requested: { method: string; url: string }[] = [];
const ANSWER = JSON.stringify({ items: [{ id: 'demo-p1' }] });
const api = createClient<paths>({
  baseUrl: 'http://api.test',
  fetch: async (request: Request) => {
    requested.push({ method: request.method, url: request.url });
    return new Response(ANSWER, { status: 200, headers: { 'content-type': 'application/json' } });
  },
});

/** Compiles only when the documented success body has a type (a `never` asks for a 2nd argument). */
/** A well-formed (not valid) signed meeting link token. */
const RSVP_SAMPLE = `x1-meeting.x1-partner.1797102000.${'a'.repeat(43)}`;
/** A well-formed (not valid) signed job-part link token. */
const OFFER_SAMPLE = `x1-inquiry.x1-job.x1-partner.1797102000.${'a'.repeat(43)}`;

function answers<D>(
  call: Promise<{ data?: D }>,
  ..._never: [NonNullable<D>] extends [never] ? ['the documented response type is never'] : []
) {
  return call;
}
/** A route that answers 204 No Content. */
const done = (call: Promise<unknown>) => call;

const p = 'demo-p1';
const inquiryId = '01jb0000000000000000000000';
const mailId = 'a'.repeat(32);
const contact = { name: 'Anna Berger', email: 'anna@example.org' };
const fp = '01jf0000000000000000000000';

const calls = {
  'GET /health': () => answers(api.GET('/health')),
  'GET /openapi.json': () => answers(api.GET('/openapi.json')),
  'POST /networks': () =>
    answers(api.POST('/networks', { body: { name: 'Handwerk Nord', slug: 'hwn', contact } })),
  'GET /network': () => answers(api.GET('/network')),
  'PATCH /network': () => answers(api.PATCH('/network', { body: { name: 'Handwerk Nord-Ost' } })),
  'GET /competences': () => answers(api.GET('/competences')),
  'POST /competences': () =>
    answers(api.POST('/competences', { body: { label_de: 'Tischlerei', label_en: 'Carpentry' } })),
  'PATCH /competences/{competenceId}': () =>
    answers(
      api.PATCH('/competences/{competenceId}', {
        params: { path: { competenceId: 'carpentry' } },
        body: { synonyms: ['joinery'] },
      }),
    ),
  'GET /partners': () => answers(api.GET('/partners')),
  'POST /partners': () => answers(api.POST('/partners', { body: { name: 'Tischlerei Holz', contact } })),
  'GET /partners/{partnerId}': () =>
    answers(api.GET('/partners/{partnerId}', { params: { path: { partnerId: p } } })),
  'PATCH /partners/{partnerId}': () =>
    answers(
      api.PATCH('/partners/{partnerId}', { params: { path: { partnerId: p } }, body: { region: 'Wien' } }),
    ),
  'POST /partners/{partnerId}/deactivate': () =>
    answers(api.POST('/partners/{partnerId}/deactivate', { params: { path: { partnerId: p } } })),
  'PUT /partners/{partnerId}/competences': () =>
    answers(
      api.PUT('/partners/{partnerId}/competences', {
        params: { path: { partnerId: p } },
        body: { competences: [{ competenceId: 'carpentry', level: 4 }] },
      }),
    ),
  'POST /partners/{partnerId}/resources': () =>
    answers(
      api.POST('/partners/{partnerId}/resources', {
        params: { path: { partnerId: p } },
        body: { kind: 'people', name: 'Team A', hoursPerWeek: 76 },
      }),
    ),
  'PATCH /partners/{partnerId}/resources/{resourceId}': () =>
    answers(
      api.PATCH('/partners/{partnerId}/resources/{resourceId}', {
        params: { path: { partnerId: p, resourceId: 'team-a' } },
        body: { hoursPerWeek: 38 },
      }),
    ),
  'DELETE /partners/{partnerId}/resources/{resourceId}': () =>
    done(
      api.DELETE('/partners/{partnerId}/resources/{resourceId}', {
        params: { path: { partnerId: p, resourceId: 'team-a' } },
      }),
    ),
  'POST /public/{slug}/inquiries': () =>
    answers(
      api.POST('/public/{slug}/inquiries', {
        params: { path: { slug: 'hwn' }, header: { 'Idempotency-Key': 'form-1' } },
        body: { customer: contact, text: 'Neue Küche', consent: true },
      }),
    ),
  'POST /inquiries': () =>
    answers(
      api.POST('/inquiries', {
        params: { header: { 'Idempotency-Key': 'api-1' } },
        body: { customer: contact, text: 'Bad sanieren' },
      }),
    ),
  'GET /inquiries': () =>
    answers(api.GET('/inquiries', { params: { query: { status: 'new', limit: '10' } } })),
  'GET /inquiries/{inquiryId}': () =>
    answers(api.GET('/inquiries/{inquiryId}', { params: { path: { inquiryId } } })),
  'GET /inquiries/{inquiryId}/photos/{photoId}': () =>
    answers(
      api.GET('/inquiries/{inquiryId}/photos/{photoId}', {
        params: { path: { inquiryId, photoId: 'p1' } },
        parseAs: 'blob',
      }),
    ),
  'POST /inquiries/{inquiryId}/status': () =>
    answers(
      api.POST('/inquiries/{inquiryId}/status', {
        params: { path: { inquiryId } },
        body: { status: 'qualified' },
      }),
    ),
  'POST /inquiries/{inquiryId}/job/confirm': () =>
    answers(api.POST('/inquiries/{inquiryId}/job/confirm', { params: { path: { inquiryId } } })),
  'POST /inquiries/{inquiryId}/job/decline': () =>
    answers(api.POST('/inquiries/{inquiryId}/job/decline', { params: { path: { inquiryId } } })),
  'POST /inquiries/{inquiryId}/job/parts/{partnerId}/replacements': () =>
    answers(
      api.POST('/inquiries/{inquiryId}/job/parts/{partnerId}/replacements', {
        params: { path: { inquiryId, partnerId: p } },
        body: { count: 2 },
      }),
    ),
  'POST /inquiries/{inquiryId}/notes': () =>
    answers(
      api.POST('/inquiries/{inquiryId}/notes', {
        params: { path: { inquiryId } },
        body: { text: 'angerufen' },
      }),
    ),
  'POST /inquiries/{inquiryId}/replies': () =>
    answers(
      api.POST('/inquiries/{inquiryId}/replies', {
        params: { path: { inquiryId } },
        body: { text: 'Danke für Ihre Anfrage' },
      }),
    ),
  'PUT /inquiries/{inquiryId}/competences': () =>
    answers(
      api.PUT('/inquiries/{inquiryId}/competences', {
        params: { path: { inquiryId } },
        body: { competences: [{ competenceId: 'carpentry', hours: 40 }] },
      }),
    ),
  'GET /quarantine': () => answers(api.GET('/quarantine')),
  'POST /quarantine/{mailId}/release': () =>
    answers(api.POST('/quarantine/{mailId}/release', { params: { path: { mailId } } })),
  'GET /held-mail': () => answers(api.GET('/held-mail')),
  'POST /held-mail/{mailId}/confirm': () =>
    answers(api.POST('/held-mail/{mailId}/confirm', { params: { path: { mailId } } })),
  'POST /held-mail/{mailId}/reject': () =>
    answers(api.POST('/held-mail/{mailId}/reject', { params: { path: { mailId } } })),
  'GET /automatic-mail': () => answers(api.GET('/automatic-mail')),
  'POST /automatic-mail/{mailId}/release': () =>
    answers(api.POST('/automatic-mail/{mailId}/release', { params: { path: { mailId } } })),
  'GET /mail/{mailId}/raw': () =>
    answers(api.GET('/mail/{mailId}/raw', { params: { path: { mailId } }, parseAs: 'text' })),
  'GET /unroutable': () => answers(api.GET('/unroutable', { params: { query: { month: '2026-11' } } })),
  'GET /unroutable/{month}/{mailId}/raw': () =>
    answers(
      api.GET('/unroutable/{month}/{mailId}/raw', {
        params: { path: { month: '2026-11', mailId } },
        parseAs: 'text',
      }),
    ),
  'POST /inquiries/{inquiryId}/proposals': () =>
    answers(api.POST('/inquiries/{inquiryId}/proposals', { params: { path: { inquiryId } }, body: {} })),
  'GET /inquiries/{inquiryId}/proposals': () =>
    answers(api.GET('/inquiries/{inquiryId}/proposals', { params: { path: { inquiryId } } })),
  'POST /inquiries/{inquiryId}/proposals/{proposalId}/accept': () =>
    answers(
      api.POST('/inquiries/{inquiryId}/proposals/{proposalId}/accept', {
        params: { path: { inquiryId, proposalId: `${inquiryId}-1` } },
        body: { leadPartnerId: p },
      }),
    ),
  'GET /inquiries/{inquiryId}/job': () =>
    answers(api.GET('/inquiries/{inquiryId}/job', { params: { path: { inquiryId } } })),
  'DELETE /inquiries/{inquiryId}/job': () =>
    answers(api.DELETE('/inquiries/{inquiryId}/job', { params: { path: { inquiryId } } })),
  'GET /proposals': () => answers(api.GET('/proposals')),
  'POST /referrals': () =>
    answers(api.POST('/referrals', { body: { customer: contact, subject: 'Dachboden', text: 'Ausbau' } })),
  'GET /referrals/ledger': () =>
    answers(api.GET('/referrals/ledger', { params: { query: { from: '2026-01-01', to: '2026-12-31' } } })),
  'GET /jobs': () => answers(api.GET('/jobs')),
  'GET /public/{slug}/form': () =>
    api.GET('/public/{slug}/form', { params: { path: { slug: 'demo' }, query: { lang: 'en' } } }),
  'GET /public/{slug}/status/{token}': () =>
    answers(
      api.GET('/public/{slug}/status/{token}', { params: { path: { slug: 'demo', token: 'a'.repeat(32) } } }),
    ),
  'POST /public/{slug}/status/{token}/messages': () =>
    answers(
      api.POST('/public/{slug}/status/{token}/messages', {
        params: { path: { slug: 'demo', token: 'a'.repeat(32) } },
        body: { text: 'Hallo' },
      }),
    ),
  'GET /calendar': () => answers(api.GET('/calendar', { params: { query: { partnerId: p } } })),
  'POST /calendar/feed': () => answers(api.POST('/calendar/feed')),
  'DELETE /calendar/feed': () => done(api.DELETE('/calendar/feed')),
  'GET /public/{slug}/calendar/{token}': () =>
    api.GET('/public/{slug}/calendar/{token}', {
      params: { path: { slug: 'demo', token: `${'x'.repeat(43)}.ics` } },
      parseAs: 'text',
    }),
  'POST /pools': () =>
    answers(
      api.POST('/pools', {
        body: {
          supplier: { name: 'Holzhandel', email: 'order@example.org' },
          article: { name: 'Eichenbrett', number: 'EB-20', unit: 'Stück' },
          listPriceCents: 1200,
          tiers: [{ minQuantity: 100, unitPriceCents: 1000 }],
          deadline: '2026-12-20T17:00:00+01:00',
        },
      }),
    ),
  'GET /pools': () => answers(api.GET('/pools', { params: { query: { state: 'open' } } })),
  'GET /pools/{poolId}': () =>
    answers(api.GET('/pools/{poolId}', { params: { path: { poolId: 'pool-1' } } })),
  'POST /pools/{poolId}/lines': () =>
    answers(
      api.POST('/pools/{poolId}/lines', { params: { path: { poolId: 'pool-1' } }, body: { quantity: 5 } }),
    ),
  'PATCH /pools/{poolId}/lines/{partnerId}': () =>
    answers(
      api.PATCH('/pools/{poolId}/lines/{partnerId}', {
        params: { path: { poolId: 'pool-1', partnerId: p } },
        body: { quantity: 8 },
      }),
    ),
  'DELETE /pools/{poolId}/lines/{partnerId}': () =>
    answers(
      api.DELETE('/pools/{poolId}/lines/{partnerId}', {
        params: { path: { poolId: 'pool-1', partnerId: p } },
      }),
    ),
  'PUT /pools/{poolId}/deadline': () =>
    answers(
      api.PUT('/pools/{poolId}/deadline', {
        params: { path: { poolId: 'pool-1' } },
        body: { deadline: '2026-12-22T17:00:00Z' },
      }),
    ),
  'POST /pools/{poolId}/cancel': () =>
    answers(
      api.POST('/pools/{poolId}/cancel', {
        params: { path: { poolId: 'pool-1' } },
        body: { reason: 'zu wenig' },
      }),
    ),
  'POST /pools/{poolId}/close': () =>
    answers(api.POST('/pools/{poolId}/close', { params: { path: { poolId: 'pool-1' } } })),
  'GET /partners/{partnerId}/purchases': () =>
    answers(api.GET('/partners/{partnerId}/purchases', { params: { path: { partnerId: p } } })),
  'GET /usage': () => answers(api.GET('/usage', { params: { query: { month: '2026-11' } } })),
  'GET /reports/utilisation': () =>
    answers(api.GET('/reports/utilisation', { params: { query: { from: '2026-W40', to: '2026-W52' } } })),
  'GET /reports/schedule': () => answers(api.GET('/reports/schedule')),
  'PUT /reports/schedule': () =>
    answers(api.PUT('/reports/schedule', { body: { frequency: 'weekly', weekday: 'MON', time: '07:00' } })),
  'DELETE /reports/schedule': () => done(api.DELETE('/reports/schedule')),
  'PUT /reports/subscription': () =>
    answers(api.PUT('/reports/subscription', { body: { subscribed: true } })),
  'GET /reports/history': () => answers(api.GET('/reports/history', { params: { query: { limit: '5' } } })),
  'POST /funding/projects': () =>
    answers(
      api.POST('/funding/projects', {
        body: {
          title: 'Digitale Werkstatt',
          start: '2027-01-01',
          end: '2028-12-31',
          partners: [{ partnerId: p, role: 'lead', fundingRatePct: 60 }],
          workPackages: [
            { id: 'wp1', title: 'Analyse', plan: [{ partnerId: p, hours: 10, personnelCents: 85_000 }] },
          ],
          categories: [{ id: 'eng', partnerId: p, name: 'Technik', hourlyRateCents: 8500 }],
        },
      }),
    ),
  'GET /funding/projects': () => answers(api.GET('/funding/projects')),
  'POST /funding/checks': () =>
    answers(
      api.POST('/funding/checks', {
        body: { start: '2027-01-01', end: '2028-12-31', partners: [], workPackages: [], categories: [] },
      }),
    ),
  'GET /funding/programmes': () => answers(api.GET('/funding/programmes')),
  'PATCH /funding/projects/{projectId}/costs/{costId}': () =>
    answers(
      api.PATCH('/funding/projects/{projectId}/costs/{costId}', {
        params: { path: { projectId: fp, costId: 'c1' } },
        body: { seen: '2027-02-03T10:00:00.000Z', amountCents: 5000 },
      }),
    ),
  'GET /funding/projects/{projectId}': () =>
    answers(api.GET('/funding/projects/{projectId}', { params: { path: { projectId: fp } } })),
  'PATCH /funding/projects/{projectId}': () =>
    answers(
      api.PATCH('/funding/projects/{projectId}', {
        params: { path: { projectId: fp } },
        body: { revision: 1, title: 'Neu' },
      }),
    ),
  'POST /funding/projects/{projectId}/time-records': () =>
    answers(
      api.POST('/funding/projects/{projectId}/time-records', {
        params: { path: { projectId: fp } },
        body: { categoryId: 'eng', workPackageId: 'wp1', when: '2027-W05', hours: 7.5 },
      }),
    ),
  'GET /funding/projects/{projectId}/time-records': () =>
    answers(
      api.GET('/funding/projects/{projectId}/time-records', {
        params: { path: { projectId: fp }, query: { partnerId: p } },
      }),
    ),
  'PATCH /funding/projects/{projectId}/time-records/{recordId}': () =>
    answers(
      api.PATCH('/funding/projects/{projectId}/time-records/{recordId}', {
        params: { path: { projectId: fp, recordId: 'r1' } },
        body: { hours: 8 },
      }),
    ),
  'DELETE /funding/projects/{projectId}/time-records/{recordId}': () =>
    done(
      api.DELETE('/funding/projects/{projectId}/time-records/{recordId}', {
        params: { path: { projectId: fp, recordId: 'r1' } },
      }),
    ),
  'POST /funding/projects/{projectId}/costs': () =>
    answers(
      api.POST('/funding/projects/{projectId}/costs', {
        params: { path: { projectId: fp } },
        body: {
          kind: 'travel',
          workPackageId: 'wp1',
          date: '2027-02-03',
          amountCents: 4500,
          description: 'Bahn',
        },
      }),
    ),
  'GET /funding/projects/{projectId}/costs': () =>
    answers(api.GET('/funding/projects/{projectId}/costs', { params: { path: { projectId: fp } } })),
  'DELETE /funding/projects/{projectId}/costs/{costId}': () =>
    done(
      api.DELETE('/funding/projects/{projectId}/costs/{costId}', {
        params: { path: { projectId: fp, costId: 'c1' } },
      }),
    ),
  'GET /funding/projects/{projectId}/costs/{costId}/receipt': () =>
    done(
      api.GET('/funding/projects/{projectId}/costs/{costId}/receipt', {
        params: { path: { projectId: fp, costId: 'c1' } },
        parseAs: 'blob',
      }),
    ),
  'POST /funding/projects/{projectId}/periods/{periodId}/close': () =>
    answers(
      api.POST('/funding/projects/{projectId}/periods/{periodId}/close', {
        params: { path: { projectId: fp, periodId: 'p1' } },
      }),
    ),
  'POST /funding/projects/{projectId}/periods/{periodId}/reopen': () =>
    answers(
      api.POST('/funding/projects/{projectId}/periods/{periodId}/reopen', {
        params: { path: { projectId: fp, periodId: 'p1' } },
      }),
    ),
  'GET /funding/projects/{projectId}/report': () =>
    answers(
      api.GET('/funding/projects/{projectId}/report', {
        params: { path: { projectId: fp }, query: { period: 'p1', format: 'json' } },
      }),
    ),
  'POST /exchange/questions': () =>
    answers(
      api.POST('/exchange/questions', { body: { title: 'Wie?', body: 'So?', competences: ['carpentry'] } }),
    ),
  'POST /exchange/practices': () =>
    answers(
      api.POST('/exchange/practices', { body: { title: 'So', body: '- a', competences: ['carpentry'] } }),
    ),
  'GET /exchange/posts': () =>
    answers(api.GET('/exchange/posts', { params: { query: { q: 'Angebot', sort: 'helpful', limit: '5' } } })),
  'GET /exchange/posts/{postId}': () =>
    answers(api.GET('/exchange/posts/{postId}', { params: { path: { postId: inquiryId } } })),
  'PATCH /exchange/posts/{postId}': () =>
    answers(
      api.PATCH('/exchange/posts/{postId}', {
        params: { path: { postId: inquiryId } },
        body: { version: 1, title: 'Neu' },
      }),
    ),
  'DELETE /exchange/posts/{postId}': () =>
    done(api.DELETE('/exchange/posts/{postId}', { params: { path: { postId: inquiryId } } })),
  'GET /exchange/posts/{postId}/history': () =>
    answers(api.GET('/exchange/posts/{postId}/history', { params: { path: { postId: inquiryId } } })),
  'POST /exchange/posts/{postId}/moderation': () =>
    answers(
      api.POST('/exchange/posts/{postId}/moderation', {
        params: { path: { postId: inquiryId } },
        body: { locked: true },
      }),
    ),
  'POST /exchange/posts/{postId}/helpful': () =>
    answers(api.POST('/exchange/posts/{postId}/helpful', { params: { path: { postId: inquiryId } } })),
  'POST /exchange/posts/{postId}/answers': () =>
    answers(
      api.POST('/exchange/posts/{postId}/answers', {
        params: { path: { postId: inquiryId } },
        body: { body: 'So.' },
      }),
    ),
  'PATCH /exchange/posts/{postId}/answers/{answerId}': () =>
    answers(
      api.PATCH('/exchange/posts/{postId}/answers/{answerId}', {
        params: { path: { postId: inquiryId, answerId: inquiryId } },
        body: { version: 1, body: 'Anders.' },
      }),
    ),
  'DELETE /exchange/posts/{postId}/answers/{answerId}': () =>
    done(
      api.DELETE('/exchange/posts/{postId}/answers/{answerId}', {
        params: { path: { postId: inquiryId, answerId: inquiryId } },
      }),
    ),
  'POST /exchange/posts/{postId}/answers/{answerId}/solution': () =>
    answers(
      api.POST('/exchange/posts/{postId}/answers/{answerId}/solution', {
        params: { path: { postId: inquiryId, answerId: inquiryId } },
      }),
    ),
  'POST /exchange/posts/{postId}/answers/{answerId}/helpful': () =>
    answers(
      api.POST('/exchange/posts/{postId}/answers/{answerId}/helpful', {
        params: { path: { postId: inquiryId, answerId: inquiryId } },
      }),
    ),
  'POST /exchange/posts/{postId}/attachments': () =>
    answers(
      api.POST('/exchange/posts/{postId}/attachments', {
        params: { path: { postId: inquiryId } },
        body: { filename: 'a.txt', contentType: 'text/plain', contentBase64: 'YQ==' },
      }),
    ),
  'GET /exchange/posts/{postId}/attachments/{attachmentId}': () =>
    answers(
      api.GET('/exchange/posts/{postId}/attachments/{attachmentId}', {
        params: { path: { postId: inquiryId, attachmentId: inquiryId } },
        parseAs: 'blob',
      }),
    ),
  'GET /notifications/preference': () => answers(api.GET('/notifications/preference')),
  'PUT /notifications/preference': () =>
    answers(api.PUT('/notifications/preference', { body: { delivery: 'daily', language: 'de-AT' } })),
  'GET /exchange/preferences': () => answers(api.GET('/exchange/preferences')),
  'PUT /exchange/preferences': () =>
    answers(api.PUT('/exchange/preferences', { body: { expertMail: 'digest', weeklyDigest: false } })),
  'POST /exchange/meetings': () =>
    answers(
      api.POST('/exchange/meetings', {
        body: { title: 'Erfa', startsAt: '2026-12-10T18:00', durationMinutes: 60, place: 'Wien', agenda: [] },
      }),
    ),
  'GET /exchange/meetings': () =>
    answers(api.GET('/exchange/meetings', { params: { query: { when: 'past' } } })),
  'POST /exchange/meetings/{meetingId}/cancellation': () =>
    answers(
      api.POST('/exchange/meetings/{meetingId}/cancellation', { params: { path: { meetingId: inquiryId } } }),
    ),
  'GET /public/{slug}/rsvp/{token}': () =>
    api.GET('/public/{slug}/rsvp/{token}', {
      params: { path: { slug: 'demo', token: RSVP_SAMPLE }, query: { answer: 'yes' } },
    }),
  'POST /public/{slug}/rsvp/{token}': () =>
    answers(
      api.POST('/public/{slug}/rsvp/{token}', {
        params: { path: { slug: 'demo', token: RSVP_SAMPLE } },
        body: { answer: 'maybe' },
      }),
    ),
  'GET /public/{slug}/offer/{token}': () =>
    api.GET('/public/{slug}/offer/{token}', {
      params: { path: { slug: 'demo', token: OFFER_SAMPLE }, query: { lang: 'en' } },
    }),
  'POST /public/{slug}/offer/{token}': () =>
    answers(
      api.POST('/public/{slug}/offer/{token}', {
        params: { path: { slug: 'demo', token: OFFER_SAMPLE } },
        body: { answer: 'confirm' },
      }),
    ),
  'GET /exchange/meetings/{meetingId}': () =>
    answers(api.GET('/exchange/meetings/{meetingId}', { params: { path: { meetingId: inquiryId } } })),
  'PUT /exchange/meetings/{meetingId}/rsvp': () =>
    answers(
      api.PUT('/exchange/meetings/{meetingId}/rsvp', {
        params: { path: { meetingId: inquiryId } },
        body: { answer: 'yes' },
      }),
    ),
  'PUT /exchange/meetings/{meetingId}/minutes': () =>
    answers(
      api.PUT('/exchange/meetings/{meetingId}/minutes', {
        params: { path: { meetingId: inquiryId } },
        body: { minutes: 'x' },
      }),
    ),
  'PUT /exchange/digest': () => answers(api.PUT('/exchange/digest', { body: { enabled: true } })),
} satisfies Record<RouteKey, () => Promise<unknown>>;

describe('openapi-fetch client typed by docs/api/openapi.d.ts', () => {
  it('reaches every route of the table with the method and path the types allow', async () => {
    const compiled = compileRoutes(routes);
    for (const [key, call] of Object.entries(calls)) {
      requested.length = 0;
      await call();
      expect(requested, key).toHaveLength(1);
      const { method, url } = requested[0]!;
      const match = matchRoute(compiled, method, new URL(url).pathname);
      expect(match.kind === 'found' ? match.compiled.routeKey : match.kind, key).toBe(key);
    }
    expect(Object.keys(calls).sort()).toEqual(operations.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('types a success body, a documented problem and the raw mail download', async () => {
    const { data, error } = await api.GET('/partners');
    // compile-time: the body is a list, a problem has errors with codes
    const ids: string[] | undefined = data?.items.map((item) => item.id);
    const codes: string[] | undefined =
      error && 'errors' in error ? error.errors?.map((e) => e.code) : undefined;
    expect([ids, codes]).toEqual([['demo-p1'], undefined]);
    const raw = await api.GET('/mail/{mailId}/raw', { params: { path: { mailId } }, parseAs: 'text' });
    const text: string | undefined = raw.data;
    expect(text).toBe(ANSWER);
  });
});
