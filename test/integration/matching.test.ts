import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { formatThreadToken } from '#functions/inquiries/reference';
import { getInquiry, getInquiryWithTimeline } from '#functions/inquiries/store';
import { handler as acceptProposal } from '#functions/matching/accept-proposal.handler';
import { handler as cancelJob } from '#functions/matching/cancel-job.handler';
import { handler as createReferral } from '#functions/matching/create-referral.handler';
import { handler as getCalendar } from '#functions/matching/get-calendar.handler';
import { handler as getJob } from '#functions/matching/get-job.handler';
import { handler as getLedger } from '#functions/matching/get-ledger.handler';
import { handler as listOffers } from '#functions/matching/list-offers.handler';
import { handler as listProposals } from '#functions/matching/list-proposals.handler';
import { handler as requestProposals } from '#functions/matching/request-proposals.handler';
import { listBookings, listLedger } from '#functions/matching/store';
import { db, tableName } from '#shared/db/client';
import { usageMonth } from '#shared/metering/events';
import { usageKey } from '#shared/metering/store';
import { call, claims } from '#test/support/api';
import { givenInquiry, givenMatchingNetwork, givenPartner, WEEK } from '#test/support/matching';
import { deliverQueuedMail, readOutbox } from '#test/support/outbox';

const OUTBOX = mkdtempSync(join(tmpdir(), 'verbund-matching-outbox-'));
process.env.MAIL_TRANSPORT = 'file';
process.env.OUTBOX_DIR = OUTBOX;

const coord = claims.coordinator;

async function usage(networkId: string) {
  const out = await db.send(new GetCommand({ TableName: tableName, Key: usageKey(networkId, usageMonth()) }));
  return out.Item ?? {};
}

const propose = (networkId: string, inquiryId: string, body: object = {}) =>
  call(requestProposals, {
    method: 'POST',
    path: `/inquiries/${inquiryId}/proposals`,
    claims: coord(networkId),
    body,
  });

const accept = (networkId: string, inquiryId: string, proposalId: string, body: object = {}) =>
  call(acceptProposal, {
    method: 'POST',
    path: `/inquiries/${inquiryId}/proposals/${proposalId}/accept`,
    claims: coord(networkId),
    body,
  });

const calendarOf = (c: Record<string, string>, query = `from=${WEEK.from}&to=${WEEK.to}`) =>
  call(getCalendar, { method: 'GET', path: `/calendar?${query}`, claims: c });

/** The network m1: a joiner, an electrician, a firm doing both (half booked later), a plumber. */
async function givenM1(id: string) {
  await givenMatchingNetwork(id);
  await givenPartner(id, `${id}-tischler`, { carpentry: 5 }, 40, { postcode: '1010' });
  await givenPartner(id, `${id}-elektro`, { electrical: 4 }, 40, { postcode: '1020' });
  await givenPartner(id, `${id}-sanitaer`, { plumbing: 4 }, 40, { postcode: '1030' });
}

