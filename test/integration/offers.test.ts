/**
 * Confirming or declining an offer: accepting a proposal holds each partner's hours tentatively;
 * the partner confirms (booked) or declines (released, coordinator told) its own part before the
 * deadline; a missed deadline releases it (docs/matching.md, "Confirmations").
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { handler as acceptProposal } from '#functions/matching/accept-proposal.handler';
import { handler as cancelJob } from '#functions/matching/cancel-job.handler';
import { handler as confirmPart } from '#functions/matching/confirm-part.handler';
import { handler as declinePart } from '#functions/matching/decline-part.handler';
import { handler as expireOffers } from '#functions/matching/expire-offers.handler';
import { handler as getJob } from '#functions/matching/get-job.handler';
import { handler as requestProposals } from '#functions/matching/request-proposals.handler';
import { listBookings, listLedger, matchKeys } from '#functions/matching/store';
import { db, tableName } from '#shared/db/client';
import { type ScheduleSpec, useScheduler } from '#shared/scheduler/index';
import { call, claims } from '#test/support/api';
import { givenInquiry, givenMatchingNetwork, givenPartner } from '#test/support/matching';
import { deliverQueuedMail, useFileOutbox } from '#test/support/outbox';

const outbox = useFileOutbox();
const schedules: ScheduleSpec[] = [];
useScheduler({ upsert: async (s) => void schedules.push(s), remove: async () => undefined });
const coord = claims.coordinator;

/** A joiner and an electrician, 40 h each in 2030-W10, accepted for 30 h + 20 h. */
async function givenTentativeJob(networkId: string) {
  await givenMatchingNetwork(networkId);
  await givenPartner(networkId, `${networkId}-tischler`, { carpentry: 4 }, 40);
  await givenPartner(networkId, `${networkId}-elektro`, { electrical: 4 }, 40);
  const inquiry = await givenInquiry(networkId, {
    competences: [
      { competenceId: 'carpentry', hours: 30 },
      { competenceId: 'electrical', hours: 20 },
    ],
  });
  const run = await call(requestProposals, {
    method: 'POST',
    path: `/inquiries/${inquiry.id}/proposals`,
    claims: coord(networkId),
    body: {},
  });
  const accepted = await call(acceptProposal, {
    method: 'POST',
    path: `/inquiries/${inquiry.id}/proposals/${run.body.proposals[0].id}/accept`,
    claims: coord(networkId),
    body: {},
  });
  expect(accepted.status).toBe(201);
  await deliverQueuedMail();
  return { inquiry, jobId: accepted.body.id as string };
}

const answer = (what: 'confirm' | 'decline', networkId: string, partnerId: string, inquiryId: string) =>
  call(what === 'confirm' ? confirmPart : declinePart, {
    method: 'POST',
    path: `/inquiries/${inquiryId}/job/${what}`,
    claims: claims.partner(networkId, partnerId),
  });

const week = async (networkId: string, partnerId: string) => {
  const line = (await listBookings(networkId, '2030-W10', '2030-W10')).find((b) => b.partnerId === partnerId);
  return { booked: line?.booked ?? 0, tentative: line?.tentative ?? 0 };
};

const jobFor = (networkId: string, inquiryId: string) =>
  call(getJob, { method: 'GET', path: `/inquiries/${inquiryId}/job`, claims: coord(networkId) });

describe('accepting a proposal', () => {
  it('holds each partner hours tentatively, counted against capacity, with a 48 h deadline per part', async () => {
    // Prepare / Act
    const { inquiry } = await givenTentativeJob('of1');
    // Assess
    expect(await week('of1', 'of1-tischler')).toEqual({ booked: 30, tentative: 30 });
    expect(await week('of1', 'of1-elektro')).toEqual({ booked: 20, tentative: 20 });
    const job = (await jobFor('of1', inquiry.id)).body;
    expect(Object.keys(job.parts).sort()).toEqual(['of1-elektro', 'of1-tischler']);
    expect(job.parts['of1-tischler'].state).toBe('requested');
    const hours = (Date.parse(job.parts['of1-tischler'].deadline) - Date.parse(job.acceptedAt)) / 3_600_000;
    expect(hours).toBe(48);
    // the deadline is a one-time schedule that releases what is still open then
    expect(schedules.find((s) => s.name === `offers-${job.id}`)).toMatchObject({
      target: 'expire-offers',
      payload: { networkId: 'of1', inquiryId: inquiry.id, jobId: job.id },
    });
  });
});

