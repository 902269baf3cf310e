/**
 * A replacement for one declined or expired part of a job: the coordinator has the matcher
 * propose partners for just that part's competences and accepts one, which adds a new tentative
 * part (docs/matching.md, "Replacements"); and the deadline's schedule, made before the accept.
 */
import { describe, expect, it } from 'vitest';
import { handler as acceptProposal } from '#functions/matching/accept-proposal.handler';
import { handler as cancelJob } from '#functions/matching/cancel-job.handler';
import { handler as declinePart } from '#functions/matching/decline-part.handler';
import { handler as expireOffers } from '#functions/matching/expire-offers.handler';
import { handler as getJob } from '#functions/matching/get-job.handler';
import { handler as requestProposals } from '#functions/matching/request-proposals.handler';
import { handler as requestReplacement } from '#functions/matching/request-replacement.handler';
import { listBookings } from '#functions/matching/store';
import { ENV } from '#shared/env-names';
import { type ScheduleSpec, useScheduler } from '#shared/scheduler/index';
import { type Claims, call, claims } from '#test/support/api';
import { givenInquiry, givenMatchingNetwork, givenPartner } from '#test/support/matching';
import { deliverQueuedMail, useFileOutbox } from '#test/support/outbox';

process.env[ENV.consoleUrl] = 'https://console.example';
const outbox = useFileOutbox();
const schedules: ScheduleSpec[] = [];
const removed: string[] = [];
let failSchedules: 'down' | 'bug' | false = false;
/** What the SDK throws when EventBridge Scheduler is down, and what it throws for a bad request. */
const schedulerDown = () =>
  Object.assign(new Error('Service Unavailable'), {
    name: 'ServiceUnavailableException',
    $fault: 'server',
    $metadata: { httpStatusCode: 503 },
  });
const schedulerRefuses = () =>
  Object.assign(new Error('Invalid schedule expression'), {
    name: 'ValidationException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
  });
useScheduler({
  upsert: async (s) => {
    if (failSchedules === 'down') throw schedulerDown();
    if (failSchedules === 'bug') throw schedulerRefuses();
    schedules.push(s);
  },
  remove: async (name) => void removed.push(name),
});
const coord = claims.coordinator;

async function propose(net: string, inquiryId: string) {
  const run = await call(requestProposals, {
    method: 'POST',
    path: `/inquiries/${inquiryId}/proposals`,
    claims: coord(net),
    body: {},
  });
  return run.body.proposals[0].id as string;
}
const accept = (net: string, inquiryId: string, proposalId: string) =>
  call(acceptProposal, {
    method: 'POST',
    path: `/inquiries/${inquiryId}/proposals/${proposalId}/accept`,
    claims: coord(net),
    body: {},
  });

/**
 * A joiner and electrician A accepted (30 h + 20 h in 2030-W10), A declined; then electricians B
 * (40 h a week, idle) and C (20 h a week: the 20 h fill it) join the network.
 */
async function givenDeclinedPart(net: string) {
  await givenMatchingNetwork(net);
  await givenPartner(net, `${net}-tischler`, { carpentry: 4 }, 40);
  await givenPartner(net, `${net}-a`, { electrical: 4 }, 40);
  const inquiry = await givenInquiry(net, {
    competences: [
      { competenceId: 'carpentry', hours: 30 },
      { competenceId: 'electrical', hours: 20 },
    ],
  });
  const accepted = await accept(net, inquiry.id, await propose(net, inquiry.id));
  expect(accepted.status).toBe(201);
  const declined = await call(declinePart, {
    method: 'POST',
    path: `/inquiries/${inquiry.id}/job/decline`,
    claims: claims.partner(net, `${net}-a`),
  });
  expect(declined.status).toBe(200);
  await givenPartner(net, `${net}-b`, { electrical: 4 }, 40);
  await givenPartner(net, `${net}-c`, { electrical: 4 }, 20);
  return { inquiry, jobId: accepted.body.id as string };
}