describe('POST /inquiries/{inquiryId}/proposals', () => {
  it('gives the coordinator ranked, explained team proposals and moves the inquiry to proposed', async () => {
    // Prepare
    await givenM1('m1');
    const inquiry = await givenInquiry('m1', {
      competences: [
        { competenceId: 'carpentry', hours: 20 },
        { competenceId: 'electrical', hours: 10 },
      ],
      postcode: '1010',
    });
    // Act
    const res = await propose('m1', inquiry.id);
    // Assess
    expect(res.status).toBe(201);
    expect(res.body.proposals).toHaveLength(1);
    const [best] = res.body.proposals;
    expect(best).toMatchObject({
      id: `${res.body.id}-1`,
      complete: true,
      partnerIds: ['m1-elektro', 'm1-tischler'],
      leadPartnerId: 'm1-tischler',
      relaxed: [],
    });
    expect(best.explanation.map((t: { term: string }) => t.term)).toEqual([
      'coverage',
      'partners',
      'idle',
      'fairness',
      'proximity',
    ]);
    expect((await getInquiry('m1', inquiry.id))?.status).toBe('proposed');
    expect((await usage('m1')).matchRuns).toBe(1);
    const { timeline } = (await getInquiryWithTimeline('m1', inquiry.id))!;
    expect(timeline.map((t) => t.kind)).toContain('proposals');
  });

  it('matches competences and timeframe sent with the request instead of the inquiry’s', async () => {
    await givenM1('m2');
    const inquiry = await givenInquiry('m2', { competences: [{ competenceId: 'carpentry' }] });
    const res = await propose('m2', inquiry.id, {
      competences: [{ competenceId: 'plumbing', hours: 12, minLevel: 3 }],
      timeframe: { from: '2030-03-04', to: '2030-03-17' },
      count: 5,
    });
    expect(res.status).toBe(201);
    expect(res.body.weeks).toEqual(['2030-W10', '2030-W11']);
    expect(res.body.proposals.map((p: { partnerIds: string[] }) => p.partnerIds)).toEqual([['m2-sanitaer']]);
  });

  it('says why when nobody can do the work, and keeps the inquiry in matching', async () => {
    await givenM1('m3');
    const inquiry = await givenInquiry('m3', { competences: [{ competenceId: 'carpentry', hours: 200 }] });
    const res = await propose('m3', inquiry.id);
    expect(res.status).toBe(201);
    expect(res.body.proposals).toEqual([]);
    expect(res.body.reasons).toEqual([
      'carpentry: the partners who have it have at most 40 of the 200 hours free in the timeframe',
    ]);
    expect((await getInquiry('m3', inquiry.id))?.status).toBe('matching');
  });

  it('names the missing hours and unknown fields with 400 and changes nothing', async () => {
    // Prepare
    await givenM1('m4');
    const noHours = await givenInquiry('m4', { competences: [{ competenceId: 'carpentry' }] });
    // Act
    const missing = await propose('m4', noHours.id);
    const bad = await propose('m4', noHours.id, {
      count: 0,
      competences: [{ competenceId: 'roofing', hours: 1.5 }],
      colour: 'red',
    });
    const unknown = await propose('m4', noHours.id, { competences: [{ competenceId: 'roofing', hours: 5 }] });
    // Assess
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([
      {
        path: 'competences',
        message: expect.stringContaining('no estimated hours for carpentry'),
        code: 'no_hours',
      },
    ]);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'colour',
      'competences.0.hours',
      'count',
    ]);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([
      {
        path: 'competences.0.competenceId',
        message: "roofing is not in the network's taxonomy",
        code: 'unknown_competence',
      },
    ]);
    expect((await getInquiry('m4', noHours.id))?.status).toBe('qualified');
    const list = await call(listProposals, {
      method: 'GET',
      path: `/inquiries/${noHours.id}/proposals`,
      claims: coord('m4'),
    });
    expect(list.status).toBe(404);
  });

  it('refuses inquiries that are not ready (new) with 409', async () => {
    await givenM1('m5');
    const fresh = await givenInquiry('m5', {
      competences: [{ competenceId: 'carpentry', hours: 5 }],
      status: 'new',
    });
    const res = await propose('m5', fresh.id);
    expect(res.status).toBe(409);
    expect(res.body.detail).toContain('is new');
  });

  it('lets no partner run the matcher and shows another network nothing', async () => {
    await givenM1('m6');
    await givenM1('x6');
    const inquiry = await givenInquiry('m6', { competences: [{ competenceId: 'carpentry', hours: 5 }] });
    const asPartner = await call(requestProposals, {
      method: 'POST',
      path: `/inquiries/${inquiry.id}/proposals`,
      claims: claims.partner('m6', 'm6-tischler'),
      body: {},
    });
    const otherNetwork = await propose('x6', inquiry.id);
    expect(asPartner.status).toBe(403);
    expect(otherNetwork.status).toBe(404);
    expect((await getInquiry('m6', inquiry.id))?.status).toBe('qualified');
  });

  it('of two coordinators matching at once, each gets an answer and the inquiry ends proposed', async () => {
    await givenM1('m7');
    const inquiry = await givenInquiry('m7', { competences: [{ competenceId: 'carpentry', hours: 5 }] });
    const results = await Promise.all([propose('m7', inquiry.id), propose('m7', inquiry.id)]);
    // at least one run lands; a loser learns it with 409, never a 5xx
    expect(results.map((r) => r.status).every((s) => s === 201 || s === 409)).toBe(true);
    expect(results.some((r) => r.status === 201)).toBe(true);
    expect((await getInquiry('m7', inquiry.id))?.status).toBe('proposed');
  });
});

