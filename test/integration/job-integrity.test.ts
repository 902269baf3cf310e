/**
 * An accepted inquiry's status changes and its job: a change that leaves the job behind
 * (back to matching, declined) cancels it in the same transaction, so no hours stay booked for a
 * job nobody does and a second accept cannot book them twice (docs/matching.md, "Jobs and the
 * inquiry's status").
 */
import { describe, expect, it } from 'vitest';
import { getInquiry, getInquiryWithTimeline } from '#functions/inquiries/store';
import { handler as acceptProposal } from '#functions/matching/accept-proposal.handler';
import { handler as cancelJob } from '#functions/matching/cancel-job.handler';
import { handler as changeStatus } from '#functions/matching/change-inquiry-status.handler';
import { handler as getJob } from '#functions/matching/get-job.handler';
import { handler as requestProposals } from '#functions/matching/request-proposals.handler';
import { listBookings, listLedger } from '#functions/matching/store';
import { call, claims } from '#test/support/api';
import { givenInquiry, givenMatchingNetwork, givenPartner } from '#test/support/matching';
import { deliverQueuedMail, useFileOutbox } from '#test/support/outbox';

const outbox = useFileOutbox();
const coord = claims.coordinator;

const propose = (networkId: string, inquiryId: string) =>
  call(requestProposals, {
    method: 'POST',
    path: `/inquiries/${inquiryId}/proposals`,
    claims: coord(networkId),
    body: {},
  });

const accept = (networkId: string, inquiryId: string, proposalId: string) =>
  call(acceptProposal, {
    method: 'POST',
    path: `/inquiries/${inquiryId}/proposals/${proposalId}/accept`,
    claims: coord(networkId),
    body: {},
  });

const move = (networkId: string, inquiryId: string, status: string, reason?: string) =>
  call(changeStatus, {
    method: 'POST',
    path: `/inquiries/${inquiryId}/status`,
    claims: coord(networkId),
    body: { status, ...(reason ? { reason } : {}) },
  });

const jobOf = (networkId: string, inquiryId: string) =>
  call(getJob, { method: 'GET', path: `/inquiries/${inquiryId}/job`, claims: coord(networkId) });

const bookedHours = async (networkId: string) =>
  (await listBookings(networkId, '2030-W10', '2030-W10')).reduce((s, b) => s + b.booked, 0);

/** One joiner with 40 h in 2030-W10 and an inquiry for 30 h of joinery, accepted. */
async function givenAcceptedJob(networkId: string) {
  await givenMatchingNetwork(networkId);
  await givenPartner(networkId, `${networkId}-tischler`, { carpentry: 4 }, 40);
  const inquiry = await givenInquiry(networkId, { competences: [{ competenceId: 'carpentry', hours: 30 }] });
  const run = await propose(networkId, inquiry.id);
  const accepted = await accept(networkId, inquiry.id, run.body.proposals[0].id);
  expect(accepted.status).toBe(201);
  await deliverQueuedMail();
  return { inquiry, jobId: accepted.body.id as string };
}