const partPath = (inquiryId: string, partnerId: string) =>
  `/inquiries/${inquiryId}/job/parts/${partnerId}/replacements`;
const askReplacement = (as: Claims, inquiryId: string, partnerId: string, body: object = {}) =>
  call(requestReplacement, { method: 'POST', path: partPath(inquiryId, partnerId), claims: as, body });
/** A replacement's proposal is accepted by the accept route of every proposal. */
const takeReplacement = (as: Claims, inquiryId: string, proposalId: string, body: object = {}) =>
  call(acceptProposal, {
    method: 'POST',
    path: `/inquiries/${inquiryId}/proposals/${proposalId}/accept`,
    claims: as,
    body,
  });
const week = async (net: string, partnerId: string) => {
  const line = (await listBookings(net, '2030-W10', '2030-W10')).find((b) => b.partnerId === partnerId);
  return { booked: line?.booked ?? 0, tentative: line?.tentative ?? 0 };
};
const jobOf = async (net: string, inquiryId: string) =>
  (await call(getJob, { method: 'GET', path: `/inquiries/${inquiryId}/job`, claims: coord(net) })).body;

describe('a replacement for a declined part', () => {
  it('proposes only partners without a part, the idle one first; accepting adds its tentative part and mails it the link', async () => {
    // Prepare
    const { inquiry } = await givenDeclinedPart('rp1');
    // Act
    const run = await askReplacement(coord('rp1'), inquiry.id, 'rp1-a');
    // Assess: the proposals cover electrical with B or C, never the team or A
    expect(run.status).toBe(201);
    expect(run.body.excluded).toEqual(['rp1-a', 'rp1-tischler']);
    expect(run.body.requirements).toEqual([{ competenceId: 'electrical', hours: 20 }]);
    const teams = run.body.proposals.map((p: { partnerIds: string[] }) => p.partnerIds);
    expect(teams).toEqual([['rp1-b'], ['rp1-c']]);
    // Act: accept the first
    await deliverQueuedMail();
    const before = (await outbox.read()).length;
    const taken = await takeReplacement(coord('rp1'), inquiry.id, run.body.proposals[0].id);
    // Assess
    expect(taken.status).toBe(201);
    expect(taken.body.mailed).toEqual(['rp1-b']);
    const job = await jobOf('rp1', inquiry.id);
    expect(job.parts['rp1-a']).toMatchObject({ state: 'declined', replacedBy: run.body.proposals[0].id });
    expect(job.parts['rp1-b']).toMatchObject({ state: 'requested', replaces: 'rp1-a' });
    expect(await week('rp1', 'rp1-b')).toEqual({ booked: 20, tentative: 20 });
    expect(await week('rp1', 'rp1-a')).toEqual({ booked: 0, tentative: 0 });
    await deliverQueuedMail();
    const mails = (await outbox.read()).slice(before);
    expect(mails.map((m) => m.to[0])).toEqual(['rp1-b@firm.example']);
    expect(mails[0]!.text).toContain('Zusage / Absage');
    expect(mails[0]!.text).not.toContain('Firma rp1-a (');
    // the deadline schedule of the new part was made
    expect(schedules.some((s) => s.name.startsWith(`offers-${job.id}-`))).toBe(true);
    // a second replacement for the same part: 409
    const again = await askReplacement(coord('rp1'), inquiry.id, 'rp1-a');
    expect(again.status).toBe(409);
    expect(again.body.errors[0]).toMatchObject({ path: 'partnerId', code: 'replaced' });
    // cancelling the job releases the replacement's tentative hours too
    const cancelled = await call(cancelJob, {
      method: 'DELETE',
      path: `/inquiries/${inquiry.id}/job`,
      claims: coord('rp1'),
    });
    expect(cancelled.status).toBe(200);
    expect(await week('rp1', 'rp1-b')).toEqual({ booked: 0, tentative: 0 });
    expect(await week('rp1', 'rp1-tischler')).toEqual({ booked: 0, tentative: 0 });
  });

  it('two replacements for the same part accepted at once: one lands, the other is 409', async () => {
    const { inquiry } = await givenDeclinedPart('rp2');
    const run = await askReplacement(coord('rp2'), inquiry.id, 'rp2-a');
    const [x, y] = await Promise.all(
      run.body.proposals.map((p: { id: string }) => takeReplacement(coord('rp2'), inquiry.id, p.id)),
    );
    expect([x!.status, y!.status].sort()).toEqual([201, 409]);
    const job = await jobOf('rp2', inquiry.id);
    const joined = ['rp2-b', 'rp2-c'].filter((id) => job.parts[id]);
    expect(joined).toHaveLength(1);
    const [b, c] = [await week('rp2', 'rp2-b'), await week('rp2', 'rp2-c')];
    expect(b.tentative + c.tentative).toBe(20);
  });

  it('only for a declined or expired part; bad input is 400; the part is named', async () => {
    await givenMatchingNetwork('rp3');
    await givenPartner('rp3', 'rp3-tischler', { carpentry: 4 }, 40);
    const inquiry = await givenInquiry('rp3', { competences: [{ competenceId: 'carpentry', hours: 30 }] });
    await accept('rp3', inquiry.id, await propose('rp3', inquiry.id));
    const open = await askReplacement(coord('rp3'), inquiry.id, 'rp3-tischler');
    expect(open.status).toBe(409);
    expect(open.body.errors[0]).toMatchObject({ path: 'partnerId', code: 'requested' });
    expect((await askReplacement(coord('rp3'), inquiry.id, 'rp3-nobody')).status).toBe(404);
    const bad = await askReplacement(coord('rp3'), inquiry.id, 'rp3-tischler', { count: 0, partnerIds: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['count', 'partnerIds']);
  });

  it('an expired part gets a replacement too', async () => {
    const { inquiry, jobId } = await givenDeclinedPart('rp4');
    // the schedule at the deadline changes nothing of a declined part
    expect(
      (await expireOffers({ networkId: 'rp4', inquiryId: inquiry.id, jobId }, {} as never)).expired,
    ).toEqual([]);
    const run = await askReplacement(coord('rp4'), inquiry.id, 'rp4-a');
    expect(run.status).toBe(201);
    const first = run.body.proposals[0].id as string;
    // edits as on any accept: no other lead, no partner already on the job, another partner is fine
    const lead = await takeReplacement(coord('rp4'), inquiry.id, first, { leadPartnerId: 'rp4-b' });
    expect(lead.status).toBe(400);
    expect(lead.body.errors[0].path).toBe('leadPartnerId');
    const onJob = await takeReplacement(coord('rp4'), inquiry.id, first, {
      assignments: [{ competenceId: 'electrical', partnerId: 'rp4-a' }],
    });
    expect(onJob.status).toBe(400);
    expect(onJob.body.errors[0]).toMatchObject({ path: 'assignments', code: 'on_the_job' });
    const swapped = await takeReplacement(coord('rp4'), inquiry.id, first, {
      assignments: [{ competenceId: 'electrical', partnerId: 'rp4-c', hours: 16 }],
    });
    expect(swapped.status).toBe(201);
    expect(await week('rp4', 'rp4-c')).toEqual({ booked: 16, tentative: 16 });
    expect(await week('rp4', 'rp4-b')).toEqual({ booked: 0, tentative: 0 });
  });
});

describe('tenancy', () => {
  it('another network gets 404 and a partner 403 on every replacement route; nothing changes', async () => {
    const { inquiry } = await givenDeclinedPart('rp5');
    await givenMatchingNetwork('rp6');
    const run = await askReplacement(coord('rp5'), inquiry.id, 'rp5-a');
    const proposalId = run.body.proposals[0].id as string;
    for (const { as, want } of [
      { as: coord('rp6'), want: 404 },
      { as: claims.partner('rp5', 'rp5-b'), want: 403 },
    ]) {
      const asked = await askReplacement(as, inquiry.id, 'rp5-a');
      const taken = await takeReplacement(as, inquiry.id, proposalId);
      expect([asked.status, taken.status]).toEqual([want, want]);
      expect(JSON.stringify([asked.body, taken.body])).not.toContain('rp5-b');
    }
    expect((await jobOf('rp5', inquiry.id)).parts['rp5-b']).toBeUndefined();
    expect(await week('rp5', 'rp5-b')).toEqual({ booked: 0, tentative: 0 });
  });
});

describe('the deadline schedule', () => {
  it('is made before the accept: when it cannot be made nothing is held; a failed accept leaves none behind', async () => {
    await givenMatchingNetwork('rp7');
    await givenPartner('rp7', 'rp7-tischler', { carpentry: 4 }, 40);
    const inquiry = await givenInquiry('rp7', { competences: [{ competenceId: 'carpentry', hours: 30 }] });
    const proposalId = await propose('rp7', inquiry.id);
    // Act: the scheduler is down; then it refuses the schedule (what a bug of ours would get)
    failSchedules = 'down';
    const down = await accept('rp7', inquiry.id, proposalId);
    failSchedules = 'bug';
    const refused = await accept('rp7', inquiry.id, proposalId);
    failSchedules = false;
    // Assess: the accept failed as a whole and says to send it again (503, not a bare 500); no
    // hours are held, the proposal can be accepted later; a refusal that would repeat is a 500
    expect(down.status).toBe(503);
    expect(down.headers['content-type']).toBe('application/problem+json');
    expect(down.body).toMatchObject({ type: '/problems/scheduler-unavailable' });
    expect(down.body.detail).toMatch(/send the request again/);
    expect(refused.status).toBe(500);
    expect(await week('rp7', 'rp7-tischler')).toEqual({ booked: 0, tentative: 0 });
    const ok = await accept('rp7', inquiry.id, proposalId);
    expect(ok.status).toBe(201);
    expect(schedules.filter((s) => s.name === `offers-${ok.body.id}`)).toHaveLength(1);
    expect(await week('rp7', 'rp7-tischler')).toEqual({ booked: 30, tentative: 30 });
    expect(await week('rp7', 'rp7-tischler')).toEqual({ booked: 30, tentative: 30 });
  });

  it('of two accepts at once the loser leaves no schedule behind; a schedule without its job releases nothing', async () => {
    await givenMatchingNetwork('rp8');
    await givenPartner('rp8', 'rp8-tischler', { carpentry: 4 }, 40);
    const inquiry = await givenInquiry('rp8', { competences: [{ competenceId: 'carpentry', hours: 30 }] });
    const proposalId = await propose('rp8', inquiry.id);
    const made = schedules.length;
    const [x, y] = await Promise.all([
      accept('rp8', inquiry.id, proposalId),
      accept('rp8', inquiry.id, proposalId),
    ]);
    expect([x.status, y.status].sort()).toEqual([201, 409]);
    const won = (x.status === 201 ? x : y).body.id as string;
    const mine = schedules.slice(made);
    expect(mine.filter((s) => s.name === `offers-${won}`)).toHaveLength(1);
    // a loser that got as far as its transaction made a schedule first, and removed it
    for (const s of mine.filter((s) => s.name !== `offers-${won}`)) expect(removed).toContain(s.name);
    // had the removal failed too: at the deadline the schedule finds no job and releases nothing
    const fired = await expireOffers(
      { networkId: 'rp8', inquiryId: inquiry.id, jobId: 'no-such-job' },
      {} as never,
    );
    expect(fired.expired).toEqual([]);
    expect(await week('rp8', 'rp8-tischler')).toEqual({ booked: 30, tentative: 30 });
  });
});