describe('GET /inquiries/{inquiryId}/proposals and GET /proposals', () => {
  it('shows a partner only the proposals it is part of, without the others’ capacity', async () => {
    // Prepare
    await givenM1('v1');
    const inquiry = await givenInquiry('v1', {
      competences: [
        { competenceId: 'carpentry', hours: 20 },
        { competenceId: 'electrical', hours: 10 },
      ],
    });
    await propose('v1', inquiry.id);
    // Act
    const asMember = await call(listProposals, {
      method: 'GET',
      path: `/inquiries/${inquiry.id}/proposals`,
      claims: claims.partner('v1', 'v1-elektro'),
    });
    const asOutsider = await call(listProposals, {
      method: 'GET',
      path: `/inquiries/${inquiry.id}/proposals`,
      claims: claims.partner('v1', 'v1-sanitaer'),
    });
    const offers = await call(listOffers, {
      method: 'GET',
      path: '/proposals',
      claims: claims.partner('v1', 'v1-elektro'),
    });
    const noOffers = await call(listOffers, {
      method: 'GET',
      path: '/proposals',
      claims: claims.partner('v1', 'v1-sanitaer'),
    });
    // Assess
    expect(asMember.status).toBe(200);
    expect(asMember.body.proposals).toHaveLength(1);
    expect(Object.keys(asMember.body.proposals[0]).sort()).toEqual([
      'assignments',
      'complete',
      'id',
      'leadPartnerId',
      'partnerIds',
      'rank',
    ]);
    expect(JSON.stringify(asMember.body)).not.toContain('utilisation');
    expect(asOutsider.status).toBe(404);
    expect(offers.body.items.map((o: { inquiryId: string }) => o.inquiryId)).toEqual([inquiry.id]);
    expect(noOffers.body.items).toEqual([]);
  });

  it('answers 404 to another network and 403 to coordinators asking for partner offers', async () => {
    await givenM1('v2');
    const inquiry = await givenInquiry('v2', { competences: [{ competenceId: 'carpentry', hours: 5 }] });
    await propose('v2', inquiry.id);
    const other = await call(listProposals, {
      method: 'GET',
      path: `/inquiries/${inquiry.id}/proposals`,
      claims: coord('someone-else'),
    });
    const otherPartner = await call(listProposals, {
      method: 'GET',
      path: `/inquiries/${inquiry.id}/proposals`,
      claims: claims.partner('someone-else', 'v2-tischler'),
    });
    const coordOffers = await call(listOffers, { method: 'GET', path: '/proposals', claims: coord('v2') });
    expect([other.status, otherPartner.status, coordOffers.status]).toEqual([404, 404, 403]);
  });
});