describe('a partner answers its part', () => {
  it('confirming books the hours for good; the same answer again answers the same', async () => {
    const { inquiry } = await givenTentativeJob('of2');
    const res = await answer('confirm', 'of2', 'of2-tischler', inquiry.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      partnerId: 'of2-tischler',
      state: 'confirmed',
      hours: 30,
      via: 'console',
    });
    expect(await week('of2', 'of2-tischler')).toEqual({ booked: 30, tentative: 0 });
    expect(await week('of2', 'of2-elektro')).toEqual({ booked: 20, tentative: 20 });
    const again = await answer('confirm', 'of2', 'of2-tischler', inquiry.id);
    expect(again.status).toBe(200);
    expect(again.body.state).toBe('confirmed');
    expect(await week('of2', 'of2-tischler')).toEqual({ booked: 30, tentative: 0 });
    // declining after confirming is refused and changes nothing
    const late = await answer('decline', 'of2', 'of2-tischler', inquiry.id);
    expect(late.status).toBe(409);
    expect(late.headers['content-type']).toContain('application/problem+json');
    expect(await week('of2', 'of2-tischler')).toEqual({ booked: 30, tentative: 0 });
    expect((await jobFor('of2', inquiry.id)).body.parts['of2-tischler'].state).toBe('confirmed');
  });

  it('declining releases exactly its hours, zeroes its ledger entry and tells the coordinator', async () => {
    const { inquiry } = await givenTentativeJob('of3');
    const before = (await outbox.read()).length;
    const res = await answer('decline', 'of3', 'of3-elektro', inquiry.id);
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('declined');
    expect(await week('of3', 'of3-elektro')).toEqual({ booked: 0, tentative: 0 });
    expect(await week('of3', 'of3-tischler')).toEqual({ booked: 30, tentative: 30 });
    const ledger = await listLedger('of3', '2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z');
    expect(ledger.find((e) => e.receiver === 'of3-elektro')?.hours).toBe(0);
    expect(ledger.find((e) => e.receiver === 'of3-tischler')?.hours).toBe(30);
    await deliverQueuedMail();
    const mails = (await outbox.read()).slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(`[${inquiry.reference}] Partner hat abgelehnt: Firma of3-elektro`);
    expect(mails[0]!.text).toContain('20 vorgemerkten Stunden sind wieder frei');
    // a repeat answers the same and queues no second notice
    expect((await answer('decline', 'of3', 'of3-elektro', inquiry.id)).body.state).toBe('declined');
    expect(await answer('confirm', 'of3', 'of3-elektro', inquiry.id)).toMatchObject({ status: 409 });
    await deliverQueuedMail();
    expect((await outbox.read()).length).toBe(before + 1);
  });

  it('another network and a partner not on the job get 404 and change nothing', async () => {
    const { inquiry } = await givenTentativeJob('of4');
    await givenMatchingNetwork('of4x');
    await givenPartner('of4x', 'of4-tischler', { carpentry: 4 }, 40);
    await givenPartner('of4', 'of4-maler', { carpentry: 2 }, 40);
    const foreign = await answer('confirm', 'of4x', 'of4-tischler', inquiry.id);
    expect(foreign.status).toBe(404);
    const outsider = await answer('decline', 'of4', 'of4-maler', inquiry.id);
    expect(outsider.status).toBe(404);
    expect(outsider.body.detail).not.toContain('of4-tischler');
    const coordinator = await call(confirmPart, {
      method: 'POST',
      path: `/inquiries/${inquiry.id}/job/confirm`,
      claims: coord('of4'),
    });
    expect(coordinator.status).toBe(403);
    const bad = await call(confirmPart, {
      method: 'POST',
      path: '/inquiries/NOT%20AN%20ID/job/confirm',
      claims: claims.partner('of4', 'of4-tischler'),
    });
    expect(bad.status).toBe(400);
    expect(await week('of4', 'of4-tischler')).toEqual({ booked: 30, tentative: 30 });
  });
});

