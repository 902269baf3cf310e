/**
 * The calendar feed (issue 12, "Calendars"): a partner's secret iCal URL lists its accepted jobs,
 * the coordinator's the whole network's; rotating or revoking it makes the old URL a 404.
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { handler as acceptProposal } from '#functions/matching/accept-proposal.handler';
import { handler as getFeed } from '#functions/matching/get-calendar-feed.handler';
import { handler as requestProposals } from '#functions/matching/request-proposals.handler';
import { handler as revokeFeed } from '#functions/matching/revoke-calendar-feed.handler';
import { handler as rotateFeed } from '#functions/matching/rotate-calendar-feed.handler';
import { call, claims } from '#test/support/api';
import { givenInquiry, givenMatchingNetwork, givenPartner } from '#test/support/matching';
import { useFileOutbox } from '#test/support/outbox';

useFileOutbox();
const coord = claims.coordinator;

/** A network with a joinery and an electrician, each with one accepted job of its own in week 10. */
async function givenTwoJobs(id: string) {
  await givenMatchingNetwork(id);
  await givenPartner(id, `${id}-tischler`, { carpentry: 4 }, 40);
  await givenPartner(id, `${id}-elektro`, { electrical: 4 }, 40);
  for (const competenceId of ['carpentry', 'electrical']) {
    const inquiry = await givenInquiry(id, { competences: [{ competenceId, hours: 30 }] });
    const run = await call(requestProposals, {
      method: 'POST',
      path: `/inquiries/${inquiry.id}/proposals`,
      claims: coord(id),
      body: {},
    });
    const accepted = await call(acceptProposal, {
      method: 'POST',
      path: `/inquiries/${inquiry.id}/proposals/${run.body.proposals[0].id}/accept`,
      claims: coord(id),
      body: {},
    });
    expect(accepted.status).toBe(201);
  }
}

const create = (c: Record<string, string>) =>
  call(rotateFeed, { method: 'POST', path: '/calendar/feed', claims: c });
const read = (url: string) =>
  call(getFeed, { method: 'GET', path: new URL(url).pathname, claims: undefined });

/** The feed's events, parsed by ical.js. */
function eventsOf(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  return {
    method: cal.getFirstPropertyValue('method'),
    timezone: cal.getFirstPropertyValue('x-wr-timezone'),
    events: cal.getAllSubcomponents('vevent').map((v) => {
      const e = new ICAL.Event(v);
      return { uid: e.uid, start: e.startDate.toString(), end: e.endDate.toString(), summary: e.summary };
    }),
  };
}

describe('calendar feeds', () => {
  it("gives a partner a feed of its own jobs only, and the coordinator the network's", async () => {
    await givenTwoJobs('cf1');
    // Act
    const mine = await create(claims.partner('cf1', 'cf1-tischler'));
    const network = await create(coord('cf1'));
    // Assess
    expect(mine.status).toBe(201);
    expect(mine.body.url).toMatch(/^https?:\/\/[^/]+\/public\/cf1-slug\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const feed = await read(mine.body.url);
    expect(feed.status).toBe(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const parsed = eventsOf(feed.text);
    expect(parsed.method).toBe('PUBLISH');
    expect(parsed.timezone).toBe('Europe/Vienna');
    // week 10 of 2030 as an all-day span, Monday to the Monday after, with the job mail's UID
    expect(parsed.events).toHaveLength(1);
    expect(parsed.events[0]).toMatchObject({ start: '2030-03-04', end: '2030-03-11' });
    expect(parsed.events[0]!.uid).toMatch(/^job-.+-cf1-tischler-2030-w10@/);
    expect(feed.text).not.toContain('cf1-elektro');
    const all = eventsOf((await read(network.body.url)).text);
    expect(all.events.map((e) => e.uid.includes('cf1-elektro') || e.uid.includes('cf1-tischler'))).toEqual([
      true,
      true,
    ]);
    expect(all.events.some((e) => e.summary.includes('Firma cf1-elektro'))).toBe(true);
  });

  it("never shows another partner's or another network's jobs through a token", async () => {
    await givenTwoJobs('cf2');
    await givenTwoJobs('cf3');
    const elektro = await create(claims.partner('cf2', 'cf2-elektro'));
    const token = new URL(elektro.body.url).pathname.split('/').at(-1)!;
    // the token in another network's URL is unknown there
    const foreign = await call(getFeed, {
      method: 'GET',
      path: `/public/cf3-slug/calendar/${token}`,
      claims: undefined,
    });
    expect(foreign.status).toBe(404);
    expect(foreign.text).not.toContain('VEVENT');
    const own = eventsOf((await read(elektro.body.url)).text);
    expect(own.events.every((e) => e.uid.includes('-cf2-elektro-'))).toBe(true);
  });

  it('rotates: the old URL answers 404, the new one works; revoked, none works', async () => {
    await givenTwoJobs('cf4');
    const partner = claims.partner('cf4', 'cf4-tischler');
    const first = await create(partner);
    const second = await create(partner);
    expect(second.body.url).not.toBe(first.body.url);
    expect((await read(first.body.url)).status).toBe(404);
    expect((await read(second.body.url)).status).toBe(200);
    // Act
    const revoked = await call(revokeFeed, { method: 'DELETE', path: '/calendar/feed', claims: partner });
    // Assess
    expect(revoked.status).toBe(204);
    expect((await read(second.body.url)).status).toBe(404);
    const again = await call(revokeFeed, { method: 'DELETE', path: '/calendar/feed', claims: partner });
    expect(again.status).toBe(404);
  });

  it('leaves one working URL when two rotations race', async () => {
    await givenTwoJobs('cf5');
    const partner = claims.partner('cf5', 'cf5-tischler');
    await create(partner);
    // Act
    const results = await Promise.all([create(partner), create(partner)]);
    // Assess: one wins, the other is told to try again; only the winner's URL answers
    const won = results.filter((r) => r.status === 201);
    expect(won.length).toBeGreaterThanOrEqual(1);
    for (const r of results) if (r.status !== 201) expect(r.status).toBe(409);
    const working = await Promise.all(won.map((r) => read(r.body.url)));
    expect(working.filter((r) => r.status === 200)).toHaveLength(1);
  });

  it('answers 400 naming a malformed token, 404 to an unknown network, 401 without a login', async () => {
    await givenTwoJobs('cf6');
    const bad = await call(getFeed, {
      method: 'GET',
      path: '/public/cf6-slug/calendar/short.ics',
      claims: undefined,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('path.token');
    const ghost = await call(getFeed, {
      method: 'GET',
      path: `/public/no-such-slug/calendar/${'a'.repeat(43)}.ics`,
      claims: undefined,
    });
    expect(ghost.status).toBe(404);
    const anonymous = await call(rotateFeed, { method: 'POST', path: '/calendar/feed', claims: undefined });
    expect(anonymous.status).toBe(401);
  });
});