describe('accepting a proposal', () => {
  it('books the hours, records the lead and the ledger, and mails every partner its job', async () => {
    // Prepare
    await givenM1('a1');
    const inquiry = await givenInquiry('a1', {
      competences: [
        { competenceId: 'carpentry', hours: 20 },
        { competenceId: 'electrical', hours: 10 },
      ],
    });
    const run = await propose('a1', inquiry.id);
    const before = (await deliverQueuedMail().then(() => readOutbox(OUTBOX))).length;
    // Act
    const res = await accept('a1', inquiry.id, run.body.proposals[0].id);
    // Assess: the job
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'accepted',
      leadPartnerId: 'a1-tischler',
      giver: 'network',
      bookings: [
        { partnerId: 'a1-elektro', resourceId: 'a1-elektro-r1', week: '2030-W10', hours: 10 },
        { partnerId: 'a1-tischler', resourceId: 'a1-tischler-r1', week: '2030-W10', hours: 20 },
      ],
      mailed: ['a1-elektro', 'a1-tischler'],
    });
    // the inquiry, the calendar, the ledger
    const after = await getInquiry('a1', inquiry.id);
    expect(after).toMatchObject({ status: 'accepted', leadPartnerId: 'a1-tischler' });
    const cal = await calendarOf(claims.partner('a1', 'a1-tischler'));
    expect(cal.body.partners[0].weeks).toEqual([
      { week: '2030-W10', capacity: 40, booked: 20, free: 20, utilisation: 0.5 },
    ]);
    const ledger = await call(getLedger, { method: 'GET', path: '/referrals/ledger', claims: coord('a1') });
    expect(ledger.body.pairs).toEqual([
      { giver: 'network', receiver: 'a1-elektro', hours: 10, count: 1 },
      { giver: 'network', receiver: 'a1-tischler', hours: 20, count: 1 },
    ]);
    // the mails: the lead gets the customer, the other partner the lead
    await deliverQueuedMail();
    const mails = (await readOutbox(OUTBOX)).slice(before);
    const toLead = mails.find((m) => m.to.includes('a1-tischler@firm.example'))!;
    const toOther = mails.find((m) => m.to.includes('a1-elektro@firm.example'))!;
    expect(toLead.subject).toBe(`[${inquiry.reference}] Auftrag (Lead): Dachausbau mit Bad`);
    expect(toLead.text).toContain('Tischlerei | 20');
    expect(toLead.text).toContain('Kundin/Kunde: Anna Kunde\nE-Mail: anna@kunde.example');
    expect(toOther.text).toContain(
      'Lead-Partner (einzige Ansprechperson für die Kundschaft): Firma a1-tischler',
    );
    expect(toOther.text).toContain('KW 10/2030 (04.03.–10.03.2030) | Team a1-elektro | 10');
    expect(toOther.text).not.toContain('anna@kunde.example');
    // the job mails carry the booked weeks as a calendar invitation
    expect(toLead.attachments.map((a) => a.mimeType)).toContain('text/calendar');
    // the customer hears that the team is set, and who the contact is
    const toCustomer = mails.find((m) => m.to.includes('anna@kunde.example'))!;
    expect(toCustomer.subject).toBe(`${formatThreadToken(inquiry)} Ihr Team steht fest: Dachausbau mit Bad`);
    expect(toCustomer.text).toContain('Ihre Ansprechperson ist Firma a1-tischler');
    expect((await usage('a1')).emailsSent).toBe(3);
    // the job as partners see it
    const asElektro = await call(getJob, {
      method: 'GET',
      path: `/inquiries/${inquiry.id}/job`,
      claims: claims.partner('a1', 'a1-elektro'),
    });
    expect(asElektro.body.bookings).toEqual([
      { partnerId: 'a1-elektro', resourceId: 'a1-elektro-r1', week: '2030-W10', hours: 10 },
    ]);
    const asOutsider = await call(getJob, {
      method: 'GET',
      path: `/inquiries/${inquiry.id}/job`,
      claims: claims.partner('a1', 'a1-sanitaer'),
    });
    expect(asOutsider.status).toBe(404);
    const otherNetwork = await call(getJob, {
      method: 'GET',
      path: `/inquiries/${inquiry.id}/job`,
      claims: coord('x-a1'),
    });
    expect(otherNetwork.status).toBe(404);
  });

  it('takes edits: another partner for a competence, other hours, another lead', async () => {
    await givenM1('a2');
    await givenPartner('a2', 'a2-allround', { carpentry: 2, electrical: 2 }, 40);
    const inquiry = await givenInquiry('a2', {
      competences: [
        { competenceId: 'carpentry', hours: 20 },
        { competenceId: 'electrical', hours: 10 },
      ],
    });
    const run = await propose('a2', inquiry.id);
    const res = await accept('a2', inquiry.id, run.body.proposals[0].id, {
      assignments: [{ competenceId: 'electrical', partnerId: 'a2-elektro', hours: 15 }],
      leadPartnerId: 'a2-elektro',
    });
    expect(res.status).toBe(201);
    expect(res.body.assignments).toEqual([
      { competenceId: 'carpentry', partnerId: run.body.proposals[0].assignments[0].partnerId, hours: 20 },
      { competenceId: 'electrical', partnerId: 'a2-elektro', hours: 15 },
    ]);
    expect(res.body.leadPartnerId).toBe('a2-elektro');
  });

  it('names a bad edit with 400 and books nothing', async () => {
    await givenM1('a3');
    const inquiry = await givenInquiry('a3', { competences: [{ competenceId: 'carpentry', hours: 20 }] });
    const run = await propose('a3', inquiry.id);
    const res = await accept('a3', inquiry.id, run.body.proposals[0].id, {
      assignments: [{ competenceId: 'carpentry', partnerId: 'a3-elektro' }],
      leadPartnerId: 'a3-sanitaer',
      note: 'x',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'note', message: 'unknown field', code: 'unrecognized_keys' }]);
    const res2 = await accept('a3', inquiry.id, run.body.proposals[0].id, {
      assignments: [{ competenceId: 'carpentry', partnerId: 'a3-elektro' }],
      leadPartnerId: 'a3-sanitaer',
    });
    expect(res2.status).toBe(400);
    expect(res2.body.errors).toEqual([
      {
        path: 'assignments.0.partnerId',
        message: 'a3-elektro does not have carpentry',
        code: 'lacks_competence',
      },
      { path: 'leadPartnerId', message: 'a3-sanitaer is not in the team (a3-tischler)', code: 'not_in_team' },
    ]);
    expect(await listBookings('a3', '2030-W10', '2030-W10')).toEqual([]);
    expect((await getInquiry('a3', inquiry.id))?.status).toBe('proposed');
  });

  it('accepts an inquiry once: a second accept gets 409 and books nothing more', async () => {
    await givenM1('a4');
    const inquiry = await givenInquiry('a4', { competences: [{ competenceId: 'carpentry', hours: 10 }] });
    const run = await propose('a4', inquiry.id);
    const [first, second] = await Promise.all([
      accept('a4', inquiry.id, run.body.proposals[0].id),
      accept('a4', inquiry.id, run.body.proposals[0].id),
    ]);
    expect([first.status, second.status].sort()).toEqual([201, 409]);
    const bookings = await listBookings('a4', '2030-W10', '2030-W10');
    expect(bookings.map((b) => b.booked)).toEqual([10]);
  });

  it('refuses partners (403) and other networks (404)', async () => {
    await givenM1('a5');
    const inquiry = await givenInquiry('a5', { competences: [{ competenceId: 'carpentry', hours: 10 }] });
    const run = await propose('a5', inquiry.id);
    const path = `/inquiries/${inquiry.id}/proposals/${run.body.proposals[0].id}/accept`;
    const asPartner = await call(acceptProposal, {
      method: 'POST',
      path,
      claims: claims.partner('a5', 'a5-tischler'),
      body: {},
    });
    const other = await call(acceptProposal, { method: 'POST', path, claims: coord('x5'), body: {} });
    expect([asPartner.status, other.status]).toEqual([403, 404]);
    expect(await listBookings('a5', '2030-W10', '2030-W10')).toEqual([]);
  });

  it('never overbooks: 20 concurrent accepts for the same resource-week', async () => {
    // Prepare: one joiner with 40 h in 2030-W10; 20 inquiries each want 10 h of it
    await givenMatchingNetwork('race');
    await givenPartner('race', 'race-solo', { carpentry: 3 }, 40);
    const inquiries = [];
    for (let i = 0; i < 20; i++) {
      const inquiry = await givenInquiry('race', { competences: [{ competenceId: 'carpentry', hours: 10 }] });
      const run = await propose('race', inquiry.id);
      inquiries.push({ id: inquiry.id, proposalId: run.body.proposals[0].id as string });
    }
    // Act
    const results = await Promise.all(inquiries.map((q) => accept('race', q.id, q.proposalId)));
    // Assess
    const won = results.filter((r) => r.status === 201);
    const lost = results.filter((r) => r.status === 409);
    expect(won).toHaveLength(4);
    expect(lost).toHaveLength(16);
    for (const r of lost) {
      expect(r.body.detail).toMatch(/capacity ran out/);
      expect(r.body.detail).toContain('race-solo-r1');
      expect(r.body.detail).toContain('2030-W10');
    }
    const booked = (await listBookings('race', '2030-W10', '2030-W10')).reduce((s, b) => s + b.booked, 0);
    const answered = won.reduce(
      (s, r) => s + r.body.bookings.reduce((t: number, b: { hours: number }) => t + b.hours, 0),
      0,
    );
    expect(booked).toBe(40);
    expect(answered).toBe(booked);
    const statuses = await Promise.all(inquiries.map(async (q) => (await getInquiry('race', q.id))?.status));
    expect(statuses.filter((s) => s === 'accepted')).toHaveLength(4);
    expect(statuses.filter((s) => s === 'proposed')).toHaveLength(16);
  });
});