describe('answers at the same time', () => {
  it('a confirm and a decline of the same part: exactly one lands, the hours match it', async () => {
    const { inquiry } = await givenTentativeJob('of5');
    const [c, d] = await Promise.all([
      answer('confirm', 'of5', 'of5-tischler', inquiry.id),
      answer('decline', 'of5', 'of5-tischler', inquiry.id),
    ]);
    expect([c.status, d.status].sort()).toEqual([200, 409]);
    const state = (await jobFor('of5', inquiry.id)).body.parts['of5-tischler'].state;
    expect(state).toBe(c.status === 200 ? 'confirmed' : 'declined');
    expect(await week('of5', 'of5-tischler')).toEqual(
      state === 'confirmed' ? { booked: 30, tentative: 0 } : { booked: 0, tentative: 0 },
    );
  });

  it('two partners answering at once both land', async () => {
    const { inquiry } = await givenTentativeJob('of6');
    const [a, b] = await Promise.all([
      answer('confirm', 'of6', 'of6-tischler', inquiry.id),
      answer('decline', 'of6', 'of6-elektro', inquiry.id),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const parts = (await jobFor('of6', inquiry.id)).body.parts;
    expect([parts['of6-tischler'].state, parts['of6-elektro'].state]).toEqual(['confirmed', 'declined']);
    expect(await week('of6', 'of6-tischler')).toEqual({ booked: 30, tentative: 0 });
    expect(await week('of6', 'of6-elektro')).toEqual({ booked: 0, tentative: 0 });
  });
});

describe('the deadline', () => {
  it('a missed deadline releases the open part, tells the coordinator; answering after it is 409', async () => {
    const { inquiry, jobId } = await givenTentativeJob('of7');
    expect((await answer('confirm', 'of7', 'of7-tischler', inquiry.id)).status).toBe(200);
    // Prepare: the electrician's deadline passed (as 48 h later)
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: matchKeys.job('of7', inquiry.id, jobId),
        UpdateExpression: 'SET #parts.#p.#deadline = :past',
        ExpressionAttributeNames: { '#parts': 'parts', '#p': 'of7-elektro', '#deadline': 'deadline' },
        ExpressionAttributeValues: { ':past': '2020-01-01T00:00:00.000Z' },
      }),
    );
    const late = await answer('confirm', 'of7', 'of7-elektro', inquiry.id);
    expect(late.status).toBe(409);
    expect(late.body.detail).toContain('could be answered until 2020-01-01T00:00:00.000Z');
    const before = (await outbox.read()).length;
    // Act: the schedule at the deadline fires (twice: a repeated delivery releases once)
    const first = await expireOffers({ networkId: 'of7', inquiryId: inquiry.id, jobId }, {} as never);
    const second = await expireOffers({ networkId: 'of7', inquiryId: inquiry.id, jobId }, {} as never);
    // Assess
    expect(first.expired).toEqual(['of7-elektro']);
    expect(second.expired).toEqual([]);
    expect(await week('of7', 'of7-elektro')).toEqual({ booked: 0, tentative: 0 });
    expect(await week('of7', 'of7-tischler')).toEqual({ booked: 30, tentative: 0 });
    expect((await jobFor('of7', inquiry.id)).body.parts['of7-elektro']).toMatchObject({
      state: 'expired',
      via: 'deadline',
    });
    await deliverQueuedMail();
    const mails = (await outbox.read()).slice(before);
    expect(mails.map((m) => m.subject)).toEqual([
      `[${inquiry.reference}] Bestätigung abgelaufen: Firma of7-elektro`,
    ]);
    expect((await answer('decline', 'of7', 'of7-elektro', inquiry.id)).status).toBe(409);
  });

  it('cancelling a job releases confirmed hours, tentative hours and nothing of a declined part', async () => {
    const { inquiry } = await givenTentativeJob('of8');
    await answer('confirm', 'of8', 'of8-tischler', inquiry.id);
    await answer('decline', 'of8', 'of8-elektro', inquiry.id);
    const res = await call(cancelJob, {
      method: 'DELETE',
      path: `/inquiries/${inquiry.id}/job`,
      claims: coord('of8'),
    });
    expect(res.status).toBe(200);
    expect(await week('of8', 'of8-tischler')).toEqual({ booked: 0, tentative: 0 });
    expect(await week('of8', 'of8-elektro')).toEqual({ booked: 0, tentative: 0 });
  });
});

describe('a deactivated partner', () => {
  it('can neither confirm nor decline its part (403, nothing changes) until re-activated', async () => {
    const { inquiry } = await givenTentativeJob('of9');
    const active = (value: boolean) =>
      db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: 'NET#of9', sk: 'PARTNER#of9-tischler' },
          UpdateExpression: 'SET active = :v',
          ExpressionAttributeValues: { ':v': value },
        }),
      );
    await active(false);
    for (const what of ['confirm', 'decline'] as const) {
      const res = await answer(what, 'of9', 'of9-tischler', inquiry.id);
      expect(res.status, what).toBe(403);
      expect(res.headers['content-type']).toBe('application/problem+json');
    }
    expect((await jobFor('of9', inquiry.id)).body.parts['of9-tischler'].state).toBe('requested');
    expect(await week('of9', 'of9-tischler')).toEqual({ booked: 30, tentative: 30 });
    await active(true);
    expect((await answer('confirm', 'of9', 'of9-tischler', inquiry.id)).status).toBe(200);
    expect(await week('of9', 'of9-tischler')).toEqual({ booked: 30, tentative: 0 });
  });
});