describe('changing the status of an inquiry with an accepted job', () => {
  it('back to matching cancels the job: hours and ledger released, the team told, a new accept books once', async () => {
    // Prepare
    const { inquiry, jobId } = await givenAcceptedJob('ji1');
    const mailsBefore = (await outbox.read()).length;
    // Act
    const res = await move('ji1', inquiry.id, 'matching', 'customer wants another date');
    // Assess: the job is gone with its hours, the team heard of it
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('matching');
    expect(await bookedHours('ji1')).toBe(0);
    expect(await listLedger('ji1', '2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z')).toEqual([]);
    expect((await jobOf('ji1', inquiry.id)).body).toMatchObject({ id: jobId, status: 'cancelled' });
    await deliverQueuedMail();
    const mails = (await outbox.read()).slice(mailsBefore);
    expect(mails.map((m) => m.to)).toEqual([['ji1-tischler@firm.example']]);
    expect(mails[0]!.subject).toBe(`[${inquiry.reference}] Auftrag storniert: Dachausbau mit Bad`);
    expect(mails[0]!.text).toContain('customer wants another date');
    const { timeline } = (await getInquiryWithTimeline('ji1', inquiry.id))!;
    expect(timeline.at(-1)!.text).toBe(
      `accepted → matching: customer wants another date; job ${jobId} cancelled, 30 booked hours released`,
    );
    // a new match and accept books the 30 h once, not on top of the old job's
    const again = await propose('ji1', inquiry.id);
    expect((await accept('ji1', inquiry.id, again.body.proposals[0].id)).status).toBe(201);
    expect(await bookedHours('ji1')).toBe(30);
  });

  it('declining an accepted inquiry cancels its job in the same change', async () => {
    const { inquiry, jobId } = await givenAcceptedJob('ji2');
    const res = await move('ji2', inquiry.id, 'declined', 'customer withdrew');
    expect(res.status).toBe(200);
    expect((await getInquiry('ji2', inquiry.id))?.status).toBe('declined');
    expect(await bookedHours('ji2')).toBe(0);
    expect((await jobOf('ji2', inquiry.id)).body).toMatchObject({ id: jobId, status: 'cancelled' });
  });

  it('declining an inquiry in progress releases its hours; completing one keeps them', async () => {
    // Prepare: two networks, one job each, both in progress
    const declined = await givenAcceptedJob('ji3');
    const completed = await givenAcceptedJob('ji4');
    expect((await move('ji3', declined.inquiry.id, 'in_progress')).status).toBe(200);
    expect((await move('ji4', completed.inquiry.id, 'in_progress')).status).toBe(200);
    expect(await bookedHours('ji3')).toBe(30);
    // Act
    const decline = await move('ji3', declined.inquiry.id, 'declined');
    const complete = await move('ji4', completed.inquiry.id, 'completed');
    // Assess
    expect([decline.status, complete.status]).toEqual([200, 200]);
    const cancelStarted = await call(cancelJob, {
      method: 'DELETE',
      path: `/inquiries/${completed.inquiry.id}/job`,
      claims: coord('ji4'),
    });
    expect(cancelStarted.status).toBe(409);
    expect(cancelStarted.body.detail).toContain(`inquiry ${completed.inquiry.reference} is completed`);
    expect(await bookedHours('ji3')).toBe(0);
    expect((await jobOf('ji3', declined.inquiry.id)).body.status).toBe('cancelled');
    expect(await bookedHours('ji4')).toBe(30);
    expect((await jobOf('ji4', completed.inquiry.id)).body.status).toBe('accepted');
  });

  it('a status change racing the cancel route cancels the job once and releases its hours once', async () => {
    const { inquiry } = await givenAcceptedJob('ji5');
    const results = await Promise.all([
      move('ji5', inquiry.id, 'declined'),
      call(cancelJob, { method: 'DELETE', path: `/inquiries/${inquiry.id}/job`, claims: coord('ji5') }),
    ]);
    // one wins; the other read the job before (409) or after (404/409) the winner landed
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    for (const s of statuses) expect([200, 404, 409]).toContain(s);
    expect(await bookedHours('ji5')).toBe(0);
    expect((await jobOf('ji5', inquiry.id)).body.status).toBe('cancelled');
  });

  it('refuses to accept through the status route (only accepting a proposal books hours)', async () => {
    await givenMatchingNetwork('ji7');
    await givenPartner('ji7', 'ji7-tischler', { carpentry: 4 }, 40);
    const inquiry = await givenInquiry('ji7', { competences: [{ competenceId: 'carpentry', hours: 30 }] });
    const run = await propose('ji7', inquiry.id);
    expect(run.body.proposals).toHaveLength(1);
    const res = await move('ji7', inquiry.id, 'accepted');
    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.body.detail).toContain(`/inquiries/${inquiry.id}/proposals/{proposalId}/accept`);
    expect((await getInquiry('ji7', inquiry.id))?.status).toBe('proposed');
    expect((await jobOf('ji7', inquiry.id)).status).toBe(404);
  });

  it('another network cannot move the inquiry, and its job stays booked', async () => {
    const { inquiry } = await givenAcceptedJob('ji6');
    const res = await move('x-ji6', inquiry.id, 'declined');
    expect(res.status).toBe(404);
    expect(await bookedHours('ji6')).toBe(30);
    expect((await getInquiry('ji6', inquiry.id))?.status).toBe('accepted');
  });
});