describe('DELETE /inquiries/{inquiryId}/job', () => {
  it('releases the bookings and ledger entries and sends the inquiry back to matching', async () => {
    // Prepare
    await givenM1('c1');
    const inquiry = await givenInquiry('c1', { competences: [{ competenceId: 'carpentry', hours: 30 }] });
    const run = await propose('c1', inquiry.id);
    await accept('c1', inquiry.id, run.body.proposals[0].id);
    // Act
    const res = await call(cancelJob, {
      method: 'DELETE',
      path: `/inquiries/${inquiry.id}/job`,
      claims: coord('c1'),
    });
    // Assess
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'cancelled', mailed: ['c1-tischler'] });
    const cal = await calendarOf(coord('c1'), `from=${WEEK.from}&to=${WEEK.to}&partnerId=c1-tischler`);
    expect(cal.body.partners[0].weeks[0]).toMatchObject({ booked: 0, free: 40 });
    expect(await listLedger('c1', '2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z')).toEqual([]);
    expect((await getInquiry('c1', inquiry.id))?.status).toBe('matching');
    // the capacity is there for the next match
    const again = await propose('c1', inquiry.id);
    expect(again.body.proposals[0].partnerIds).toEqual(['c1-tischler']);
  });

  it('cancels once when two coordinators cancel at once; partners and other networks cannot', async () => {
    await givenM1('c2');
    const inquiry = await givenInquiry('c2', { competences: [{ competenceId: 'carpentry', hours: 30 }] });
    const run = await propose('c2', inquiry.id);
    await accept('c2', inquiry.id, run.body.proposals[0].id);
    const path = `/inquiries/${inquiry.id}/job`;
    const asPartner = await call(cancelJob, {
      method: 'DELETE',
      path,
      claims: claims.partner('c2', 'c2-tischler'),
    });
    const other = await call(cancelJob, { method: 'DELETE', path, claims: coord('x2') });
    expect([asPartner.status, other.status]).toEqual([403, 404]);
    const results = await Promise.all([
      call(cancelJob, { method: 'DELETE', path, claims: coord('c2') }),
      call(cancelJob, { method: 'DELETE', path, claims: coord('c2') }),
    ]);
    // the loser either read the job before the winner landed (409) or after (404): never twice
    const [winner, loser] = results.map((r) => r.status).sort();
    expect(winner).toBe(200);
    expect([404, 409]).toContain(loser);
    const bookings = await listBookings('c2', '2030-W10', '2030-W10');
    expect(bookings.map((b) => b.booked)).toEqual([0]);
  });
});

