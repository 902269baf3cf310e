/**
 * "Meine Woche" / "Meine Aufträge" show each job's own part: tentative (`requested`) with its
 * deadline until the firm confirms or declines; the console's buttons depend on it.
 */
import { describe, expect, it } from 'vitest';
import { handler as acceptProposal } from '#functions/matching/accept-proposal.handler';
import { handler as confirmPart } from '#functions/matching/confirm-part.handler';
import { handler as declinePart } from '#functions/matching/decline-part.handler';
import { handler as listMyJobs } from '#functions/matching/list-my-jobs.handler';
import { handler as requestProposals } from '#functions/matching/request-proposals.handler';
import { useScheduler } from '#shared/scheduler/index';
import { call, claims } from '#test/support/api';
import { givenInquiry, givenMatchingNetwork, givenPartner } from '#test/support/matching';

useScheduler({ upsert: async () => undefined, remove: async () => undefined });

async function givenTentativeJob(networkId: string) {
  await givenMatchingNetwork(networkId);
  await givenPartner(networkId, `${networkId}-tischler`, { carpentry: 4 }, 40);
  await givenPartner(networkId, `${networkId}-elektro`, { electrical: 4 }, 40);
  await givenPartner(networkId, `${networkId}-installateur`, { plumbing: 4 }, 40);
  const inquiry = await givenInquiry(networkId, {
    competences: [
      { competenceId: 'carpentry', hours: 30 },
      { competenceId: 'electrical', hours: 20 },
    ],
  });
  const run = await call(requestProposals, {
    method: 'POST',
    path: `/inquiries/${inquiry.id}/proposals`,
    claims: claims.coordinator(networkId),
    body: {},
  });
  const accepted = await call(acceptProposal, {
    method: 'POST',
    path: `/inquiries/${inquiry.id}/proposals/${run.body.proposals[0].id}/accept`,
    claims: claims.coordinator(networkId),
    body: {},
  });
  expect(accepted.status).toBe(201);
  return inquiry;
}

const myJobs = (networkId: string, partnerId: string) =>
  call(listMyJobs, { method: 'GET', path: '/jobs', claims: claims.partner(networkId, partnerId) });

describe("the partner's jobs", () => {
  it('show its own part: tentative with the deadline, then as answered', async () => {
    // Prepare
    const inquiry = await givenTentativeJob('mj1');
    // Act / Assess: both firms see the job as tentative, each with its own part only
    const before = await myJobs('mj1', 'mj1-tischler');
    expect(before.status).toBe(200);
    const job = before.body.items.find((j: { inquiryId: string }) => j.inquiryId === inquiry.id);
    expect(job.part).toMatchObject({ state: 'requested' });
    expect(Date.parse(job.part.deadline)).toBeGreaterThan(Date.now());
    expect(job.hours).toBe(30);
    await call(confirmPart, {
      method: 'POST',
      path: `/inquiries/${inquiry.id}/job/confirm`,
      claims: claims.partner('mj1', 'mj1-tischler'),
    });
    await call(declinePart, {
      method: 'POST',
      path: `/inquiries/${inquiry.id}/job/decline`,
      claims: claims.partner('mj1', 'mj1-elektro'),
    });
    const joiner = (await myJobs('mj1', 'mj1-tischler')).body.items[0];
    expect(joiner.part).toMatchObject({ state: 'confirmed', via: 'console' });
    expect(joiner.part.answeredAt).toBeDefined();
    const electrician = (await myJobs('mj1', 'mj1-elektro')).body.items[0];
    expect(electrician.part).toMatchObject({ state: 'declined', via: 'console' });
  });

  it('give a firm not on the team and another network nothing of it', async () => {
    const inquiry = await givenTentativeJob('mj2');
    const outsider = await myJobs('mj2', 'mj2-installateur');
    expect(outsider.status).toBe(200);
    expect(JSON.stringify(outsider.body)).not.toContain(inquiry.id);
    // another network with a firm of the same id
    await givenMatchingNetwork('mj2-other');
    await givenPartner('mj2-other', 'mj2-tischler', { carpentry: 4 }, 40);
    const foreign = await myJobs('mj2-other', 'mj2-tischler');
    expect(foreign.status).toBe(200);
    expect(foreign.body).toEqual({ items: [] });
  });
});