describe('GET /calendar', () => {
  it('shows a partner its own calendar only, the coordinator everyone’s or one', async () => {
    await givenM1('k1');
    const own = await calendarOf(claims.partner('k1', 'k1-elektro'));
    const other = await calendarOf(claims.partner('k1', 'k1-elektro'), `partnerId=k1-tischler`);
    const all = await calendarOf(coord('k1'));
    const one = await calendarOf(coord('k1'), `from=${WEEK.from}&to=${WEEK.to}&partnerId=k1-sanitaer`);
    const foreign = await calendarOf(coord('x1'), `partnerId=k1-sanitaer`);
    expect(own.status).toBe(200);
    expect(own.body.partners.map((p: { partnerId: string }) => p.partnerId)).toEqual(['k1-elektro']);
    expect(own.body.partners[0].resources[0]).toMatchObject({ resourceId: 'k1-elektro-r1', kind: 'people' });
    expect(other.status).toBe(404);
    expect(all.body.partners.map((p: { partnerId: string }) => p.partnerId)).toEqual([
      'k1-elektro',
      'k1-sanitaer',
      'k1-tischler',
    ]);
    expect(one.body.partners.map((p: { partnerId: string }) => p.partnerId)).toEqual(['k1-sanitaer']);
    expect(foreign.status).toBe(404);
  });

  it('defaults to twelve weeks and refuses bad ranges naming the field', async () => {
    await givenM1('k2');
    const dflt = await calendarOf(coord('k2'), 'from=2030-03-04');
    expect(dflt.body.weeks).toHaveLength(12);
    const bad = await calendarOf(coord('k2'), 'from=2030-03-04&to=2032-01-01&colour=red');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['query.colour', 'query.to']);
  });
});

describe('partner referrals and the ledger', () => {
  it('a partner refers its customer; accepting the job credits the ledger both ways', async () => {
    // Prepare
    await givenM1('r1');
    // Act: the joiner refers a customer who needs electrical work
    const ref = await call(createReferral, {
      method: 'POST',
      path: '/referrals',
      claims: claims.partner('r1', 'r1-tischler'),
      body: {
        customer: { name: 'Berta Bauherr', email: 'berta@bau.example' },
        subject: 'Elektrik für den Zubau',
        text: 'Neue Leitungen im Zubau.',
        timeframe: WEEK,
        competences: [{ competenceId: 'electrical', hours: 12 }],
      },
    });
    // Assess the referral
    expect(ref.status).toBe(201);
    expect(ref.body).toMatchObject({ source: 'referral', referredByPartnerId: 'r1-tischler', status: 'new' });
    // the coordinator qualifies, matches and accepts
    const { changeStatus } = await import('#functions/inquiries/store');
    await changeStatus('r1', ref.body.id, 'qualified', 'coord');
    const run = await propose('r1', ref.body.id);
    const job = await accept('r1', ref.body.id, run.body.proposals[0].id);
    expect(job.body.giver).toBe('r1-tischler');
    const ledger = await call(getLedger, { method: 'GET', path: '/referrals/ledger', claims: coord('r1') });
    expect(ledger.body.pairs).toEqual([
      { giver: 'r1-tischler', receiver: 'r1-elektro', hours: 12, count: 1 },
    ]);
    expect(ledger.body.partners).toEqual([
      {
        partnerId: 'r1-elektro',
        givenHours: 0,
        givenCount: 0,
        receivedHours: 12,
        receivedCount: 1,
        balance: 12,
      },
      {
        partnerId: 'r1-sanitaer',
        givenHours: 0,
        givenCount: 0,
        receivedHours: 0,
        receivedCount: 0,
        balance: 0,
      },
      {
        partnerId: 'r1-tischler',
        givenHours: 12,
        givenCount: 1,
        receivedHours: 0,
        receivedCount: 0,
        balance: -12,
      },
    ]);
    // a partner sees only its own row and pairs; another network sees none of it
    const own = await call(getLedger, {
      method: 'GET',
      path: '/referrals/ledger',
      claims: claims.partner('r1', 'r1-sanitaer'),
    });
    expect(own.body.pairs).toEqual([]);
    expect(own.body.partners.map((p: { partnerId: string }) => p.partnerId)).toEqual(['r1-sanitaer']);
    await givenMatchingNetwork('x-r1');
    const foreign = await call(getLedger, {
      method: 'GET',
      path: '/referrals/ledger',
      claims: coord('x-r1'),
    });
    expect(foreign.body.pairs).toEqual([]);
  });

  it('refuses coordinators, bad fields and unknown competences, creating nothing', async () => {
    await givenM1('r2');
    const body = {
      customer: { name: 'Berta Bauherr', email: 'berta@bau.example' },
      subject: 'Elektrik',
      text: 'Leitungen.',
    };
    const asCoordinator = await call(createReferral, {
      method: 'POST',
      path: '/referrals',
      claims: coord('r2'),
      body,
    });
    const bad = await call(createReferral, {
      method: 'POST',
      path: '/referrals',
      claims: claims.partner('r2', 'r2-tischler'),
      body: { ...body, customer: { name: 'B', email: 'nope' }, source: 'form' },
    });
    const unknown = await call(createReferral, {
      method: 'POST',
      path: '/referrals',
      claims: claims.partner('r2', 'r2-tischler'),
      body: { ...body, competences: [{ competenceId: 'roofing' }] },
    });
    // a partner token of another network cannot refer into this one: its claims name its own network
    await givenMatchingNetwork('x-r2');
    const foreign = await call(createReferral, {
      method: 'POST',
      path: '/referrals',
      claims: claims.partner('x-r2', 'r2-tischler'),
      body,
    });
    expect(asCoordinator.status).toBe(403);
    expect(foreign.status).toBe(403);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['customer.email', 'source']);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([
      {
        path: 'competences.0.competenceId',
        message: "roofing is not in the network's taxonomy",
        code: 'unknown_competence',
      },
    ]);
    expect((await usage('r2')).inquiriesCreated).toBeUndefined();
  });

  it('refuses bad ledger periods naming the field', async () => {
    await givenMatchingNetwork('r3');
    const res = await call(getLedger, {
      method: 'GET',
      path: '/referrals/ledger?from=2030-02-01&to=2030-01-01',
      claims: coord('r3'),
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { path: 'query.to', message: 'to must not be before from, got "2030-01-01"', code: 'custom' },
    ]);
  });
});
